/**
 * One PDF from several: the pages of each part, in order, with the metadata of the whole. The combined
 * application is made this way from the annex PDFs instead of laying the four annexes out a second time; each
 * annex keeps its own page numbers (each is a form of its own).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as PdfLib from 'pdf-lib';
import type { DocumentMeta } from '../../document/model.ts';
import { documentDate } from '../common.ts';
import { mergeFontSubsets } from './font-subsets.ts';
import type { LaidOutPdf } from './index.ts';
import { type Bookmark, readOutline, writeOutline } from './outline.ts';
import { makeArchival } from './pdfa.ts';
import { dropStructure, joinStructures, writeStructure } from './structure-tree.ts';

/**
 * pdf-lib, required: it is CommonJS only, and imported from an ES module Node first scans its 250 files for the
 * names they export (about 55 ms of each thread's start).
 */
const lib = createRequire(import.meta.url)('pdf-lib') as typeof PdfLib;
const { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName } = lib;

/**
 * How the files are written: plain objects (no object streams: faster to write, and every reader handles them), in
 * one go (pdf-lib by default pauses every 50 objects, which costs more than the writing when a tagged PDF's
 * structure adds thousands; a render is not interactive work).
 */
const SAVE = { useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY };
/** Read in one go, as written. */
const LOAD = { updateMetadata: false, parseSpeed: lib.ParseSpeeds.Fastest };

const SUBSET_TAG = /^([A-Z]{6})\+(.+)$/;
const BASE_FONT = PDFName.of('BaseFont');
const FONT_NAME = PDFName.of('FontName');

/** Six capital letters for the n-th font subset of the combined file. */
function tag(n: number): string {
  let s = '';
  for (let i = 0, v = n; i < 6; i++, v = Math.floor(v / 26)) s = String.fromCharCode(65 + (v % 26)) + s;
  return s;
}

/**
 * Gives the font subsets of one part new tags, unique in the combined file: every part has its own subsets of
 * the same faces, and readers expect one subset per tag. The font, its descendant and its descriptor share one.
 */
function retagSubsets(doc: PdfLib.PDFDocument, tags: Map<string, string>, part: number): void {
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    for (const key of [BASE_FONT, FONT_NAME]) {
      const name = obj.get(key);
      if (!(name instanceof PDFName)) continue;
      const m = SUBSET_TAG.exec(name.decodeText());
      if (!m) continue;
      const id = `${part}:${m[1]}`;
      let t = tags.get(id);
      if (t === undefined) {
        t = tag(tags.size);
        tags.set(id, t);
      }
      obj.set(key, PDFName.of(`${t}+${m[2]}`));
    }
  }
}

const shiftPages = (bookmarks: Bookmark[], by: number): Bookmark[] =>
  bookmarks.map((b) => ({ ...b, page: b.page + by, children: shiftPages(b.children, by) }));

/**
 * The pages of `parts` in one PDF, described by `meta`. The parts as laid out (the finishing pass adds nothing the
 * whole keeps); tagged when every part is, with one structure tree of all.
 */
export async function combinePdfs(parts: LaidOutPdf[], meta: DocumentMeta): Promise<Buffer> {
  const out = await PDFDocument.create({ updateMetadata: false });
  const tags = new Map<string, string>();
  const bookmarks: Bookmark[] = [];
  const pages: PdfLib.PDFPage[][] = [];
  let first: PdfLib.PDFDocument | undefined;
  for (const [i, part] of parts.entries()) {
    const src = await PDFDocument.load(part.pdf, LOAD);
    first ??= src;
    retagSubsets(src, tags, i);
    // Each part's bookmarks, moved to where its pages go.
    const offset = out.getPageCount();
    bookmarks.push(...shiftPages(readOutline(lib, src), offset));
    const copied = await out.copyPages(src, src.getPageIndices());
    for (const page of copied) out.addPage(page);
    pages.push(copied);
  }
  if (parts.every((p) => p.structure !== undefined)) {
    const joined = joinStructures(parts.map((p, i) => ({ structure: p.structure!, pages: pages[i]!.length })));
    writeStructure(lib, out, joined);
  } else dropStructure(lib, out);
  // One subset per font face, not one per part (font-subsets.ts); the tags go on after the parts'.
  let nextTag = tags.size;
  mergeFontSubsets(lib, out, pages, () => tag(nextTag++));
  makeArchival(lib, out, meta, documentDate(meta), first);
  writeOutline(lib, out, bookmarks);
  // A file identifier, as the parts have: from the content, so equal input gives equal bytes.
  const hash = createHash('md5');
  for (const part of parts) hash.update(part.pdf);
  hash.update(JSON.stringify(meta));
  const id = PDFHexString.of(hash.digest('hex'));
  out.context.trailerInfo.ID = PDFArray.withContext(out.context);
  (out.context.trailerInfo.ID as PdfLib.PDFArray).push(id);
  (out.context.trailerInfo.ID as PdfLib.PDFArray).push(id);
  return Buffer.from(await out.save(SAVE));
}

/**
 * A PDF pdfmake wrote, finished: PDF/A-2b metadata (see pdfa.ts), bookmarks that open the top of their page
 * (pdfkit points them at the page's right edge) and, for a tagged PDF, the structure tree its content was marked
 * with (structure-tree.ts).
 */
export async function finishPdf(laidOut: LaidOutPdf, meta: DocumentMeta): Promise<Buffer> {
  const doc = await PDFDocument.load(laidOut.pdf, LOAD);
  writeOutline(lib, doc, readOutline(lib, doc));
  makeArchival(lib, doc, meta, documentDate(meta));
  if (laidOut.structure) writeStructure(lib, doc, laidOut.structure);
  return Buffer.from(await doc.save(SAVE));
}
