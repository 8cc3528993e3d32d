/**
 * Reads a PDF back for assertions, with pdfjs-dist (legacy build, runs in Node without a worker thread).
 *
 *   const pdf = await readPdf(buffer);
 *   pdf.pages[1].text   // text of page 2: lines top to bottom, pieces of a line left to right, '\n' between lines
 *   pdf.pages[0].width  // page size in pt (landscape A4: 841.89 × 595.28)
 *   pdf.pages[0].pieces // the text pieces drawn: { text, font, size, x, y } (font as in `fonts`; y from the bottom)
 *   pdf.fonts           // names of the fonts embedded, e.g. 'Tinos-Bold' (subset prefix "ABCDEF+" removed)
 *   pdf.info            // document information: Title, Author, Subject, Keywords, Language (from the catalog), …
 *
 * Text keeps no-break spaces (U+00A0) as they are; compare through `normalizeSpaces` when that matters.
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfPiece {
  text: string;
  font: string;
  size: number;
  x: number;
  y: number;
}

export interface PdfPage {
  text: string;
  width: number;
  height: number;
  pieces: PdfPiece[];
}

export interface PdfContent {
  pages: PdfPage[];
  fonts: string[];
  info: Record<string, unknown>;
}

/** Turns U+00A0 and U+202F into plain spaces and collapses runs of whitespace into one space. */
export function normalizeSpaces(s: string): string {
  return s
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Piece {
  str: string;
  font: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Joins the pieces of a page into lines: same baseline (within a third of the text height) is one line. */
function pageText(pieces: Piece[]): string {
  const sorted = [...pieces].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Piece[][] = [];
  for (const p of sorted) {
    const line = lines[lines.length - 1];
    const tolerance = Math.max(1, (line?.[0]?.height ?? p.height) / 3);
    if (line && Math.abs(line[0]!.y - p.y) <= tolerance) line.push(p);
    else lines.push([p]);
  }
  return lines
    .map((line) => {
      line.sort((a, b) => a.x - b.x);
      let out = '';
      let end = Number.NEGATIVE_INFINITY;
      for (const p of line) {
        // A gap wider than a fifth of the text height between two pieces is a space (or a column gap).
        if (out !== '' && p.x - end > p.height / 5 && !/\s$/.test(out) && !/^\s/.test(p.str)) out += ' ';
        out += p.str;
        end = p.x + p.width;
      }
      return out;
    })
    .join('\n');
}

export async function readPdf(buf: Uint8Array): Promise<PdfContent> {
  // pdfjs takes ownership of the array it is given: pass a copy.
  const data = new Uint8Array(buf.byteLength);
  data.set(buf);
  const doc = await getDocument({ data, verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const pages: PdfPage[] = [];
    const fonts = new Set<string>();
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      // The operator list loads the page's fonts into the shared objects, where their names are.
      const ops = await page.getOperatorList();
      const fontName = (id: string): string => {
        const font = page.commonObjs.has(id) ? (page.commonObjs.get(id) as { name?: string }) : undefined;
        return (font?.name ?? id).replace(/^[A-Z]{6}\+/, '');
      };
      for (let k = 0; k < ops.fnArray.length; k++) {
        if (ops.fnArray[k] === OPS.setFont) fonts.add(fontName((ops.argsArray[k] as [string])[0]));
      }
      const content = await page.getTextContent();
      const pieces: Piece[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        pieces.push({
          str: item.str,
          font: fontName(item.fontName),
          x: item.transform[4] as number,
          y: item.transform[5] as number,
          width: item.width,
          height: item.height || Math.abs(item.transform[3] as number),
        });
      }
      pages.push({
        text: pageText(pieces),
        width: x1 - x0,
        height: y1 - y0,
        pieces: pieces.map((p) => ({ text: p.str, font: p.font, size: p.height, x: p.x, y: p.y })),
      });
    }
    const meta = await doc.getMetadata();
    return { pages, fonts: [...fonts].sort(), info: { ...(meta.info as Record<string, unknown>) } };
  } finally {
    await doc.destroy();
  }
}
