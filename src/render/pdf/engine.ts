/**
 * pdfmake, loaded so that every PDF of the process shares the parsed fonts and their text shaping.
 *
 * pdfkit (under pdfmake) parses each font anew for every document (fontkit.create) and shapes every word anew
 * (fontkit layout with the font's OpenType tables); that was most of the time of a render. pdfkit gives no way to
 * pass a parsed font, so the fontkit module pdfkit receives is a thin stand-in whose `create` returns one parsed
 * font per font file (by buffer), and that font remembers its shaping results. Only pdfkit sees the stand-in:
 * the real module is put back in place as soon as pdfkit has loaded.
 *
 * Sharing is safe: the parsed font is read-only for pdfkit (each document keeps its own subset and widths), and
 * a shaping result is handed out as a copy because pdfkit scales the positions of the run it gets in place.
 * The two busiest style and drawing functions of pdfmake and pdfkit are replaced by equivalent ones
 * (hot-paths.ts).
 */
import { createRequire } from 'node:module';
import type pdfmakeModule from 'pdfmake';
import { speedUpHotPaths } from './hot-paths.ts';

type Pdfmake = typeof pdfmakeModule;

interface GlyphPosition {
  xAdvance: number;
  [key: string]: number;
}
interface GlyphRun {
  glyphs: unknown[];
  positions: GlyphPosition[];
}
interface Subset {
  glyphs: number[];
  mapping: Record<number, number>;
  encode(): Uint8Array;
}
interface FontkitFont {
  /** fontkit's glyph objects by id, each made with the characters it was first asked for. */
  _glyphs?: Record<number, unknown>;
  layout(text: string, ...rest: unknown[]): GlyphRun;
  createSubset(): Subset;
}
interface Fontkit {
  create(buffer: Uint8Array, postscriptName?: string): FontkitFont;
}

/** Shaping results kept per font; past this many different words the memory is given back and refilled. */
const MAX_RUNS = 50_000;
/** Encoded subsets kept per font (by their glyphs). */
const MAX_SUBSETS = 32;

const fonts = new WeakMap<Uint8Array, Map<string, FontkitFont>>();

/** A shaping result pdfkit may change: new position objects, the same (read-only) glyphs. */
function copyRun(run: GlyphRun): GlyphRun {
  const copy: GlyphRun = Object.assign(Object.create(Object.getPrototypeOf(run)), run);
  copy.glyphs = run.glyphs.slice();
  copy.positions = run.positions.map((p) => Object.assign(Object.create(Object.getPrototypeOf(p)), p));
  return copy;
}

/**
 * Gives the font a memory of its shaping results (by text and options).
 *
 * A glyph object carries the characters it stands for, which pdfkit writes into the PDF's text map (ToUnicode).
 * fontkit keeps one glyph object per glyph, made with the characters of the first text that used it (a space and
 * a no-break space are one glyph): shared across documents, a document's text map would depend on what the
 * process rendered before. So each text is shaped with glyph objects of its own.
 */
function rememberLayouts(font: FontkitFont): void {
  if (typeof font._glyphs !== 'object' || font._glyphs === null) return;
  const layout = font.layout.bind(font);
  let runs = new Map<string, GlyphRun>();
  font.layout = (text: string, ...rest: unknown[]) => {
    if (typeof text !== 'string') return layout(text, ...rest);
    const key = rest.length === 0 || rest.every((r) => r == null) ? text : `${text}\u0000${JSON.stringify(rest)}`;
    let run = runs.get(key);
    if (run === undefined) {
      if (runs.size >= MAX_RUNS) runs = new Map();
      const glyphs = font._glyphs;
      font._glyphs = {};
      try {
        run = layout(text, ...rest);
      } finally {
        font._glyphs = glyphs;
      }
      runs.set(key, run);
    }
    return copyRun(run);
  };
}

/**
 * Gives the font a memory of its encoded subsets: a document rendered again (watch mode, a batch of similar
 * applications) embeds the same glyphs, and encoding a subset takes a good part of writing a small PDF.
 */
function rememberSubsets(font: FontkitFont): void {
  const createSubset = font.createSubset.bind(font);
  const encoded = new Map<string, { glyphs: number[]; data: Uint8Array }>();
  font.createSubset = () => {
    const subset = createSubset();
    const encode = subset.encode.bind(subset);
    subset.encode = () => {
      const key = subset.glyphs.join(',');
      let hit = encoded.get(key);
      if (hit === undefined) {
        const data = encode();
        // Encoding adds the parts of composite glyphs: remember the final list too.
        hit = { glyphs: subset.glyphs.slice(), data };
        if (encoded.size >= MAX_SUBSETS) encoded.clear();
        encoded.set(key, hit);
      } else {
        subset.glyphs = hit.glyphs.slice();
        subset.mapping = {};
        hit.glyphs.forEach((gid, i) => {
          subset.mapping[gid] = i;
        });
      }
      return hit.data;
    };
    return subset;
  };
}

function sharedFonts(real: Fontkit): Fontkit {
  const create = (buffer: Uint8Array, postscriptName?: string): FontkitFont => {
    let byName = fonts.get(buffer);
    if (byName === undefined) {
      byName = new Map();
      fonts.set(buffer, byName);
    }
    const name = postscriptName ?? '';
    let font = byName.get(name);
    if (font === undefined) {
      font = real.create(buffer, postscriptName);
      rememberLayouts(font);
      rememberSubsets(font);
      byName.set(name, font);
    }
    return font;
  };
  // Everything else is the real module's.
  return Object.create(real, { create: { value: create } });
}

function loadPdfmake(): { pdfmake: Pdfmake; sharing: boolean } {
  const require = createRequire(import.meta.url);
  const pdfmakePath = require.resolve('pdfmake');
  const pdfkitPath = createRequire(pdfmakePath).resolve('pdfkit');
  const fromPdfkit = createRequire(pdfkitPath);
  const fontkitPath = fromPdfkit.resolve('fontkit');
  const load = (sharing: boolean) => {
    const pdfmake: Pdfmake = require('pdfmake');
    speedUpHotPaths(pdfmakePath, pdfkitPath);
    return { pdfmake, sharing };
  };
  // Someone loaded pdfkit first: it keeps the real fontkit (slower, same output).
  if (require.cache[pdfkitPath] !== undefined) return load(false);
  const real = fromPdfkit('fontkit') as Fontkit;
  const entry = require.cache[fontkitPath];
  if (entry === undefined) return load(false);
  entry.exports = sharedFonts(real);
  try {
    return load(true);
  } finally {
    entry.exports = real;
  }
}

const loaded = loadPdfmake();

/** The pdfmake module. */
export const pdfmake: Pdfmake = loaded.pdfmake;

/** Whether fonts are shared between documents (false only when pdfkit was loaded before this module). */
export const fontsShared: boolean = loaded.sharing;
