/**
 * Rendering the sample application in memory and reading what a reader of the documents sees.
 *
 *   const { files } = await renderSample({ langs: ['kk'] });
 *   files.get('annex-5.kk.pdf')               // Buffer
 *   readingText(await readPdf(buf))           // PDF text in drawing order (cell by cell), page numbers left out
 *   missingInOrder(text, ['Форма', 'Анкета']) // needles not found one after the other (whitespace ignored)
 *   docxTableFormats(readDocx(buf).xml)       // per table/row/cell: paragraph alignments and repeated headers
 *   labelText('kk', 'common.annex', { n: 2 }) // a label of the catalogue with its placeholders filled
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { Parser } from 'htmlparser2';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import type { Application } from '../../src/model/application.ts';
import type { Lang } from '../../src/model/common.ts';
import { loadApplication } from '../../src/pipeline/load.ts';
import { type ApplicationData, type RenderOptions, renderApplication } from '../../src/pipeline/render-application.ts';
import { type DocxContent, readDocx } from './read-docx.ts';
import { type PdfContent, type PdfPiece, readPdf } from './read-pdf.ts';
import { loadSampleJson } from './sample.ts';

// biome-ignore lint/suspicious/noExplicitAny: the raw sample JSON, walked freely by the tests
export type Json = Record<string, any>;

/** The sample as validated model, optionally changed first (on a deep copy of the JSON). */
export function sampleApplication(change?: (json: Json) => void): Application {
  const json = structuredClone(loadSampleJson());
  change?.(json);
  return loadApplication({ value: json }).application;
}

export interface RenderedSet {
  /** File name (`annex-2.ru.pdf`, `application.kk.docx`) → bytes. */
  files: Map<string, Buffer>;
  warnings: Diagnostic[];
}

export async function renderModel(app: ApplicationData | Application, opts: RenderOptions = {}): Promise<RenderedSet> {
  const { files, warnings } = await renderApplication(app, opts);
  return { files: new Map(files.map((f) => [f.name, f.data])), warnings };
}

export const renderSample = (opts: RenderOptions = {}, change?: (json: Json) => void) =>
  renderModel(sampleApplication(change), opts);

/** One annex of an application in Russian, DOCX and PDF, as a reader sees them, and the time its render took. */
export async function renderOneAnnex(
  json: Json,
  annex: 2 | 3 | 4 | 5,
): Promise<{ docx: DocxContent; pdf: PdfContent; ms: number }> {
  const loaded = loadApplication({ value: json });
  const t0 = performance.now();
  const set = await renderModel(loaded, { langs: ['ru'], annexes: [annex] });
  const ms = performance.now() - t0;
  return {
    docx: readDocx(file(set, `annex-${annex}.ru.docx`)),
    pdf: await readPdf(file(set, `annex-${annex}.ru.pdf`)),
    ms,
  };
}

export function file(set: RenderedSet, name: string): Buffer {
  const data = set.files.get(name);
  if (!data) throw new Error(`not rendered: ${name} (have ${[...set.files.keys()].join(', ')})`);
  return data;
}

// ---------------------------------------------------------------------------------------------------------------
// Label catalogues, read as data (not through the code under test)

export interface CatalogueEntry {
  text: string;
  status: string;
}

const catalogues = new Map<Lang, Record<string, CatalogueEntry>>();

export function catalogue(lang: Lang): Record<string, CatalogueEntry> {
  let c = catalogues.get(lang);
  if (!c) {
    const path = fileURLToPath(new URL(`../../templates/2015-413/labels.${lang}.json`, import.meta.url));
    c = JSON.parse(readFileSync(path, 'utf8')) as Record<string, CatalogueEntry>;
    catalogues.set(lang, c);
  }
  return c;
}

/** A label with `{name}` placeholders filled. */
export function labelText(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const entry = catalogue(lang)[key];
  if (!entry) throw new Error(`no label ${key} in the ${lang} catalogue`);
  return entry.text.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`label ${key}: no value for {${name}}`);
    return String(params[name]);
  });
}

const pluralRules = new Intl.PluralRules('ru');

/** `<key>.one|few|many` by the Russian plural rules (Kazakh repeats the text), filled with `n`. */
export const pluralLabel = (lang: Lang, key: string, n: number): string =>
  labelText(lang, `${key}.${pluralRules.select(n)}`, { n });

/** The text of a localized value of the JSON in one language. */
export function textOf(value: unknown, lang: Lang): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && (lang in value || 'ru' in value || 'kk' in value))
    return (value as Record<string, string>)[lang] ?? '';
  throw new Error(`not a localized text: ${JSON.stringify(value)}`);
}

/** Every text of a rich text value (paragraphs and list items) in one language. */
export function richTexts(value: unknown, lang: Lang): string[] {
  if (!Array.isArray(value)) return [textOf(value, lang)];
  return value.flatMap((b) => {
    if (b && typeof b === 'object' && 'ul' in b) return (b.ul as unknown[]).map((t) => textOf(t, lang));
    if (b && typeof b === 'object' && 'ol' in b) return (b.ol as unknown[]).map((t) => textOf(t, lang));
    return [textOf(b, lang)];
  });
}

/** Every string value in a JSON value (keys and `$schema` left out). */
export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) allStrings(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) if (k !== '$schema') allStrings(v, out);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers as the forms print them: digit groups with no-break spaces, decimal comma

export function grouped(value: string): string {
  const [int, frac] = value.split('.');
  const g = int!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return frac === undefined ? g : `${g},${frac}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading text

/** Whitespace of any kind removed: line breaks of the PDF no longer matter. */
export const compact = (s: string): string => s.replace(/[\s\u00a0\u202f]+/g, '');

const FONT_DIR = fileURLToPath(new URL('../../fonts/', import.meta.url));
const fonts = new Map<string, fontkit.Font>();
const widths = new Map<string, number>();

/** Advance width of a piece of text in pt, from the vendored font the PDF names. */
export function textWidth(text: string, font: string, size: number): number {
  const id = `${font}\u0000${text}`;
  let w = widths.get(id);
  if (w === undefined) {
    let f = fonts.get(font);
    if (!f) {
      const name = /^Tinos-(Regular|Bold|Italic|BoldItalic)$/.test(font) ? font : 'Tinos-Regular';
      f = fontkit.openSync(`${FONT_DIR}${name}.ttf`) as fontkit.Font;
      fonts.set(font, f);
    }
    w = f.layout(text).advanceWidth / f.unitsPerEm;
    widths.set(id, w);
  }
  return w * size;
}

/** A line of a PDF page as drawn: its text, where it starts and ends (its last visible glyph), its baseline (pt from the bottom). */
export interface DrawnLine {
  text: string;
  x: number;
  end: number;
  y: number;
}

const linesCache = new WeakMap<PdfContent, DrawnLine[][]>();

/**
 * Lines of each page in the order they were drawn. pdfmake draws a table cell by cell, so a cell's lines follow
 * each other (the line-by-line page text interleaves the columns of a row). Pieces of one baseline that stand
 * apart (the first lines of neighbouring cells) are lines of their own. The page number at the foot is left out.
 */
export function drawnLines(pdf: PdfContent): DrawnLine[][] {
  const cached = linesCache.get(pdf);
  if (cached) return cached;
  const pages = pdf.pages.map((page) => {
    const lowest = Math.min(...page.pieces.map((p) => p.y));
    const lines: DrawnLine[] = [];
    let line: DrawnLine | undefined;
    let prev: PdfPiece | undefined;
    for (const p of page.pieces) {
      // The page number: the lowest piece, a number (the combined application numbers each annex anew).
      if (p.y === lowest && /^\d+$/.test(p.text.trim())) continue;
      const end = prev ? prev.x + textWidth(prev.text, prev.font, prev.size) : 0;
      if (!line || !prev || Math.abs(p.y - prev.y) > 1 || p.x < end - 1 || p.x > end + Math.max(2, p.size / 2)) {
        line = { text: '', x: p.x, end: p.x, y: p.y };
        lines.push(line);
      }
      line.text += p.text;
      if (p.text.trim() !== '') line.end = p.x + textWidth(p.text.trimEnd(), p.font, p.size);
      prev = p;
    }
    return lines;
  });
  linesCache.set(pdf, pages);
  return pages;
}

/** Text of PDF pages in the order it was drawn (see drawnLines), '\n' between lines. */
export function readingText(pdf: PdfContent, pages: number[] = pdf.pages.map((_, i) => i)): string {
  const all = drawnLines(pdf);
  return pages.map((i) => all[i]!.map((l) => l.text).join('\n')).join('\n');
}

/** A vertical line drawn on a page (a table border), in PDF space: x, and its top and bottom y (pt from the bottom). */
export interface VerticalRule {
  x: number;
  top: number;
  bottom: number;
}

/**
 * The vertical lines stroked on each page of a PDF: the column borders of its tables. pdfkit draws in a space
 * flipped upside down (origin at the top left), hence the page height minus y.
 */
export async function verticalRules(buf: Uint8Array): Promise<VerticalRule[][]> {
  const data = new Uint8Array(buf.byteLength);
  data.set(buf);
  const doc = await getDocument({ data, verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const pages: VerticalRule[][] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const height = (page.view as number[])[3]! - (page.view as number[])[1]!;
      const ops = await page.getOperatorList();
      const rules: VerticalRule[] = [];
      ops.fnArray.forEach((fn, k) => {
        if (fn !== OPS.constructPath) return;
        const [paint, paths] = ops.argsArray[k] as [number, (ArrayLike<number> | null)[]];
        if (paint !== OPS.stroke) return;
        for (const path of paths ?? []) {
          if (!path) continue;
          let at: [number, number] | undefined;
          for (let j = 0; j < path.length; ) {
            const cmd = path[j]!;
            if (cmd === 0 || cmd === 1) {
              const to: [number, number] = [path[j + 1]!, path[j + 2]!];
              if (cmd === 1 && at && Math.abs(at[0] - to[0]) < 0.01 && Math.abs(at[1] - to[1]) > 1)
                rules.push({ x: to[0], top: height - Math.min(at[1], to[1]), bottom: height - Math.max(at[1], to[1]) });
              at = to;
              j += 3;
            } else if (cmd === 2) j += 7;
            else j += 1;
          }
        }
      });
      pages.push(rules);
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/**
 * The needles that are not found one after another in `text`, whitespace ignored, with where the search
 * stood; an empty list means every needle was found in order.
 */
export function missingInOrder(text: string, needles: readonly string[]): string[] {
  const hay = compact(text);
  const missing: string[] = [];
  let at = 0;
  needles.forEach((needle, i) => {
    const found = hay.indexOf(compact(needle), at);
    if (found === -1) {
      const before = i > 0 ? ` (after #${i - 1} «${needles[i - 1]}»)` : '';
      missing.push(`#${i} «${needle}»${before}`);
    } else at = found + compact(needle).length;
  });
  return missing;
}

/** How many times `needle` occurs in `text`, whitespace ignored. */
export function occurrences(text: string, needle: string): number {
  const hay = compact(text);
  const n = compact(needle);
  let count = 0;
  for (let at = hay.indexOf(n); at !== -1; at = hay.indexOf(n, at + n.length)) count++;
  return count;
}

/**
 * Occurrences of a label in a PDF, including those a page break cut in two inside a table row. pdfmake draws the
 * rest of every cell of such a row after the break (and after the repeated header), so the two parts of the label
 * are far apart in the drawing order: its first words are the last line of the cell on one page, its other words
 * a line of the next page at the same left edge. Counts whole-line parts only, which is what short labels in their
 * own paragraph give.
 */
export function countInPdf(pdf: PdfContent, label: string): number {
  const norm = (l: string) => l.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  let count = occurrences(readingText(pdf), label);
  const words = norm(label).split(' ');
  const pages = drawnLines(pdf);
  for (let i = 0; i + 1 < pages.length; i++) {
    const before = pages[i]!;
    const after = pages[i + 1]!;
    // Within a cell each line is drawn below the one before; the next cell of the row starts at the top again,
    // so a cell's part on the page before ends with a line that is not followed by one below it.
    const lastInCell = before.filter((l, j) => j === before.length - 1 || before[j + 1]!.y > l.y - 1);
    for (let k = 1; k < words.length; k++) {
      const head = words.slice(0, k).join(' ');
      const tail = words.slice(k).join(' ');
      // A tail on the next page that is not the second line of a label whole on that page (the rest of the cell
      // may follow the repeated header rows, drawn above it).
      const tails = after.filter(
        (l, j) => norm(l.text) === tail && !(j > 0 && norm(after[j - 1]!.text) === head && after[j - 1]!.y > l.y),
      );
      for (const h of lastInCell.filter((l) => norm(l.text) === head)) {
        const t = tails.findIndex((l) => Math.abs(l.x - h.x) <= 1);
        if (t === -1) continue;
        tails.splice(t, 1);
        count++;
      }
    }
  }
  return count;
}

/** `s` as a literal inside a regular expression. */
export const regexEscape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regular expression for a label as a whole word, with any whitespace (or none) where the PDF broke a line. */
export function wordPattern(label: string): RegExp {
  const chars = [...label.replace(/[\s\u00a0]+/g, '')].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const start = /^[\p{L}\p{N}]/u.test(label) ? '(?<![\\p{L}\\p{N}])' : '';
  const end = /[\p{L}\p{N}]$/u.test(label) ? '(?![\\p{L}\\p{N}])' : '';
  return new RegExp(`${start}${chars.join('[\\s\\u00a0]*')}${end}`, 'u');
}

// ---------------------------------------------------------------------------------------------------------------
// DOCX tables with formatting

export interface DocxCellFormat {
  text: string;
  /** w:jc of each paragraph of the cell (undefined: as the paragraph style says). */
  align: (string | undefined)[];
}

export interface DocxRowFormat {
  /** w:tblHeader: repeated at the top of each page. */
  header: boolean;
  cells: DocxCellFormat[];
}

/**
 * Tables of word/document.xml in the order of `readDocx().tables`, with paragraph alignment and header rows; a table
 * nested at the start of a cell that spans a whole row reads as rows of the table around it, as in readDocx.
 */
export function docxTableFormats(xml: string): DocxRowFormat[][] {
  const tables: DocxRowFormat[][] = [];
  // Open tables, innermost last, with the row and cell of the outer table to come back to.
  const open: {
    index: number;
    row?: DocxRowFormat;
    cell?: DocxCellFormat;
    paragraph: number;
    columns: number;
    span: number;
  }[] = [];
  let row: DocxRowFormat | undefined;
  let cell: DocxCellFormat | undefined;
  let inPPr = false;
  let inText = false;
  let paragraph = -1;
  new Parser(
    {
      onopentag(name, attrs) {
        switch (name) {
          case 'w:tbl': {
            const outer = open.at(-1);
            if (outer && cell?.align.length === 0 && row?.cells.length === 1 && outer.span === outer.columns) {
              const rows = tables[outer.index]!;
              rows.splice(rows.indexOf(row), 1);
              open.push({ index: outer.index, row, cell: undefined, paragraph, columns: 0, span: 1 });
              break;
            }
            tables.push([]);
            open.push({ index: tables.length - 1, row, cell, paragraph, columns: 0, span: 1 });
            break;
          }
          case 'w:gridCol':
            if (open.at(-1)) open.at(-1)!.columns++;
            break;
          case 'w:gridSpan':
            if (open.at(-1)) open.at(-1)!.span = Number(attrs['w:val']);
            break;
          case 'w:tr':
            row = { header: false, cells: [] };
            tables[open.at(-1)!.index]!.push(row);
            break;
          case 'w:tblHeader':
            if (row) row.header = !['0', 'false', 'off'].includes(attrs['w:val'] ?? 'true');
            break;
          case 'w:tc':
            cell = { text: '', align: [] };
            row?.cells.push(cell);
            if (open.at(-1)) open.at(-1)!.span = 1;
            break;
          case 'w:p':
            if (cell) {
              if (cell.align.length > 0) cell.text += '\n';
              cell.align.push(undefined);
              paragraph = cell.align.length - 1;
            }
            break;
          case 'w:pPr':
            inPPr = true;
            break;
          case 'w:jc':
            if (inPPr && cell && paragraph >= 0) cell.align[paragraph] = attrs['w:val'];
            break;
          case 'w:t':
            inText = true;
            break;
        }
      },
      ontext(text) {
        if (inText && cell) cell.text += text;
      },
      onclosetag(name) {
        if (name === 'w:pPr') inPPr = false;
        else if (name === 'w:t') inText = false;
        else if (name === 'w:tc') {
          cell = undefined;
          paragraph = -1;
        } else if (name === 'w:tbl') {
          const outer = open.pop();
          row = outer?.row;
          cell = outer?.cell;
          paragraph = outer?.paragraph ?? -1;
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  ).end(xml);
  return tables;
}
