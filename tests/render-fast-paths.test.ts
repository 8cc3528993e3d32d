/**
 * The ways rendering saves time must not change the documents: rendering threads vs this thread, fonts shared
 * between documents (patches/pdfkit+*.patch), the combined PDF made of the annex PDFs, the render cache.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Document } from '../src/document/model.ts';
import { applicationData } from '../src/pipeline/load.ts';
import { buildAnnexDocuments, combineDocuments, renderApplication } from '../src/pipeline/render-application.ts';
import { RenderCache } from '../src/render/cache.ts';
import { combinePdfs } from '../src/render/pdf/combine.ts';
import { layOutPdf, renderPdf } from '../src/render/pdf/index.ts';
import { closeRenderPool, RenderPool } from '../src/render/pool.ts';
import { pdfObjects } from './helpers/clients.ts';
import { readPdf } from './helpers/read-pdf.ts';
import { sampleApplication } from './helpers/rendered.ts';

afterAll(async () => {
  await closeRenderPool();
});

/** Every document dated, so that equal input gives equal bytes. */
const date = new Date(1_700_000_000_000);

const app = sampleApplication();
const annexDocs = (lang: 'ru' | 'kk', application = app) => [
  ...buildAnnexDocuments(applicationData(application), lang, { date }).values(),
];

describe('the combined PDF made of the annex PDFs', () => {
  it('has their pages in order, the application’s metadata and one tag per font subset', async () => {
    const docs = annexDocs('ru');
    const parts = await Promise.all(docs.map((d) => layOutPdf(d)));
    const meta = combineDocuments(app, 'ru', docs, date).meta;
    const combined = await combinePdfs(parts, meta);
    const read = await readPdf(combined);
    const own = await Promise.all(docs.map(async (d) => readPdf(await renderPdf(d))));
    expect(read.pages.map((p) => p.text)).toEqual(own.flatMap((o) => o.pages.map((p) => p.text)));
    expect(read.info).toMatchObject({ Title: meta.title, Author: meta.author, Language: 'ru-RU' });
    expect(read.info.CreationDate).toBe('D:20231114221320Z');
    const raw = await pdfObjects(combined);
    const subsets = new Set([...raw.matchAll(/\/BaseFont\s*\/([A-Z]{6})\+/g)].map((m) => m[1]));
    expect(subsets.size).toBeGreaterThan(0);
    expect(subsets.size).toBe((raw.match(/\/FontFile2\b/g) ?? []).length);
    // Same input, same bytes.
    expect((await combinePdfs(parts, meta)).equals(combined)).toBe(true);
  });
});

describe('fonts shared between documents', () => {
  it('give a document the same bytes whatever was rendered before it', async () => {
    // Each pool is a fresh thread: one renders the document first, the other after every annex in both languages,
    // this one included (the same words, whose runs the fonts keep).
    const target = annexDocs('kk')[1] as Document;
    const fresh = new RenderPool(1);
    const used = new RenderPool(1);
    try {
      const alone = (await fresh.run({ kind: 'pdf', doc: target })).data[0] as Buffer;
      for (const doc of [...annexDocs('ru'), ...annexDocs('kk')]) await used.run({ kind: 'pdf', doc });
      const after = (await used.run({ kind: 'pdf', doc: target })).data[0] as Buffer;
      expect(after.equals(alone)).toBe(true);
    } finally {
      await Promise.all([fresh.close(), used.close()]);
    }
  });
});

describe('the render cache (watch)', () => {
  it('gives the files a fresh render gives, and lays out again only the documents an edit changed', async () => {
    const opts = { langs: ['ru' as const], workers: 0, date };
    const cache = new RenderCache();
    const first = await renderApplication(app, { ...opts, cache });
    const again = await renderApplication(app, { ...opts, cache });
    expect(cache.hits).toBe(10); // the four annex PDFs, the combined PDF, the four annex DOCX, the combined DOCX
    for (const [i, f] of again.files.entries()) expect(f.data.equals(first.files[i]?.data as Buffer)).toBe(true);

    const edited = structuredClone(app);
    const line = edited.estimate.material.lines[0];
    if (line === undefined) throw new Error('the sample has material lines');
    line.price = Number(line.price) + 1000;
    const before = annexDocs('ru').map((d) => JSON.stringify(d));
    const after = annexDocs('ru', edited).map((d) => JSON.stringify(d));
    const unchanged = after.filter((d, i) => d === before[i]).length;
    expect(unchanged).toBeGreaterThan(0);
    expect(unchanged).toBeLessThan(4);

    const hits = cache.hits;
    const cached = await renderApplication(edited, { ...opts, cache });
    const fresh = await renderApplication(edited, opts);
    // The unchanged annexes' PDF and DOCX.
    expect(cache.hits - hits).toBe(2 * unchanged);
    expect(cached.files.map((f) => f.name)).toEqual(fresh.files.map((f) => f.name));
    for (const [i, f] of cached.files.entries())
      expect(f.data.equals(fresh.files[i]?.data as Buffer), f.name).toBe(true);
    const estimate = (r: typeof first) => r.files.find((f) => f.name === 'annex-5.ru.pdf')?.data as Buffer;
    expect(estimate(cached).equals(estimate(first))).toBe(false);
  });

  it('keeps, after each build, only the files of that build and the one before (watch memory)', async () => {
    const opts = { langs: ['ru' as const], workers: 0, formats: ['pdf' as const], date };
    const cache = new RenderCache();
    const priced = (n: number) => {
      const edited = structuredClone(app);
      const line = edited.estimate.material.lines[0];
      if (line === undefined) throw new Error('the sample has material lines');
      line.price = Number(line.price) + n;
      return edited;
    };
    // Five versions of the estimate, one build each, as five saves under watch.
    for (let n = 1; n <= 5; n++) {
      await renderApplication(priced(n), { ...opts, cache });
      cache.endBuild();
    }
    // The version before the last (an edit undone) comes from memory: its estimate and combined PDF too.
    let hits = cache.hits;
    await renderApplication(priced(4), { ...opts, cache });
    expect(cache.hits - hits).toBe(5);
    cache.endBuild();
    // An older one was let go: only the annexes the estimate does not touch come from memory.
    hits = cache.hits;
    await renderApplication(priced(1), { ...opts, cache });
    expect(cache.hits - hits).toBe(3);
  });
});

describe('rendering threads', () => {
  it('give the same files as this thread', async () => {
    const opts = { langs: ['kk' as const], annexes: [2 as const, 5 as const], date };
    const here = await renderApplication(app, { ...opts, workers: 0 });
    // One thread beside this one (DOCX there, PDF here), and two threads for everything.
    for (const workers of [1, 2]) {
      const threads = await renderApplication(app, { ...opts, workers });
      expect(threads.files.map((f) => f.name)).toEqual(here.files.map((f) => f.name));
      for (const [i, f] of threads.files.entries())
        expect(f.data.equals(here.files[i]?.data as Buffer), `${f.name}, ${workers} thread(s)`).toBe(true);
    }
  });

  it('get their next job before they finish one, so a busy calling thread does not hold them up', async () => {
    const pool = new RenderPool(1);
    try {
      const [small, , big] = annexDocs('ru') as [Document, Document, Document];
      // The thread started, its writers warm.
      for (const doc of [small, big]) await pool.run({ kind: 'pdf', doc });
      const first = pool.run({ kind: 'pdf', doc: small });
      const next = pool.run({ kind: 'pdf', doc: big });
      // This thread busy (as while it lays out a PDF of its own) far longer than the two jobs take: it handles
      // no reply meanwhile, so the thread can only have started `next` if it had it from the start.
      const until = performance.now() + 3000;
      while (performance.now() < until);
      const free = performance.now();
      const done = await next;
      const waited = performance.now() - free;
      expect(waited, `waited ${waited} ms for a job of ${done.ms[0]} ms`).toBeLessThan((done.ms[0] as number) / 2);
      expect((await readPdf((await first).data[0] as Buffer)).pages.length).toBeGreaterThan(0);
      expect((await readPdf(done.data[0] as Buffer)).pages.map((p) => p.text).join('\n')).toContain('Приложение 4');
    } finally {
      await pool.close();
    }
  });

  it('report a failing job as an error and keep working', async () => {
    const pool = new RenderPool(1);
    try {
      const docs = annexDocs('ru');
      const meta = (docs[0] as Document).meta;
      await expect(pool.run({ kind: 'combinePdf', parts: [{ pdf: Buffer.from('not a PDF') }], meta })).rejects.toThrow(
        /PDF/i,
      );
      const ok = await pool.run({ kind: 'pdf', doc: docs[0] as Document });
      expect((await readPdf(ok.data[0] as Buffer)).pages.length).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });
});
