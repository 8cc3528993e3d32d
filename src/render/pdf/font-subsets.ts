/**
 * One subset per font face in a PDF made of parts (combine.ts). pdfkit gives every part a subset of each Tinos face
 * it uses, its glyphs numbered in the order the part first used them, so a combined file would carry each face
 * once per part. Here the glyphs of all parts' subsets of a face go into one subset, made by fontkit from the
 * vendored font as pdfkit makes its own; each part's text is renumbered to it in the pages' content streams.
 *
 * A glyph of a part is taken for the vendored font's glyph of its text (its ToUnicode entry) only when both have the
 * same advance and bounding box. When any glyph or any piece of text cannot be matched so, nothing is merged and
 * every part keeps its subsets.
 */
import { readFileSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import type * as PdfLib from 'pdf-lib';
import { FONT } from '../../document/page.ts';
import { FONTS_DIR } from '../../package-files.ts';

type Lib = Pick<
  typeof PdfLib,
  'PDFName' | 'PDFDict' | 'PDFArray' | 'PDFRef' | 'PDFNumber' | 'PDFRawStream' | 'PDFStream' | 'decodePDFRawStream'
>;

/** The vendored faces by PostScript name (the name after a subset's tag), each with its glyphs' metrics. */
interface Face {
  font: fontkit.Font;
  metrics: Map<number, string>;
}
let faces: Map<string, Face> | undefined;
function vendoredFaces(): Map<string, Face> {
  if (faces === undefined) {
    faces = new Map();
    for (const file of Object.values(FONT.pdfFiles)) {
      const font = fontkit.create(readFileSync(FONTS_DIR + file)) as fontkit.Font;
      faces.set(font.postscriptName, { font, metrics: new Map() });
    }
  }
  return faces;
}

/**
 * A glyph's advance and control box, as its font's tables give them: the same for a glyph and its copy in a
 * subset, and enough to tell a glyph from the other glyphs of its text's character. An empty glyph (a space) has
 * no box: its outline, which is then quick to read, says so.
 */
const metricsOf = (glyph: fontkit.Glyph, empty = glyph.path.commands.length === 0): string => {
  if (empty) return `${glyph.advanceWidth} empty`;
  const b = glyph.cbox;
  return `${glyph.advanceWidth} ${b.minX} ${b.minY} ${b.maxX} ${b.maxY}`;
};

class NotMergeable extends Error {}
const refuse = (why: string): never => {
  throw new NotMergeable(why);
};

/** One part's subset of a face: its objects in the combined file and its glyphs. */
interface PartFont {
  face: string;
  /** The Type0 font and the objects only it uses. */
  refs: PdfLib.PDFRef[];
  type0: PdfLib.PDFDict;
  cidFont: PdfLib.PDFDict;
  descriptor: PdfLib.PDFDict;
  /** Glyph id in the part's subset → glyph id in the vendored font. */
  original: number[];
  /** Glyph id in the part's subset → its width in the W array and its ToUnicode entry (hex). */
  widths: number[];
  unicode: string[];
}

/**
 * Merges the subsets of each face in `doc`, whose pages are `parts` (the pages of each part, copied in); gives the
 * merged fonts names tagged by `nextTag`. Returns whether it merged (false: `doc` is left as it was).
 */
export function mergeFontSubsets(
  lib: Lib,
  doc: PdfLib.PDFDocument,
  parts: PdfLib.PDFPage[][],
  nextTag: () => string,
): boolean {
  try {
    apply(lib, doc, plan(lib, doc, parts), nextTag);
    return true;
  } catch (e) {
    if (e instanceof NotMergeable) return false;
    throw e;
  }
}

interface Plan {
  /** Per part: its fonts by reference text. */
  fonts: Map<string, PartFont>[];
  /** Per face: the vendored glyph ids of the merged subset, in order (0 first), and their widths and ToUnicode. */
  merged: Map<string, { glyphs: number[]; widths: number[]; unicode: string[] }>;
  /** Per part and face: part glyph id → merged glyph id, when not the same. */
  renumber: Map<string, number[]>[];
  /** The pages' new content, by page, for the pages whose text is renumbered. */
  contents: Map<PdfLib.PDFPage, Uint8Array[]>;
}

function plan(lib: Lib, doc: PdfLib.PDFDocument, parts: PdfLib.PDFPage[][]): Plan {
  const fonts = parts.map((pages) => {
    const out = new Map<string, PartFont>();
    for (const page of pages)
      for (const [, ref] of pageFonts(lib, page)) {
        const key = ref.toString();
        if (!out.has(key)) out.set(key, readFont(lib, doc, ref));
      }
    return out;
  });

  // The part with the most text keeps its glyph numbers (its glyphs come first), so its pages are not rewritten.
  const order = parts.map((pages, p) => ({ p, size: contentSize(lib, pages) })).sort((a, b) => b.size - a.size);
  const merged: Plan['merged'] = new Map();
  const renumber: Map<string, number[]>[] = parts.map(() => new Map());
  for (const { p } of order) {
    const partFonts = fonts[p] as Map<string, PartFont>;
    const byFace = new Map<string, number[]>();
    const seen = new Set<string>();
    for (const f of partFonts.values()) {
      if (seen.has(f.face)) refuse('two subsets of one face in a part');
      let m = merged.get(f.face);
      if (m === undefined) {
        m = { glyphs: [0], widths: [f.widths[0] as number], unicode: [f.unicode[0] as string] };
        merged.set(f.face, m);
      }
      const at = new Map(m.glyphs.map((g, i) => [g, i]));
      const numbers = f.original.map((g, local) => {
        let n = at.get(g);
        if (n === undefined) {
          n = m.glyphs.length;
          m.glyphs.push(g);
          m.widths.push(f.widths[local] as number);
          m.unicode.push(f.unicode[local] as string);
          at.set(g, n);
        }
        return n;
      });
      // Only a renumbering that changes something is kept.
      if (numbers.some((n, local) => n !== local)) byFace.set(f.face, numbers);
      seen.add(f.face);
    }
    renumber[p] = byFace;
  }

  const contents = new Map<PdfLib.PDFPage, Uint8Array[]>();
  parts.forEach((pages, p) => {
    const faceOf = fonts[p] as Map<string, PartFont>;
    const partRenumber = renumber[p] as Map<string, number[]>;
    if (partRenumber.size === 0) return;
    for (const page of pages) {
      const byName = new Map<string, number[] | undefined>();
      for (const [name, ref] of pageFonts(lib, page)) {
        const face = (faceOf.get(ref.toString()) as PartFont).face;
        byName.set(name, partRenumber.get(face));
      }
      contents.set(
        page,
        contentStreams(lib, page).map((s) => renumberText(s, byName)),
      );
    }
  });
  return { fonts, merged, renumber, contents };
}

/** The compressed size of the pages' content streams. */
function contentSize(lib: Lib, pages: PdfLib.PDFPage[]): number {
  let size = 0;
  for (const page of pages) {
    const contents = page.node.lookup(lib.PDFName.of('Contents'));
    const streams =
      contents instanceof lib.PDFArray ? contents.asArray().map((r) => page.doc.context.lookup(r)) : [contents];
    for (const st of streams) if (st instanceof lib.PDFRawStream) size += st.contents.length;
  }
  return size;
}

/** The fonts of a page's resources: resource name → the font's reference. */
function pageFonts(lib: Lib, page: PdfLib.PDFPage): [string, PdfLib.PDFRef][] {
  const { PDFName, PDFDict, PDFRef } = lib;
  const resources = page.node.Resources();
  const fontDict = resources?.lookupMaybe(PDFName.of('Font'), PDFDict);
  if (!fontDict) return [];
  return fontDict.entries().map(([name, value]) => {
    if (!(value instanceof PDFRef)) return refuse('a font that is not an indirect object');
    return [name.decodeText(), value];
  });
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/** A part's subset of a face, with each of its glyphs matched to the vendored font's. */
function readFont(lib: Lib, doc: PdfLib.PDFDocument, ref: PdfLib.PDFRef): PartFont {
  const { PDFName, PDFDict, PDFArray, PDFNumber, PDFRef, PDFRawStream } = lib;
  const type0 = doc.context.lookup(ref, PDFDict);
  const name = type0.lookup(PDFName.of('BaseFont'), PDFName).decodeText();
  const tagged = /^[A-Z]{6}\+(.+)$/.exec(name);
  const face = tagged ? vendoredFaces().get(tagged[1] as string) : undefined;
  if (!face || type0.lookup(PDFName.of('Encoding'), PDFName).decodeText() !== 'Identity-H')
    return refuse(`font ${name}: not a subset of a vendored face`);
  const descendants = type0.lookup(PDFName.of('DescendantFonts'), PDFArray);
  const cidRef = descendants.get(0);
  const cidFont = descendants.lookup(0, PDFDict);
  const descriptorRef = cidFont.get(PDFName.of('FontDescriptor'));
  const descriptor = cidFont.lookup(PDFName.of('FontDescriptor'), PDFDict);
  const fileRef = descriptor.get(PDFName.of('FontFile2'));
  const unicodeRef = type0.get(PDFName.of('ToUnicode'));
  const file = doc.context.lookup(fileRef);
  const toUnicode = doc.context.lookup(unicodeRef);
  if (!(file instanceof PDFRawStream) || !(toUnicode instanceof PDFRawStream) || descriptor.has(PDFName.of('CIDSet')))
    return refuse(`font ${name}: not as pdfkit writes it`);

  // W: [0 [w0 w1 …]], as pdfkit writes it.
  const w = cidFont.lookup(PDFName.of('W'), PDFArray);
  const first = w.lookup(0, PDFNumber);
  const list = w.lookup(1, PDFArray);
  if (w.size() !== 2 || first.asNumber() !== 0) return refuse(`font ${name}: widths not as pdfkit writes them`);
  const widths = list.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : refuse('a width not a number')));
  const unicode = readToUnicode(decoded(lib, toUnicode), widths.length);

  const subset = fontkit.create(Buffer.from(decoded(lib, file))) as fontkit.Font;
  const original = widths.map((_, local) => {
    if (local === 0) return 0;
    // The glyph of its text: of its one character, or the one glyph the font composes its characters into.
    const codePoints = hexToCodePoints(unicode[local] as string);
    const composed = codePoints.length === 1 ? undefined : face.font.layout(String.fromCodePoint(...codePoints)).glyphs;
    const candidate = composed
      ? composed.length === 1
        ? (composed[0] as fontkit.Glyph).id
        : 0
      : face.font.glyphForCodePoint(codePoints[0] as number).id;
    if (candidate === 0) return refuse(`font ${name}: glyph ${local} is not the glyph of its text`);
    let metrics = face.metrics.get(candidate);
    if (metrics === undefined) {
      metrics = metricsOf(face.font.getGlyph(candidate));
      face.metrics.set(candidate, metrics);
    }
    // pdfkit's width of the glyph, which a viewer advances by: the font's, in thousandths of the text size.
    const width = (face.font.getGlyph(candidate).advanceWidth * 1000) / face.font.unitsPerEm;
    if (Math.abs((widths[local] as number) - width) > 0.001)
      return refuse(`font ${name}: glyph ${local} has another width`);
    const copy = subset.getGlyph(local);
    if (metrics !== metricsOf(copy, metrics.endsWith(' empty') ? copy.path.commands.length === 0 : false))
      return refuse(`font ${name}: glyph ${local} is not the font's`);
    return candidate;
  });
  const refs = [ref, cidRef, descriptorRef, fileRef, unicodeRef].filter((r): r is PdfLib.PDFRef => r instanceof PDFRef);
  return { face: tagged?.[1] as string, refs, type0, cidFont, descriptor, original, widths, unicode };
}

/** The ToUnicode entries of glyphs 0 … count−1 (hex, UTF-16), from a CMap as pdfkit writes it. */
function readToUnicode(cmap: Uint8Array, count: number): string[] {
  const out = new Array<string>(count).fill('');
  const tokens = tokenize(latin1(cmap));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'hex' || tokens[i + 1]?.kind !== 'hex') continue;
    // <start> <end> [<u> <u> …]  or  <start> <end> <u>  (bfrange), within begin…endbfrange
    const start = Number.parseInt(t.text, 16);
    const end = Number.parseInt((tokens[i + 1] as Token).text, 16);
    const next = tokens[i + 2];
    if (next?.kind === 'open') {
      let g = start;
      let j = i + 3;
      for (; tokens[j]?.kind === 'hex'; j++) out[g++] = (tokens[j] as Token).text;
      i = j;
    } else if (next?.kind === 'hex' && end >= start) {
      const base = Number.parseInt(next.text, 16);
      for (let g = start; g <= end; g++) out[g] = hex4(base + g - start);
      i += 2;
    }
  }
  if (out.some((u, g) => g > 0 && u === '')) return refuse('a glyph without its text in ToUnicode');
  return out;
}

function hexToCodePoints(hex: string): number[] {
  const units: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) units.push(Number.parseInt(hex.slice(i, i + 4), 16));
  return [...String.fromCharCode(...units)].map((c) => c.codePointAt(0) as number);
}

const latin1 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');

/** The page's content streams, decoded. */
function contentStreams(lib: Lib, page: PdfLib.PDFPage): Uint8Array[] {
  const { PDFName, PDFArray, PDFRawStream } = lib;
  const contents = page.node.lookup(PDFName.of('Contents'));
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => page.doc.context.lookup(r)) : [contents];
  return streams.map((s) => (s instanceof PDFRawStream ? decoded(lib, s) : refuse('content that is not a stream')));
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

/** A Flate-compressed stream of `data` (Node's zlib: several times faster than pdf-lib's own deflate). */
const flateStream = (context: PdfLib.PDFContext, data: Uint8Array | string): PdfLib.PDFRawStream =>
  context.stream(deflateSync(typeof data === 'string' ? Buffer.from(data, 'latin1') : data), { Filter: 'FlateDecode' });

interface Token {
  kind: 'hex' | 'open' | 'close' | 'other' | 'string' | 'operator';
  text: string;
  /** Where the token starts and ends in the text. */
  start: number;
  end: number;
}

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITER = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

/** The tokens of a content stream or CMap (PDF syntax, ISO 32000 7.2). */
function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (WHITE.has(c)) {
      i++;
    } else if (c === 0x25 /* % */) {
      while (i < s.length && s[i] !== '\n' && s[i] !== '\r') i++;
    } else if (c === 0x28 /* ( */) {
      const start = i;
      let depth = 0;
      for (; i < s.length; i++) {
        if (s[i] === '\\') i++;
        else if (s[i] === '(') depth++;
        else if (s[i] === ')' && --depth === 0) break;
      }
      i++;
      tokens.push({ kind: 'string', text: s.slice(start, i), start, end: i });
    } else if (c === 0x3c /* < */ && s[i + 1] !== '<') {
      const start = i;
      const close = s.indexOf('>', i);
      if (close < 0) return refuse('an unterminated hex string');
      tokens.push({
        kind: 'hex',
        text: s
          .slice(i + 1, close)
          .replace(/\s+/g, '')
          .toLowerCase(),
        start,
        end: close + 1,
      });
      i = close + 1;
    } else if (c === 0x5b /* [ */ || c === 0x5d /* ] */) {
      tokens.push({ kind: c === 0x5b ? 'open' : 'close', text: s[i] as string, start: i, end: i + 1 });
      i++;
    } else if (c === 0x3c || c === 0x3e || c === 0x7b || c === 0x7d) {
      // << >> { }
      const n = (c === 0x3c || c === 0x3e) && s.charCodeAt(i + 1) === c ? 2 : 1;
      tokens.push({ kind: 'other', text: s.slice(i, i + n), start: i, end: i + n });
      i += n;
    } else {
      const start = i;
      i++;
      while (i < s.length && !WHITE.has(s.charCodeAt(i)) && !DELIMITER.has(s.charCodeAt(i))) i++;
      const text = s.slice(start, i);
      const isOperator =
        c !== 0x2f /* / */ && !/^[+\-.\d]/.test(text) && text !== 'true' && text !== 'false' && text !== 'null';
      tokens.push({ kind: isOperator ? 'operator' : 'other', text, start, end: i });
    }
  }
  return tokens;
}

const SHOW_TEXT = new Set(['Tj', 'TJ', "'", '"']);
const isWhite = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0;
const isRegular = (c: number): boolean => !isWhite(c) && !DELIMITER.has(c);

/**
 * A content stream with the glyph numbers of its text renumbered: `byName` maps a font resource's name to the
 * renumbering of its glyphs (undefined: unchanged). A scan of the stream's tokens (ISO 32000 7.2) that keeps
 * only what it needs of the operands: the last name (for Tf) and the places of the strings (for the text operators).
 */
function renumberText(content: Uint8Array, byName: Map<string, number[] | undefined>): Uint8Array {
  const s = latin1(content);
  let font: number[] | undefined;
  let name: string | undefined;
  let hexes: [number, number][] = [];
  let literal = false;
  const edits: [number, number, string][] = [];
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (isWhite(c)) i++;
    else if (c === 0x25 /* % */) {
      while (i < s.length && s[i] !== '\n' && s[i] !== '\r') i++;
    } else if (c === 0x28 /* ( */) {
      literal = true;
      for (let depth = 0; i < s.length; i++) {
        if (s[i] === '\\') i++;
        else if (s[i] === '(') depth++;
        else if (s[i] === ')' && --depth === 0) break;
      }
      i++;
    } else if (c === 0x3c /* < */) {
      if (s.charCodeAt(i + 1) === 0x3c) i += 2;
      else {
        const close = s.indexOf('>', i);
        if (close < 0) refuse('an unterminated hex string');
        hexes.push([i, close + 1]);
        i = close + 1;
      }
    } else if (c === 0x2f /* / */) {
      let j = i + 1;
      while (j < s.length && isRegular(s.charCodeAt(j))) j++;
      name = s.slice(i + 1, j);
      i = j;
    } else if (!isRegular(c))
      i++; // > ] [ { } and the second > of >>
    else {
      let j = i + 1;
      while (j < s.length && isRegular(s.charCodeAt(j))) j++;
      // A number or a keyword operand goes on; anything else is an operator, which takes the operands so far.
      if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
        i = j;
        continue;
      }
      const op = s.slice(i, j);
      i = j;
      if (op === 'true' || op === 'false' || op === 'null') continue;
      if (op === 'BI') refuse('an inline image in the content');
      if (op === 'Tf') {
        if (name === undefined || !byName.has(name)) refuse('a font not among the page resources');
        font = byName.get(name as string);
      } else if (font && SHOW_TEXT.has(op)) {
        if (literal) refuse('text as a literal string');
        for (const [from, to] of hexes) edits.push([from, to, renumbered(s.slice(from + 1, to - 1), font)]);
      }
      name = undefined;
      hexes = [];
      literal = false;
    }
  }
  if (edits.length === 0) return content;
  const out: string[] = [];
  let at = 0;
  for (const [from, to, text] of edits) {
    out.push(s.slice(at, from), text);
    at = to;
  }
  out.push(s.slice(at));
  return Buffer.from(out.join(''), 'latin1');
}

/** A hex string of 2-byte glyph numbers, renumbered. */
function renumbered(hex: string, numbers: number[]): string {
  const digits = hex.replace(/\s+/g, '');
  if (digits.length % 4 !== 0) refuse('a glyph number that is not two bytes');
  let out = '<';
  for (let k = 0; k < digits.length; k += 4) {
    const n = numbers[Number.parseInt(digits.slice(k, k + 4), 16)];
    if (n === undefined) refuse('a glyph the font does not have');
    out += hex4(n as number);
  }
  return `${out}>`;
}

/** Writes the merged fonts and points every page at them; the parts' own subsets are removed. */
function apply(lib: Lib, doc: PdfLib.PDFDocument, p: Plan, nextTag: () => string): void {
  const { PDFName, PDFArray, PDFDict, PDFNumber } = lib;
  const { context } = doc;
  const mergedRefs = new Map<string, PdfLib.PDFRef>();
  for (const [faceName, m] of p.merged) {
    const face = vendoredFaces().get(faceName) as Face;
    const subset = face.font.createSubset();
    for (const g of m.glyphs.slice(1)) subset.includeGlyph(face.font.getGlyph(g));
    const sample = [...p.fonts.flatMap((f) => [...f.values()])].find((f) => f.face === faceName) as PartFont;
    const name = PDFName.of(`${nextTag()}+${faceName}`);
    const file = context.register(flateStream(context, subset.encode()));
    const descriptor = sample.descriptor.clone(context);
    descriptor.set(PDFName.of('FontName'), name);
    descriptor.set(PDFName.of('FontFile2'), file);
    const cidFont = sample.cidFont.clone(context);
    cidFont.set(PDFName.of('BaseFont'), name);
    cidFont.set(PDFName.of('FontDescriptor'), context.register(descriptor));
    const widths = PDFArray.withContext(context);
    for (const w of m.widths) widths.push(PDFNumber.of(w));
    const w = PDFArray.withContext(context);
    w.push(PDFNumber.of(0));
    w.push(widths);
    cidFont.set(PDFName.of('W'), w);
    const type0 = sample.type0.clone(context);
    type0.set(PDFName.of('BaseFont'), name);
    const descendants = PDFArray.withContext(context);
    descendants.push(context.register(cidFont));
    type0.set(PDFName.of('DescendantFonts'), descendants);
    type0.set(PDFName.of('ToUnicode'), context.register(flateStream(context, toUnicodeCmap(m.unicode))));
    mergedRefs.set(faceName, context.register(type0));
  }

  for (const [page, streams] of p.contents) {
    const refs = streams.map((s) => context.register(flateStream(context, s)));
    const old = page.node.get(PDFName.of('Contents'));
    page.node.set(PDFName.of('Contents'), refs.length === 1 ? (refs[0] as PdfLib.PDFRef) : context.obj(refs));
    if (old instanceof lib.PDFRef) {
      const value = context.lookup(old);
      if (value instanceof PDFArray) for (const r of value.asArray()) if (r instanceof lib.PDFRef) context.delete(r);
      context.delete(old);
    }
  }

  p.fonts.forEach((partFonts) => {
    for (const f of partFonts.values()) for (const r of f.refs) context.delete(r);
  });
  for (const page of doc.getPages()) {
    const fontDict = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
    if (!fontDict) continue;
    for (const [name, value] of fontDict.entries()) {
      const font = p.fonts.map((f) => f.get(value.toString())).find((f) => f !== undefined);
      if (font) fontDict.set(name, mergedRefs.get(font.face) as PdfLib.PDFRef);
    }
  }
}

/** A ToUnicode CMap of glyphs 0 … n−1, as pdfkit writes one. */
function toUnicodeCmap(unicode: string[]): string {
  const ranges: string[] = [];
  for (let start = 0; start < unicode.length; start += 256) {
    const end = Math.min(start + 256, unicode.length);
    ranges.push(
      `<${hex4(start)}> <${hex4(end - 1)}> [${unicode
        .slice(start, end)
        .map((u) => `<${u}>`)
        .join(' ')}]`,
    );
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo <<',
    '  /Registry (Adobe)',
    '  /Ordering (UCS)',
    '  /Supplement 0',
    '>> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000><ffff>',
    'endcodespacerange',
    `${ranges.length} beginbfrange`,
    ...ranges,
    'endbfrange',
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}
