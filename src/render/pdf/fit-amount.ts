/**
 * An amount in a narrow cell of the estimate is printed whole on one line: when its digits are wider than the
 * cell, its font size is reduced until it fits, instead of the layout breaking the number in the middle
 * («999 998 999 99» / «9 990»). Only texts that are a formatted amount are touched.
 */
import { vendoredFont } from '../../document/fonts.ts';

/** «1 234 567,89», «-5», with no-break or plain spaces between the groups. */
const AMOUNT = /^-?\d{1,3}(?:[\u00a0\u202f ]\d{3})*(?:,\d+)?$/;
/** Below this the figures are no longer readable on paper. */
const MIN_SIZE = 5;

const advances = new Map<string, Map<string, number>>();

/** Width of the text in em of the face (the characters of an amount only). */
function widthEm(text: string, bold: boolean): number {
  const face = bold ? 'bold' : 'normal';
  let table = advances.get(face);
  if (!table) {
    const font = vendoredFont(face);
    table = new Map(
      [...'0123456789,- \u00a0\u202f'].map((c) => [
        c,
        font.glyphForCodePoint(c.codePointAt(0)!).advanceWidth / font.unitsPerEm,
      ]),
    );
    advances.set(face, table);
  }
  let w = 0;
  for (const c of text) w += table.get(c) ?? 0.5;
  return w;
}

/** The font size at which `text` fits `widthPt`: `size` itself when it fits or is not an amount. */
export function amountFontSize(text: string, size: number, bold: boolean, widthPt: number): number {
  if (text.length < 8 || !AMOUNT.test(text)) return size;
  const needed = widthEm(text, bold) * size;
  // A hair of room: pdfmake measures with kerning and rounding of its own.
  const room = widthPt - 0.5;
  if (needed <= room) return size;
  return Math.max(MIN_SIZE, Math.floor(((size * room) / needed) * 10) / 10);
}
