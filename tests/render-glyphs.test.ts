/**
 * A character missing from the embedded font is drawn as nothing, with no error: every character the documents
 * can print — both label catalogues and every string of the sample — must exist in all four vendored Tinos faces.
 * (That the PDFs embed exactly these faces is checked in render-layout.test.ts.)
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { allStrings, catalogue } from './helpers/rendered.ts';
import { loadSampleJson } from './helpers/sample.ts';

const FONT_DIR = fileURLToPath(new URL('../fonts/', import.meta.url));
const FACES = ['Tinos-Regular.ttf', 'Tinos-Bold.ttf', 'Tinos-Italic.ttf', 'Tinos-BoldItalic.ttf'];

/** Characters that are drawn: whitespace and control/format characters are not glyphs. */
function drawnCharacters(texts: string[]): string[] {
  const chars = new Set<string>();
  for (const t of texts) for (const c of t) if (!/[\s\p{Cc}\p{Cf}]/u.test(c)) chars.add(c);
  return [...chars].sort();
}

const texts = [
  ...Object.values(catalogue('ru')).map((e) => e.text),
  ...Object.values(catalogue('kk')).map((e) => e.text),
  ...allStrings(loadSampleJson()),
];
const chars = drawnCharacters(texts);

describe('glyph coverage of the vendored fonts', () => {
  it('vendors the four faces', () => {
    expect(
      readdirSync(FONT_DIR)
        .filter((f) => f.endsWith('.ttf'))
        .sort(),
    ).toEqual([...FACES].sort());
  });

  it('checks a set that holds Russian, Kazakh and the typographic signs of the forms', () => {
    for (const c of 'ЁёЖжЩщЪъ' + 'ӘәҒғҚқҢңӨөҰұҮүҺһІі' + '«»№–—…₸') {
      if (texts.some((t) => t.includes(c))) expect(chars).toContain(c);
    }
    expect(chars.length).toBeGreaterThan(120);
    expect(chars).toEqual(expect.arrayContaining(['«', '»', '№', '–', 'қ', 'ә', 'і', 'Ұ']));
  });

  it.each(FACES)('%s has a glyph for every character', (face) => {
    const font = fontkit.openSync(FONT_DIR + face) as fontkit.Font;
    const missing = chars.filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0)!));
    expect(missing).toEqual([]);
  });

  it.each(FACES)('%s covers all 18 Kazakh letters and ₸ whether the sample uses them or not', (face) => {
    const font = fontkit.openSync(FONT_DIR + face) as fontkit.Font;
    const missing = [...'әғқңөұүһіӘҒҚҢӨҰҮҺІ₸'].filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0)!));
    expect(missing).toEqual([]);
  });

  it('would notice a character the font lacks', () => {
    const font = fontkit.openSync(FONT_DIR + FACES[0]!) as fontkit.Font;
    // Ethiopic: not in Tinos.
    expect(font.hasGlyphForCodePoint('ሀ'.codePointAt(0)!)).toBe(false);
  });
});
