/**
 * One subset per font face in a PDF made of parts (combine.ts). pdfkit embeds in every part a subset of each
 * Tinos face the part uses, its glyphs numbered in the order the part first used them, so a combined file would
 * carry each face once per part. Here the glyphs of all parts' subsets of a face go into one subset, made by
 * fontkit from the vendored font as pdfkit makes its own, and embedded once. Each part's font keeps its glyph
 * numbers (so the pages' content is not touched), its widths and its text map, and gets a CIDToGIDMap that says
 * where each of its glyphs is in the one subset.
 *
 * A part's glyph is taken for the vendored font's glyph of its text (its ToUnicode entry) when the text is one
 * character that is not a combining mark and the widths agree: Tinos substitutes glyphs only around combining
 * marks (its one substitution feature, ccmp), and pdfkit lays text out glyph by glyph with kerning. A face with
 * any other glyph is not merged: every part keeps its own subset of it.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import type * as fontkit from 'fontkit';
import type * as PdfLib from 'pdf-lib';
import { vendoredFonts } from '../../document/fonts.ts';

type Lib = Pick<
  typeof PdfLib,
  'PDFName' | 'PDFDict' | 'PDFArray' | 'PDFRef' | 'PDFNumber' | 'PDFRawStream' | 'decodePDFRawStream'
>;

/** The vendored faces by PostScript name (the name after a subset's tag). */
let faces: Map<string, fontkit.Font> | undefined;
const vendoredFaces = (): Map<string, fontkit.Font> =>
  (faces ??= new Map(vendoredFonts().map((font) => [font.postscriptName, font])));

class NotMergeable extends Error {}
const refuse = (why: string): never => {
  throw new NotMergeable(why);
};

/** One part's subset of a face. */
interface PartFont {
  face: string;
  type0: PdfLib.PDFDict;
  cidFont: PdfLib.PDFDict;
  descriptor: PdfLib.PDFDict;
  /** The descriptor and the font program, which the merged subset replaces. */
  replaced: PdfLib.PDFRef[];
  /** Glyph id in the part's subset → glyph id in the vendored font. */
  original: number[];
}

/**
 * Embeds one subset of each face in `doc`, whose pages are `parts` (the pages of each part, copied in); names the
 * merged subsets with tags from `nextTag`. A face whose glyphs cannot all be matched keeps a subset per part.
 * Returns the faces merged.
 */
export function mergeFontSubsets(
  lib: Lib,
  doc: PdfLib.PDFDocument,
  parts: PdfLib.PDFPage[][],
  nextTag: () => string,
): string[] {
  const byFace = new Map<string, (PartFont | Error)[]>();
  const seen = new Set<string>();
  let pages: PdfLib.PDFRef[][];
  try {
    pages = parts.flat().map((page) => pageFonts(lib, page));
  } catch {
    return [];
  }
  for (const ref of pages.flat()) {
    if (seen.has(ref.toString())) continue;
    seen.add(ref.toString());
    // A font read otherwise than expected (never so far: the parts are pdfkit's) is not merged, and no render fails
    // for the sake of a smaller file.
    let face = '';
    let font: PartFont | Error;
    try {
      face = faceOf(lib, doc, ref);
      font = readFont(lib, doc, ref, face);
    } catch (e) {
      font = e instanceof Error ? e : new NotMergeable(String(e));
    }
    byFace.set(face, [...(byFace.get(face) ?? []), font]);
  }
  const merged: string[] = [];
  for (const [face, fonts] of byFace) {
    const ok = fonts.filter((f): f is PartFont => !(f instanceof Error));
    if (ok.length < 2 || ok.length < fonts.length) continue;
    merge(lib, doc, face, ok, nextTag());
    merged.push(face);
  }
  return merged;
}

/** The face of a font: its name without the subset tag. */
function faceOf(lib: Lib, doc: PdfLib.PDFDocument, ref: PdfLib.PDFRef): string {
  const name = doc.context.lookup(ref, lib.PDFDict).lookupMaybe(lib.PDFName.of('BaseFont'), lib.PDFName)?.decodeText();
  return name?.replace(/^[A-Z]{6}\+/, '') ?? '';
}

/** The fonts of a page's resources. */
function pageFonts(lib: Lib, page: PdfLib.PDFPage): PdfLib.PDFRef[] {
  const fontDict = page.node.Resources()?.lookupMaybe(lib.PDFName.of('Font'), lib.PDFDict);
  return (fontDict?.values() ?? []).map((v) => (v instanceof lib.PDFRef ? v : refuse('a font not an indirect object')));
}

/** A part's subset of a face, with each of its glyphs matched to the vendored font's. */
function readFont(lib: Lib, doc: PdfLib.PDFDocument, ref: PdfLib.PDFRef, face: string): PartFont {
  const { PDFName, PDFDict, PDFArray, PDFNumber, PDFRef, PDFRawStream } = lib;
  const name = (key: string, dict: PdfLib.PDFDict) => dict.lookupMaybe(PDFName.of(key), PDFName)?.decodeText();
  const type0 = doc.context.lookup(ref, PDFDict);
  const font = vendoredFaces().get(face);
  const cidFont = type0.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
  const descriptorRef = cidFont.get(PDFName.of('FontDescriptor'));
  const descriptor = cidFont.lookup(PDFName.of('FontDescriptor'), PDFDict);
  const fileRef = descriptor.get(PDFName.of('FontFile2'));
  const toUnicode = type0.lookup(PDFName.of('ToUnicode'));
  if (
    !font ||
    name('Encoding', type0) !== 'Identity-H' ||
    name('Subtype', cidFont) !== 'CIDFontType2' ||
    name('CIDToGIDMap', cidFont) !== 'Identity' ||
    descriptor.has(PDFName.of('CIDSet')) ||
    !(descriptorRef instanceof PDFRef) ||
    !(fileRef instanceof PDFRef) ||
    !(toUnicode instanceof PDFRawStream)
  )
    return refuse(`font ${face}: not a subset of a vendored face as pdfkit writes it`);

  // W: [0 [w0 w1 …]], as pdfkit writes it: a width for each glyph of the subset, in thousandths of the text size.
  const w = cidFont.lookup(PDFName.of('W'), PDFArray);
  if (w.size() !== 2 || w.lookup(0, PDFNumber).asNumber() !== 0) return refuse(`font ${face}: widths not as pdfkit's`);
  const widths = w
    .lookup(1, PDFArray)
    .asArray()
    .map((n) => (n instanceof PDFNumber ? n.asNumber() : refuse('a width not a number')));
  const unicode = readToUnicode(decoded(lib, toUnicode), widths.length);
  const original = widths.map((width, local) => {
    if (local === 0) return 0;
    const chars = [...String.fromCharCode(...(unicode[local] as number[]))];
    if (chars.length !== 1 || /\p{M}/u.test(chars[0] as string))
      return refuse(`font ${face}: glyph ${local} not of one character`);
    const glyph = font.glyphForCodePoint((chars[0] as string).codePointAt(0) as number);
    if (glyph.id === 0 || Math.abs((glyph.advanceWidth * 1000) / font.unitsPerEm - width) > 0.001)
      return refuse(`font ${face}: glyph ${local} is not the font's glyph of its character`);
    return glyph.id;
  });
  return { face, type0, cidFont, descriptor, replaced: [descriptorRef, fileRef], original };
}

/** The ToUnicode entries of glyphs 0 … count−1 as UTF-16 code units, from a CMap as pdfkit writes it. */
function readToUnicode(cmap: Uint8Array, count: number): number[][] {
  const out: number[][] = new Array(count);
  const text = Buffer.from(cmap.buffer, cmap.byteOffset, cmap.length).toString('latin1');
  const ranges = /beginbfrange([\s\S]*?)endbfrange/g;
  const hex = (h: string) =>
    h
      .replace(/\s+/g, '')
      .match(/.{4}/g)
      ?.map((u) => Number.parseInt(u, 16)) ?? [];
  for (const [, body] of text.matchAll(ranges)) {
    // <start> <end> [<u> <u> …] (pdfkit's form) or <start> <end> <u>
    for (const m of (body as string).matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g)) {
      const start = Number.parseInt(m[1] as string, 16);
      const end = Number.parseInt(m[2] as string, 16);
      const target = m[3] as string;
      if (target.startsWith('[')) {
        [...target.matchAll(/<([0-9a-fA-F\s]*)>/g)].forEach((u, i) => {
          if (start + i < count) out[start + i] = hex(u[1] as string);
        });
      } else {
        const base = hex(target.slice(1, -1));
        for (let g = start; g <= end && g < count; g++)
          out[g] = [...base.slice(0, -1), (base.at(-1) as number) + g - start];
      }
    }
  }
  for (let g = 1; g < count; g++) if (!out[g]?.length) refuse(`glyph ${g} without its text in ToUnicode`);
  return out;
}

/** A stream's data, decoded: Flate by Node's zlib (pdfkit's one filter), any other filter by pdf-lib. */
function decoded(lib: Lib, stream: PdfLib.PDFRawStream): Uint8Array {
  const filter = stream.dict.get(lib.PDFName.of('Filter'));
  const flateOnly =
    filter instanceof lib.PDFName &&
    filter.decodeText() === 'FlateDecode' &&
    !stream.dict.has(lib.PDFName.of('DecodeParms'));
  return flateOnly ? inflateSync(stream.contents) : lib.decodePDFRawStream(stream).decode();
}

/**
 * The subsets made last, compressed, by face and glyphs: the combined PDF of a budget edited in `watch` or the
 * editor mostly has the glyphs it had, and fontkit takes longer to write a subset than the rest of the merge.
 */
const programs = new Map<string, Buffer>();
const KEPT_PROGRAMS = 16;

/** The compressed font program of the subset of `face` with `glyphs` (vendored glyph ids, .notdef first). */
function subsetProgram(face: string, glyphs: number[]): Buffer {
  const key = `${face}:${glyphs.join(',')}`;
  let program = programs.get(key);
  if (program === undefined) {
    const font = vendoredFaces().get(face) as fontkit.Font;
    const subset = font.createSubset();
    for (const g of glyphs.slice(1)) subset.includeGlyph(font.getGlyph(g));
    program = deflateSync(subset.encode());
    if (programs.size >= KEPT_PROGRAMS) programs.delete(programs.keys().next().value as string);
  }
  // The most recently used last, so the oldest goes first.
  programs.delete(key);
  programs.set(key, program);
  return program;
}

/** Embeds one subset of `face` for `partFonts` and points each of them at it. */
function merge(lib: Lib, doc: PdfLib.PDFDocument, face: string, partFonts: PartFont[], tag: string): void {
  const { PDFName } = lib;
  const { context } = doc;
  // The merged subset's glyphs: .notdef, then each part's in the order the part used them.
  const at = new Map<number, number>([[0, 0]]);
  for (const f of partFonts) for (const g of f.original) if (!at.has(g)) at.set(g, at.size);
  const name = PDFName.of(`${tag}+${face}`);
  const program = context.register(context.stream(subsetProgram(face, [...at.keys()]), { Filter: 'FlateDecode' }));
  const descriptor = (partFonts[0] as PartFont).descriptor.clone(context);
  descriptor.set(PDFName.of('FontName'), name);
  descriptor.set(PDFName.of('FontFile2'), program);
  const descriptorRef = context.register(descriptor);
  for (const f of partFonts) {
    // CID (the part's glyph number, which its text shows) → glyph number in the merged subset, two bytes each.
    const map = new Uint8Array(f.original.length * 2);
    f.original.forEach((g, cid) => {
      const gid = at.get(g) as number;
      map[2 * cid] = gid >> 8;
      map[2 * cid + 1] = gid & 0xff;
    });
    f.cidFont.set(
      PDFName.of('CIDToGIDMap'),
      context.register(context.stream(deflateSync(map), { Filter: 'FlateDecode' })),
    );
    f.cidFont.set(PDFName.of('FontDescriptor'), descriptorRef);
    f.cidFont.set(PDFName.of('BaseFont'), name);
    f.type0.set(PDFName.of('BaseFont'), name);
    for (const r of f.replaced) context.delete(r);
  }
}
