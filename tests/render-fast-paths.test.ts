/**
 * The ways rendering saves time must not change the documents: rendering threads vs this thread, fonts and
 * shaping shared between documents, the combined PDF made of the annex PDFs, the annex DOCX files cut out of
 * the combined DOCX.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import * as fontkit from 'fontkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../src/document/model.ts';
import { applicationData } from '../src/pipeline/load.ts';
import { buildAnnexDocuments, combineDocuments, renderApplication } from '../src/pipeline/render-application.ts';
import { RenderCache } from '../src/render/cache.ts';
import { renderDocx } from '../src/render/docx/index.ts';
import { splitDocx } from '../src/render/docx/split.ts';
import { combinePdfs } from '../src/render/pdf/combine.ts';
import { fastLayout, fontsShared, layoutStats } from '../src/render/pdf/engine.ts';
import { renderPdf } from '../src/render/pdf/index.ts';
import { LayoutFacts, layoutFactsFor } from '../src/render/pdf/layout-facts.ts';
import { closeRenderPool, RenderPool } from '../src/render/pool.ts';
import { readDocx } from './helpers/read-docx.ts';
import { readPdf } from './helpers/read-pdf.ts';
import { sampleApplication } from './helpers/rendered.ts';

const saved = process.env.SOURCE_DATE_EPOCH;
beforeAll(() => {
  process.env.SOURCE_DATE_EPOCH = '1700000000';
});
afterAll(async () => {
  if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = saved;
  await closeRenderPool();
});

const app = sampleApplication();
const annexDocs = (lang: 'ru' | 'kk') => [...buildAnnexDocuments(applicationData(app), lang).values()];

/** document.xml with the numbers docx gives lists and relationships (which differ between files) taken out. */
const body = (docx: Uint8Array) =>
  strFromU8(unzipSync(docx)['word/document.xml'] as Uint8Array)
    .replace(/<w:numId w:val="\d+"\/>/g, '<w:numId/>')
    .replace(/r:id="rId\d+"/g, 'r:id=""');

describe('the annex DOCX files cut out of the combined one', () => {
  it.each(['ru', 'kk'] as const)('have the body of each annex rendered on its own (%s)', async (lang) => {
    const docs = annexDocs(lang);
    const combined = await renderDocx(combineDocuments(app, lang, docs));
    const parts = splitDocx(combined, docs);
    expect(parts).toHaveLength(docs.length);
    for (const [i, doc] of docs.entries()) {
      const direct = await renderDocx(doc);
      expect(body(parts[i] as Buffer)).toBe(body(direct));
      // Its own metadata, one footer, the same styles.
      const cut = readDocx(parts[i] as Buffer);
      const own = readDocx(direct);
      expect(cut.parts['docProps/core.xml']).toBe(own.parts['docProps/core.xml']);
      expect(cut.parts['word/styles.xml']).toBe(own.parts['word/styles.xml']);
      expect(Object.keys(cut.parts).filter((p) => /^word\/footer\d+\.xml$/.test(p))).toEqual(['word/footer1.xml']);
      expect(cut.parts['word/_rels/document.xml.rels']).toContain('Target="footer1.xml"');
      expect(cut.sections.map((s) => s.landscape)).toEqual(own.sections.map((s) => s.landscape));
    }
  });

  it('refuses parts that do not match the sections of the combined file', async () => {
    const docs = annexDocs('kk');
    const combined = await renderDocx(combineDocuments(app, 'kk', docs));
    expect(() => splitDocx(combined, docs.slice(1))).toThrow(/sections/);
    const empty: Document = { ...(docs[0] as Document), sections: [{ orientation: 'portrait', blocks: [] }] };
    expect(() => splitDocx(combined, [empty, ...docs.slice(1)])).toThrow(/sections/);
  });
});

describe('the combined PDF made of the annex PDFs', () => {
  it('has their pages in order, the application’s metadata and one tag per font subset', async () => {
    const docs = annexDocs('ru');
    const parts = await Promise.all(docs.map((d) => renderPdf(d)));
    const meta = combineDocuments(app, 'ru', docs).meta;
    const combined = await combinePdfs(parts, meta);
    const read = await readPdf(combined);
    const own = await Promise.all(parts.map((p) => readPdf(p)));
    expect(read.pages.map((p) => p.text)).toEqual(own.flatMap((o) => o.pages.map((p) => p.text)));
    expect(read.info).toMatchObject({ Title: meta.title, Author: meta.author, Language: 'ru-RU' });
    expect(read.info.CreationDate).toBe('D:20231114221320Z');
    const raw = combined.toString('latin1');
    const subsets = new Set([...raw.matchAll(/\/BaseFont\s*\/([A-Z]{6})\+/g)].map((m) => m[1]));
    expect(subsets.size).toBe((raw.match(/\/FontFile2\b/g) ?? []).length);
    // Same input, same bytes.
    expect((await combinePdfs(parts, meta)).equals(combined)).toBe(true);
  });
});

describe('shared fonts and shaping', () => {
  it('are on in this process', () => {
    expect(fontsShared).toBe(true);
  });

  it.each(['Regular', 'Bold', 'Italic', 'BoldItalic'])(
    'lay out every word of the sample and the labels as fontkit does (%s)',
    (face) => {
      const file = new URL(`../fonts/Tinos-${face}.ttf`, import.meta.url);
      type Font = Parameters<typeof fastLayout>[0];
      const plain = fontkit.create(readFileSync(file)) as unknown as Font;
      const fast = fontkit.create(readFileSync(file)) as unknown as Font;
      fastLayout(fast);
      const texts = [
        readFileSync(new URL('../data/gamo-2021.json', import.meta.url), 'utf8'),
        readFileSync(new URL('../templates/2015-413/labels.ru.json', import.meta.url), 'utf8'),
        readFileSync(new URL('../templates/2015-413/labels.kk.json', import.meta.url), 'utf8'),
        // Kerning pairs, ligatures, mixed scripts, combining marks, signs.
        'AV Ta Yo LT fi fl ffi office Г. Т, У. «Ү» Ұлттық №1 1 350 000 тенге 50% e\u0301 ЖK Ω α',
      ].join(' ');
      // pdfkit lays out word by word, each with the space after it.
      const words = new Set(texts.split(/(?<=[ \t\n])/).flatMap((w) => [w, w.trimEnd()]));
      const shape = (font: Font, w: string) => {
        const run = font.layout(w) as unknown as {
          glyphs: { id: number; codePoints: number[] }[];
          positions: Record<string, number>[];
        };
        return {
          glyphs: run.glyphs.map((g) => [g.id, ...g.codePoints]),
          positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
        };
      };
      let compared = 0;
      for (const w of words) {
        if (w === '') continue;
        expect(shape(fast, w), JSON.stringify(w)).toEqual(shape(plain, w));
        compared++;
      }
      expect(compared).toBeGreaterThan(3000);
    },
  );

  it('learn layout facts once: a new process reads them from disk and shapes no word again', () => {
    type Font = Parameters<typeof fastLayout>[0];
    const bytes = readFileSync(new URL('../fonts/Tinos-Regular.ttf', import.meta.url));
    const words = readFileSync(new URL('../data/gamo-2021.json', import.meta.url), 'utf8')
      .split(/(?<=[ \t\n])/)
      .filter((w) => w.trim() !== '');
    const shapeAll = (font: Font) =>
      words.map((w) => {
        const run = font.layout(w) as unknown as { glyphs: { id: number }[]; positions: { xAdvance: number }[] };
        return [run.glyphs.map((g) => g.id), run.positions.map((p) => p.xAdvance)];
      });
    const expected = shapeAll(fontkit.create(bytes) as unknown as Font);
    const dir = mkdtempSync(join(tmpdir(), 'annexes-layout-'));
    try {
      const file = join(dir, 'facts.json');
      const withFacts = (facts: LayoutFacts) => {
        const font = fontkit.create(bytes) as unknown as Font;
        fastLayout(font, facts);
        const before = layoutStats.shaped;
        const runs = shapeAll(font);
        return { runs, shaped: layoutStats.shaped - before };
      };
      // The first process learns and saves them,
      const first = new LayoutFacts(file);
      const learned = withFacts(first);
      first.save();
      expect(learned.shaped).toBeGreaterThan(300);
      expect(learned.runs).toEqual(expected);
      // the next shapes nothing and lays out the same,
      const known = withFacts(new LayoutFacts(file));
      expect(known.shaped).toBe(0);
      expect(known.runs).toEqual(expected);
      // and a damaged file is as good as none.
      writeFileSync(file, '{"pairs": {"cyrl:1054:1073": 999');
      const damaged = withFacts(new LayoutFacts(file));
      expect(damaged.shaped).toBe(learned.shaped);
      expect(damaged.runs).toEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Each font file (and fontkit version) has facts of its own.
    const other = readFileSync(new URL('../fonts/Tinos-Bold.ttf', import.meta.url));
    const files = [layoutFactsFor(bytes, 'v1'), layoutFactsFor(other, 'v1'), layoutFactsFor(bytes, 'v2')].map(
      (f) => f.file,
    );
    expect(new Set(files).size).toBe(3);
  });

  it('give a document the same bytes whatever was rendered before it', async () => {
    // Each pool is a fresh thread: one renders the document first, the other after the Russian annexes.
    const target = annexDocs('kk')[1] as Document;
    const fresh = new RenderPool(1);
    const used = new RenderPool(1);
    try {
      const alone = (await fresh.run({ kind: 'pdf', doc: target })).data[0] as Buffer;
      for (const doc of annexDocs('ru')) await used.run({ kind: 'pdf', doc });
      const after = (await used.run({ kind: 'pdf', doc: target })).data[0] as Buffer;
      expect(after.equals(alone)).toBe(true);
    } finally {
      await Promise.all([fresh.close(), used.close()]);
    }
  });
});

describe('the render cache (watch)', () => {
  it('gives the files a fresh render gives, and lays out again only the documents an edit changed', async () => {
    const opts = { langs: ['ru' as const], workers: 0 };
    const cache = new RenderCache();
    const first = await renderApplication(app, { ...opts, cache });
    const again = await renderApplication(app, { ...opts, cache });
    expect(cache.hits).toBe(6); // the four annex PDFs, the combined PDF, the DOCX set
    for (const [i, f] of again.files.entries()) expect(f.data.equals(first.files[i]?.data as Buffer)).toBe(true);

    const edited = structuredClone(app);
    const line = edited.estimate.material.lines[0];
    if (line === undefined) throw new Error('the sample has material lines');
    line.price = Number(line.price) + 1000;
    const before = [...buildAnnexDocuments(applicationData(app), 'ru').values()].map((d) => JSON.stringify(d));
    const after = [...buildAnnexDocuments(applicationData(edited), 'ru').values()].map((d) => JSON.stringify(d));
    const unchanged = after.filter((d, i) => d === before[i]).length;
    expect(unchanged).toBeGreaterThan(0);
    expect(unchanged).toBeLessThan(4);

    const hits = cache.hits;
    const cached = await renderApplication(edited, { ...opts, cache });
    const fresh = await renderApplication(edited, opts);
    expect(cache.hits - hits).toBe(unchanged);
    expect(cached.files.map((f) => f.name)).toEqual(fresh.files.map((f) => f.name));
    for (const [i, f] of cached.files.entries())
      expect(f.data.equals(fresh.files[i]?.data as Buffer), f.name).toBe(true);
    const estimate = (r: typeof first) => r.files.find((f) => f.name === 'annex-5.ru.pdf')?.data as Buffer;
    expect(estimate(cached).equals(estimate(first))).toBe(false);
  });
});

describe('rendering threads', () => {
  it('give the same files as this thread', async () => {
    const opts = { langs: ['kk' as const], annexes: [2 as const, 5 as const] };
    const here = await renderApplication(app, { ...opts, workers: 0 });
    // One thread beside this one (DOCX there, PDF here), and two threads for everything.
    for (const workers of [1, 2]) {
      const threads = await renderApplication(app, { ...opts, workers });
      expect(threads.files.map((f) => f.name)).toEqual(here.files.map((f) => f.name));
      for (const [i, f] of threads.files.entries())
        expect(f.data.equals(here.files[i]?.data as Buffer), `${f.name}, ${workers} thread(s)`).toBe(true);
    }
  });

  it('report a failing job as an error and keep working', async () => {
    const pool = new RenderPool(1);
    try {
      const docs = annexDocs('ru');
      await expect(pool.run({ kind: 'docxSet', combined: docs[0] as Document, parts: docs })).rejects.toThrow(
        /sections/,
      );
      const ok = await pool.run({ kind: 'pdf', doc: docs[0] as Document });
      expect((await readPdf(ok.data[0] as Buffer)).pages.length).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });
});
