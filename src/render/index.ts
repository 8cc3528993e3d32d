/**
 * The render stage's entry: document models in, file bytes out. It owns how the work is done — in this thread
 * or on rendering threads, from the cache of earlier renders — so that its callers only say what to render.
 * Nothing touches the file system.
 */
import { setMaxListeners } from 'node:events';
import type { Block, Document, DocumentLang } from '../document/model.ts';
import type { RenderCache } from './cache.ts';
import { speedUpsOn } from './common.ts';
import type { JobOutput, RenderJob } from './jobs.ts';
import type { LaidOutPdf } from './pdf/index.ts';
import { defaultWorkerCount, renderPool } from './pool.ts';

export const FORMATS = ['docx', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];

/** A document to render, with its file name (without the extension). */
export interface NamedDocument {
  name: string;
  doc: Document;
}

/**
 * Documents of one language: the parts, and optionally the one document that combines them all (its PDF and DOCX
 * are made from the parts' files, so no page is laid out or written twice).
 */
export interface DocumentSet {
  lang: DocumentLang;
  parts: NamedDocument[];
  combined?: NamedDocument;
}

export interface RenderStageOptions {
  /**
   * Rendering threads. 0: everything in the calling thread. 1: the DOCX files (and the combining of PDFs) on one
   * thread while the calling thread lays out the PDFs (the two share no code, so neither loads nor warms up what
   * the other runs: the fastest for a single cold render). 2 or more: every file on the threads, each language
   * on a thread of its own where it can. Unset: ANNEXES_WORKERS, else one per core (at most 4), when there is
   * more than one file.
   */
  workers?: number;
  /** Files rendered before, by what they were made from: a document whose model did not change is not laid out again. */
  cache?: RenderCache;
  /** PDFs without the structure tree of a tagged PDF: for a preview, where nobody reads it (faster, smaller). */
  untaggedPdf?: boolean;
  /** Called as each file is ready (a progress line): which file, how many are ready, how many in all. */
  onFile?: (file: { name: string; lang: DocumentLang; format: Format }, done: number, total: number) => void;
}

export interface RenderedBytes {
  name: string;
  lang: DocumentLang;
  format: Format;
  data: Buffer;
  /** Time spent writing this file's bytes, ms. */
  ms: number;
}

/** Renders every document of the sets in every format; the files come back in set, document, format order. */
export async function renderDocuments(
  sets: DocumentSet[],
  formats: readonly Format[],
  options: RenderStageOptions = {},
): Promise<RenderedBytes[]> {
  const all = (s: DocumentSet) => [...s.parts, ...(s.combined ? [s.combined] : [])];
  const fileCount = sets.reduce((n, s) => n + all(s).length, 0) * formats.length;
  const workers = options.workers ?? (fileCount > 1 ? defaultWorkerCount() : 0);
  const renderer = workers === 0 ? inThread() : workers === 1 ? docxBeside() : pooled(workers);
  const cache = options.cache;
  // The first failure (invalid content, a rendering thread out of memory) fails the whole set: the jobs still
  // waiting for a thread are not started, so the failure is reported without laying out the rest.
  const failed = new AbortController();
  // Every job of the set waiting for a thread listens to it (a batch has hundreds): not a leak, so no warning.
  setMaxListeners(0, failed.signal);
  const attempt: Renderer = (job, l, signal) =>
    renderer(job, l, signal).catch((e: unknown) => {
      failed.abort(e);
      throw e;
    });
  const render: Renderer = cache ? (job, l, signal) => cache.render(job, (j) => attempt(j, l, signal)) : attempt;

  // The jobs, largest first for an even spread over the threads.
  const results = new Map<string, Promise<FileResult>>();
  const key = (lang: DocumentLang, d: NamedDocument, format: Format) => `${lang}\u0000${d.name}.${format}`;
  const jobs: { weight: number; start(): void }[] = [];
  const single = (lang: DocumentLang, d: NamedDocument, job: RenderJob, weight: number) => {
    let resolve!: (r: Promise<FileResult>) => void;
    results.set(
      key(lang, d, job.kind === 'pdf' ? 'pdf' : 'docx'),
      new Promise<FileResult>((r) => {
        resolve = r;
      }),
    );
    jobs.push({ weight, start: () => resolve(render(job, lang, failed.signal).then((o) => first(o))) });
  };
  /** The combined document's file, made from its parts' files once they are ready. */
  const joined = (lang: DocumentLang, parts: NamedDocument[], combined: NamedDocument, format: Format) => {
    const done = Promise.all(parts.map((d) => results.get(key(lang, d, format)) as Promise<FileResult>));
    const meta = combined.doc.meta;
    // A PDF is joined from its parts as laid out (with their structure), not as finished (read back at more cost).
    const job = (r: FileResult[]): RenderJob =>
      format === 'pdf'
        ? { kind: 'combinePdf', parts: r.map((p) => p.laidOut ?? { pdf: p.data }), meta }
        : { kind: 'combineDocx', parts: r.map((p) => p.data), meta };
    results.set(
      key(lang, combined, format),
      done.then((r) => render(job(r), lang, failed.signal).then(first)),
    );
  };
  for (const { lang, parts, combined } of sets) {
    if (formats.includes('pdf')) {
      const untagged = options.untaggedPdf ? { untagged: true } : {};
      for (const d of parts) single(lang, d, { kind: 'pdf', doc: d.doc, ...untagged }, weight(d.doc) * PDF_COST);
      if (combined) joined(lang, parts, combined, 'pdf');
    }
    if (formats.includes('docx')) {
      for (const d of parts) single(lang, d, { kind: 'docx', doc: d.doc }, weight(d.doc));
      // The combined DOCX is joined from the parts' files (docx/combine.ts), or, with the speed-ups off, written
      // from its own document.
      if (combined && speedUpsOn()) joined(lang, parts, combined, 'docx');
      else if (combined) single(lang, combined, { kind: 'docx', doc: combined.doc }, weight(combined.doc));
    }
  }
  for (const job of jobs.sort((a, b) => b.weight - a.weight)) job.start();

  // Wait for all before failing, so no job is left running on its own.
  const wanted = sets.flatMap((s) => all(s).flatMap((d) => formats.map((format) => ({ lang: s.lang, d, format }))));
  let done = 0;
  const settled = await Promise.allSettled(
    wanted.map(({ lang, d, format }) => {
      const result = results.get(key(lang, d, format)) as Promise<FileResult>;
      const onFile = options.onFile;
      return onFile
        ? result.then((r) => {
            onFile({ name: d.name, lang, format }, ++done, wanted.length);
            return r;
          })
        : result;
    }),
  );
  return wanted.map(({ lang, d, format }, i) => {
    const r = settled[i] as PromiseSettledResult<FileResult>;
    if (r.status !== 'fulfilled') throw r.reason;
    return { name: d.name, lang, format, data: r.value.data, ms: r.value.ms };
  });
}

/** Renders a job; one not yet started when `signal` aborts fails with its reason instead. */
type Renderer = (job: RenderJob, lang: DocumentLang, signal?: AbortSignal) => Promise<JobOutput>;

interface FileResult {
  data: Buffer;
  ms: number;
  /** A PDF's layout, which a combined PDF is joined from. */
  laidOut?: LaidOutPdf;
}

const first = (o: JobOutput): FileResult => ({
  data: o.data[0] as Buffer,
  ms: o.ms[0] as number,
  ...(o.laidOut ? { laidOut: o.laidOut } : {}),
});

/** A PDF takes about this many times as long as a DOCX of the same document. */
const PDF_COST = 1.5;

/** Jobs on the process's rendering threads. */
function pooled(workers: number): Renderer {
  const pool = renderPool(workers);
  return (job, lang, signal) => pool.run(job, lang, signal);
}

/**
 * PDF layout in this thread; DOCX files, the finishing of each PDF and the combining of files (pdf-lib, the XML
 * parser) on one rendering thread, which the layout of the PDFs keeps busy less.
 */
function docxBeside(): Renderer {
  const here = inThread();
  const pool = renderPool(1);
  return async (job, lang, signal) => {
    if (job.kind !== 'pdf') return pool.run(job, undefined, signal);
    const { laidOut, ms } = await here({ kind: 'layOutPdf', doc: job.doc, untagged: job.untagged }, lang, signal);
    if (!laidOut) throw new Error('render: the layout gave no PDF');
    const finished = await pool.run({ kind: 'finishPdf', laidOut, meta: job.doc.meta }, undefined, signal);
    return { data: finished.data, ms: [(ms[0] as number) + (finished.ms[0] as number)], laidOut };
  };
}

/** Jobs one after the other in this thread (the writers are loaded on first use). */
function inThread(): Renderer {
  let queue: Promise<unknown> = Promise.resolve();
  return (job, _lang, signal) => {
    const next = queue.then(async () => {
      // A turn of the event loop first: replies of the rendering threads wait for it, and a thread whose reply
      // is not handled gets no next job while this thread lays out pages.
      await new Promise(setImmediate);
      signal?.throwIfAborted();
      return (await import('./jobs.ts')).renderJob(job);
    });
    queue = next.catch(() => undefined);
    return next;
  };
}

/** Rough amount of work in a document: its characters and table cells. */
function weight(doc: Document): number {
  let w = 0;
  const blocks = (bs: Block[]): void => {
    for (const b of bs) {
      if (b.type === 'paragraph') for (const r of b.runs) w += r.type === 'text' ? r.text.length : 1;
      else if (b.type === 'list') for (const item of b.items) blocks(item);
      else if (b.type === 'table')
        for (const row of b.rows)
          for (const cell of row.cells) {
            w += 20;
            blocks(cell.blocks);
          }
    }
  };
  for (const section of doc.sections) blocks(section.blocks);
  return w;
}

export { RenderCache } from './cache.ts';
export {
  closeRenderPool,
  defaultWorkerCount,
  RenderSettingError,
  RenderThreadError,
  renderPool,
  THREAD_MEMORY_ENV,
  threadMemoryLimitMb,
  WORKERS_ENV,
} from './pool.ts';
