/**
 * Rendering threads that fail: a thread that reaches its heap limit (ANNEXES_THREAD_MEMORY_MB) fails its job
 * with a RenderThreadError that says so, and the next job is rendered on a new thread; after a failed job, the
 * jobs its caller withdraws (an aborted signal) fail with the same error without being started, while the others
 * are rendered. What the threads render is read back with pdf.js.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { withEstimateLines } from '../bench/generate.ts';
import type { Document } from '../src/document/model.ts';
import { applicationData, loadApplication } from '../src/pipeline/load.ts';
import { buildAnnexDocuments } from '../src/pipeline/render-application.ts';
import { RenderPool, RenderThreadError, THREAD_MEMORY_ENV } from '../src/render/pool.ts';
import { readPdf } from './helpers/read-pdf.ts';

/** Annex 5 (the estimate) of an application whose estimate has `lines` lines, in Russian. */
function estimateDoc(lines: number): Document {
  const { application } = loadApplication({ value: withEstimateLines(lines) });
  return buildAnnexDocuments(applicationData(application), 'ru', { annexes: [5] }).get(5) as Document;
}

const pools: RenderPool[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));

/** A pool of one thread, made while the environment says `limit`. */
function poolWith(limit: string | undefined): RenderPool {
  const saved = process.env[THREAD_MEMORY_ENV];
  if (limit === undefined) delete process.env[THREAD_MEMORY_ENV];
  else process.env[THREAD_MEMORY_ENV] = limit;
  try {
    const pool = new RenderPool(1);
    pools.push(pool);
    return pool;
  } finally {
    if (saved === undefined) delete process.env[THREAD_MEMORY_ENV];
    else process.env[THREAD_MEMORY_ENV] = saved;
  }
}

const pages = async (data: Buffer | undefined) => (await readPdf(data as Buffer)).pages.map((p) => p.text);

describe('a rendering thread out of memory', () => {
  it('fails its job with a RenderThreadError naming the limit; the next job gets a new thread', async () => {
    const pool = poolWith('40');
    expect(pool.memoryLimitMb).toBe(40);
    const big = pool.run({ kind: 'pdf', doc: estimateDoc(5000) });
    // Queued behind the big one, on the same (only) thread.
    const small = pool.run({ kind: 'pdf', doc: estimateDoc(20) });
    const error = await big.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RenderThreadError);
    expect(error).toMatchObject({ reason: 'memory', limitMb: 40 });
    const text = (await pages((await small).data[0])).join('\n');
    expect(text).toContain('Позиция сметы № 20');
  }, 120_000);
});

describe('after a failed job', () => {
  it('the jobs withdrawn by its caller fail with its error and are not started; the others are rendered', async () => {
    const pool = poolWith(undefined);
    const doc = estimateDoc(20);
    const withdrawn = new AbortController();
    // Not a PDF: the combining fails in the thread.
    const failing = pool.run(
      { kind: 'combinePdf', parts: [{ pdf: Buffer.from('not a PDF') }], meta: doc.meta },
      undefined,
      withdrawn.signal,
    );
    failing.catch((e: unknown) => withdrawn.abort(e));
    const waiting = [1, 2].map(() => pool.run({ kind: 'pdf', doc }, undefined, withdrawn.signal));
    const other = pool.run({ kind: 'pdf', doc });
    const error = await failing.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    for (const w of waiting) await expect(w).rejects.toBe(error);
    expect((await pages((await other).data[0])).join('\n')).toContain('Позиция сметы № 20');
    // A job whose signal is already aborted is refused at once.
    await expect(pool.run({ kind: 'pdf', doc }, undefined, withdrawn.signal)).rejects.toBe(error);
  }, 120_000);
});
