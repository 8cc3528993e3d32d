/**
 * An amount in a narrow cell of the estimate is printed whole on one line: when its digits are wider than the
 * cell, its font size is reduced until it fits, instead of the layout breaking the number in the middle
 * («999 998 999 99» / «9 990»). Only texts that are a formatted amount are touched.
 */
import { widthEm } from '../../document/fonts.ts';

/** «1 234 567,89», «-5», with no-break or plain spaces between the groups. */
const AMOUNT = /^-?\d{1,3}(?:[\u00a0\u202f ]\d{3})*(?:,\d+)?$/;
/** Below this the figures are no longer readable on paper. */
const MIN_SIZE = 5;

/** The font size at which `text` fits `widthPt`: `size` itself when it fits or is not an amount. */
export function amountFontSize(text: string, size: number, bold: boolean, widthPt: number): number {
  if (text.length < 8 || !AMOUNT.test(text)) return size;
  const needed = widthEm(text, bold ? 'bold' : 'normal') * size;
  // A hair of room: pdfmake measures with kerning and rounding of its own.
  const room = widthPt - 0.5;
  if (needed <= room) return size;
  return Math.max(MIN_SIZE, Math.floor(((size * room) / needed) * 10) / 10);
}
