/**
 * pdfmake, loaded so that every PDF of the process shares the parsed fonts, with a direct text layout.
 *
 * pdfkit (under pdfmake) parses each font anew for every document (fontkit.create) and shapes every word with
 * fontkit's OpenType engine; that was most of the time of a render. pdfkit gives no way to pass a parsed font, so
 * the fontkit module pdfkit receives is a thin stand-in whose `create` returns one parsed font per font file (by
 * buffer), and that font lays simple text out quickly (fastLayout). Only pdfkit sees the stand-in: the real
 * module is put back in place as soon as pdfkit has loaded.
 *
 * Sharing is safe: the parsed font is read-only for pdfkit (each document keeps its own subset and widths), and
 * every layout hands out new position objects because pdfkit scales the positions of the run it gets in place.
 * pdfmake's and pdfkit's busiest style, text and drawing functions are replaced by equivalent ones
 * (hot-paths.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type pdfmakeModule from 'pdfmake';
import { speedUpHotPaths } from './hot-paths.ts';
import { LayoutFacts, layoutFactsFor } from './layout-facts.ts';

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

/** Encoded subsets kept per font (by their glyphs). */
const MAX_SUBSETS = 32;

const fonts = new WeakMap<Uint8Array, Map<string, FontkitFont>>();

/**
 * Text that may need no more than pair kerning in these fonts: Latin, Greek, Cyrillic (all the Kazakh letters),
 * the usual punctuation, currency and letterlike signs (№), with no combining marks and no surrogates.
 */
const SIMPLE_TEXT =
  /^[\u0000-\u02ff\u0370-\u0482\u048a-\u052f\u1e00-\u1fff\u2000-\u20cf\u2100-\u218f\u2190-\u22ff\u25a0-\u25ff]*$/;

interface SimpleGlyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
}

/** fontkit's run shape, as pdfkit reads it: the width is the sum of the (scaled) advances. */
class SimpleRun {
  constructor(
    readonly glyphs: SimpleGlyph[],
    readonly positions: GlyphPosition[],
  ) {}
  get advanceWidth(): number {
    let w = 0;
    for (const p of this.positions) w += p.xAdvance;
    return w;
  }
}

/** Script of a simple text as fontkit would choose it, when the text has letters of one script only. */
function scriptOf(text: string): string | undefined | null {
  const cyrillic = /[\u0400-\u052f]/.test(text);
  const latin = /[A-Za-z\u00c0-\u024f\u1e00-\u1eff]/.test(text);
  const greek = /[\u0370-\u03ff\u1f00-\u1fff]/.test(text);
  if (Number(cyrillic) + Number(latin) + Number(greek) > 1) return null;
  return cyrillic ? 'cyrl' : latin ? 'latn' : greek ? 'grek' : undefined;
}

/**
 * Lays out simple text (SIMPLE_TEXT) as fontkit does, without running its OpenType engine for every word.
 *
 * fontkit shapes every text through the font's GSUB/GPOS lookups, with a new shaping plan each time: that was the
 * largest single cost of a render, and every new word of a cold process paid it. In these fonts, text of one
 * script without combining marks is one glyph per character with pair kerning, so a word's layout is put together
 * from its characters' glyphs and the kerning of each pair of neighbours, both shaped by fontkit once and
 * remembered. Whatever does not fit that pattern (a ligature, a substitution, a pair that moves the second glyph,
 * mixed scripts) is shaped by fontkit as a whole. tests/render-fast-paths.test.ts compares the two on every word
 * of the sample, in every face.
 *
 * A glyph object carries the characters it stands for, which pdfkit writes into the PDF's text map (ToUnicode).
 * fontkit keeps one glyph object per glyph, made with the characters of the first text that used it (a space and
 * a no-break space are one glyph): shared across documents, a document's text map would depend on what the
 * process rendered before. So glyph objects are kept per character here, and other text is shaped with glyph
 * objects of its own.
 */
/** How many times fontkit's shaping engine ran (a new process with known layout facts runs it for no word). */
export const layoutStats = { shaped: 0 };

export function fastLayout(
  font: FontkitFont & { glyphForCodePoint(cp: number): SimpleGlyph },
  /** Kept on disk for the fonts pdfkit uses; in memory only when not given. */
  facts: LayoutFacts = new LayoutFacts(undefined),
): void {
  if (typeof font._glyphs !== 'object' || font._glyphs === null) return;
  const layout = font.layout.bind(font);
  const ownGlyphs = <T>(make: () => T): T => {
    const glyphs = font._glyphs;
    font._glyphs = {};
    try {
      return make();
    } finally {
      font._glyphs = glyphs;
    }
  };
  const shape = (text: string, script?: string) => {
    layoutStats.shaped++;
    return ownGlyphs(() => layout(text, undefined, script)) as unknown as {
      glyphs: SimpleGlyph[];
      positions: GlyphPosition[];
    };
  };
  const plainPosition = (p: GlyphPosition | undefined, glyph: SimpleGlyph, kerning = 0) =>
    p !== undefined && p.xAdvance === glyph.advanceWidth + kerning && !p.yAdvance && !p.xOffset && !p.yOffset;

  /** Per character: its glyph, or null when fontkit gives it anything but its own glyph at its own width. */
  const byCodePoint = new Map<string, SimpleGlyph | null>();
  const glyphFor = (cp: number, script: string | undefined): SimpleGlyph | null => {
    const key = `${script}:${cp}`;
    let glyph = byCodePoint.get(key);
    if (glyph === undefined) {
      const own = ownGlyphs(() => font.glyphForCodePoint(cp));
      let ok = facts.singles.get(key);
      if (ok === undefined) {
        const run = shape(String.fromCharCode(cp), script);
        ok = run.glyphs.length === 1 && run.glyphs[0]?.id === own.id && plainPosition(run.positions[0], own);
        facts.setSingle(key, ok);
      }
      glyph = ok ? own : null;
      byCodePoint.set(key, glyph);
    }
    return glyph;
  };
  /** Per pair of neighbours: the kerning added to the first one's advance, or null when it is not just that. */
  const kerning = facts.pairs;
  const kerningOf = (a: number, b: number, ga: SimpleGlyph, gb: SimpleGlyph, script: string | undefined) => {
    const key = `${script}:${a}:${b}`;
    let k = kerning.get(key);
    if (k === undefined) {
      const run = shape(String.fromCharCode(a, b), script);
      const [p, q] = run.positions;
      const same = run.glyphs.length === 2 && run.glyphs[0]?.id === ga.id && run.glyphs[1]?.id === gb.id;
      k = same && p !== undefined && plainPosition(q, gb) ? p.xAdvance - ga.advanceWidth : null;
      if (k !== null && !plainPosition(p, ga, k)) k = null;
      facts.setPair(key, k);
    }
    return k;
  };

  font.layout = (text: string, ...rest: unknown[]) => {
    const simple = typeof text === 'string' && rest.every((r) => r == null) && SIMPLE_TEXT.test(text);
    const script = simple ? scriptOf(text) : null;
    if (script === null) return ownGlyphs(() => layout(text, ...rest));
    const glyphs: SimpleGlyph[] = [];
    const positions: GlyphPosition[] = [];
    for (let i = 0; i < text.length; i++) {
      const glyph = glyphFor(text.charCodeAt(i), script);
      if (glyph === null) return ownGlyphs(() => layout(text, ...rest));
      glyphs.push(glyph);
      positions.push({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 });
      if (i > 0) {
        const k = kerningOf(text.charCodeAt(i - 1), text.charCodeAt(i), glyphs[i - 1] as SimpleGlyph, glyph, script);
        if (k === null) return ownGlyphs(() => layout(text, ...rest));
        (positions[i - 1] as GlyphPosition).xAdvance += k;
      }
    }
    return new SimpleRun(glyphs, positions) as unknown as GlyphRun;
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

function sharedFonts(real: Fontkit, fontkitVersion: string): Fontkit {
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
      fastLayout(font as Parameters<typeof fastLayout>[0], layoutFactsFor(buffer, `${fontkitVersion} ${name}`));
      rememberSubsets(font);
      byName.set(name, font);
    }
    return font;
  };
  // Everything else is the real module's.
  return Object.create(real, { create: { value: create } });
}

/** The version in the package.json of the package whose main file is `main`. */
function packageVersion(main: string): string {
  for (let dir = dirname(main); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name !== undefined && pkg.version !== undefined) return `${pkg.name}@${pkg.version}`;
    } catch {
      // Not here: one folder up.
    }
  }
  return 'unknown';
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
  entry.exports = sharedFonts(real, packageVersion(fontkitPath));
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
