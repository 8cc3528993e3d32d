/**
 * The vendored Tinos faces the PDF embeds, parsed by fontkit once per thread for everything that reads them: which
 * characters can be drawn (validation), amount widths and the merging of font subsets (the PDF writer).
 */
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { FONTS_DIR } from '../package-files.ts';
import { FONT } from './page.ts';

export type FaceName = keyof typeof FONT.pdfFiles;

const parsed = new Map<FaceName, fontkit.Font>();

/** A vendored face, parsed on first use. */
export function vendoredFont(face: FaceName): fontkit.Font {
  let font = parsed.get(face);
  if (font === undefined) {
    font = fontkit.create(readFileSync(FONTS_DIR + FONT.pdfFiles[face])) as fontkit.Font;
    parsed.set(face, font);
  }
  return font;
}

/** Every vendored face. */
export const vendoredFonts = (): fontkit.Font[] => (Object.keys(FONT.pdfFiles) as FaceName[]).map(vendoredFont);
