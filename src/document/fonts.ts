/**
 * The vendored Tinos faces the PDF embeds, parsed by fontkit once per thread for everything that reads them: which
 * characters can be drawn (validation), text widths and the merging of font subsets (the PDF writer).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';
import { FONTS_DIR } from '../package-files.ts';
import { FONT } from './page.ts';

export type FaceName = keyof typeof FONT.pdfFiles;

/**
 * fontkit's CommonJS build, the one pdfkit requires: imported, Node would load fontkit's ES build beside it, a
 * second fontkit (and restructure) in the thread (about 100 ms of its start).
 */
const fontkit = createRequire(import.meta.url)('fontkit') as typeof Fontkit;

const parsed = new Map<FaceName, Fontkit.Font>();

/** A vendored face, parsed on first use. */
export function vendoredFont(face: FaceName): Fontkit.Font {
  let font = parsed.get(face);
  if (font === undefined) {
    font = fontkit.create(readFileSync(FONTS_DIR + FONT.pdfFiles[face])) as Fontkit.Font;
    parsed.set(face, font);
  }
  return font;
}

/** Every vendored face. */
export const vendoredFonts = (): Fontkit.Font[] => (Object.keys(FONT.pdfFiles) as FaceName[]).map(vendoredFont);

/** The face of bold and italic text. */
export function faceOf(bold: boolean, italic: boolean): FaceName {
  return bold ? (italic ? 'bolditalics' : 'bold') : italic ? 'italics' : 'normal';
}

/** Advance widths in em, by face and character (read from the font on first use). */
const advances = new Map<FaceName, Map<string, number>>();

/** Width of a text in em of a face: the sum of its characters' advance widths, without kerning. */
export function widthEm(text: string, face: FaceName): number {
  let table = advances.get(face);
  if (!table) {
    table = new Map();
    advances.set(face, table);
  }
  let w = 0;
  for (const c of text) {
    let advance = table.get(c);
    if (advance === undefined) {
      const font = vendoredFont(face);
      advance = font.glyphForCodePoint(c.codePointAt(0)!).advanceWidth / font.unitsPerEm;
      table.set(c, advance);
    }
    w += advance;
  }
  return w;
}
