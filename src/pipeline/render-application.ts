/**
 * The whole flow for one application: views of each annex (derived figures included) → templates →
 * markup → one document model → DOCX and PDF. Returns buffers; writing files is the caller's business.
 */
import { parseMarkup } from '../document/markup.ts';
import type { Block, Document, Section } from '../document/model.ts';
import { type LabelOverrides, loadLabels } from '../i18n/labels.ts';
import type { Application } from '../model/application.ts';
import type { Lang } from '../model/common.ts';
import type { RenderCache } from '../render/cache.ts';
import type { JobOutput, RenderJob } from '../render/jobs.ts';
import { defaultWorkerCount, renderPool } from '../render/pool.ts';
import { ANNEXES, type AnnexNumber, renderAnnexMarkup } from '../templates/engine.ts';
import type { Diagnostic } from '../validation/diagnostic.ts';
import { annex2View } from '../views/annex2.ts';
import { annex3View } from '../views/annex3.ts';
import { annex4View } from '../views/annex4.ts';
import { annex5View } from '../views/annex5.ts';
import { createViewContext, type ViewContext } from '../views/context.ts';
import { pickText, translationDiagnostics } from '../views/language.ts';

export const FORMATS = ['docx', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  langs?: Lang[];
  formats?: Format[];
  annexes?: AnnexNumber[];
  /** Hide the estimate's empty fixed rows. */
  compact?: boolean;
  /** Print the other language's text where a text lacks the document's language (and warn). */
  fallback?: boolean;
  /**
   * Without fallback, a language whose texts are incomplete is left out (its problems returned as `incomplete`)
   * and the complete ones are rendered, instead of refusing the whole application.
   */
  skipIncomplete?: boolean;
  /** The user's wording of fixed labels, per language. */
  labelOverrides?: LabelOverrides;
  /** The long annex header that cites the Rules. */
  rulesReference?: boolean;
  /**
   * Rendering threads. 0: everything in the calling thread. 1: the DOCX files (and the combining of PDFs) on one
   * thread while the calling thread lays out the PDFs (the two share no code, so neither loads nor warms up what
   * the other runs: the fastest for a single cold render). 2 or more: every file on the threads, each language on a thread of its
   * own where it can. Unset: ANNEXES_WORKERS, else one per core (at most 4), when there is more than one file.
   */
  workers?: number;
  /** Called as each file is ready (for a progress line): its name, how many are ready, how many in all. */
  onFile?: (name: string, done: number, total: number) => void;
  /**
   * Files rendered before, by what they were made from (`watch` keeps one): a document whose model did not
   * change is not laid out again.
   */
  cache?: RenderCache;
}

export interface RenderedFile {
  /** File name inside the output folder: `annex-2.ru.pdf`, `application.kk.docx`. */
  name: string;
  lang: Lang;
  format: Format;
  annex: AnnexNumber | 'all';
  data: Buffer;
  /** Time spent writing this file's bytes, ms. */
  ms: number;
}

/** The data cannot be rendered as asked (a language is missing and no fallback was allowed). */
export class ApplicationDataError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`${diagnostics.length} problem(s) in the application data`);
  }
}

const VIEWS: Record<AnnexNumber, (app: Application, c: ViewContext, opts: RenderOptions) => object> = {
  2: annex2View,
  3: annex3View,
  4: annex4View,
  5: (app, c, opts) => annex5View(app, c, { compact: opts.compact }),
};
const TITLE_KEYS: Record<AnnexNumber, string> = {
  2: 'annex2.title',
  3: 'annex3.title',
  4: 'annex4.title',
  5: 'annex5.title',
};

/** The document model of each requested annex, in one language. */
export function buildAnnexDocuments(
  app: Application,
  lang: Lang,
  opts: RenderOptions = {},
): Map<AnnexNumber, Document> {
  const labels = loadLabels(app.edition, lang, opts.labelOverrides?.[lang]);
  const c = createViewContext(labels);
  const author = pickText(app.applicant.name, lang);
  const docs = new Map<AnnexNumber, Document>();
  for (const n of opts.annexes ?? ANNEXES) {
    const view = {
      header: { number: n, toRules: opts.rulesReference === true, titleKey: TITLE_KEYS[n] },
      ...VIEWS[n](app, c, opts),
    };
    const markup = renderAnnexMarkup(app.edition, n, view, { label: c.label });
    const body = parseMarkup(markup);
    docs.set(n, {
      meta: {
        title: c.label('common.documentSubject', { n, title: c.label(TITLE_KEYS[n]) }),
        author,
        subject: pickText(app.project.title, lang),
        lang,
      },
      sections: body.sections,
    });
  }
  return docs;
}

/** All four annexes in one document, each starting on a new page in its own orientation. */
export function combineDocuments(app: Application, lang: Lang, docs: Document[]): Document {
  const sections: Section[] = docs.flatMap((d) => d.sections);
  const author = pickText(app.applicant.name, lang);
  // Without a project title, the file is titled with the applicant's name.
  const title = pickText(app.project.title, lang) || author;
  return { meta: { title, author, subject: title, lang }, sections };
}

/** Language problems of an application: errors without fallback, warnings with it. */
export function languageDiagnostics(app: Application, langs: Lang[], fallback: boolean): Diagnostic[] {
  return langs.flatMap((lang) => translationDiagnostics(app, lang, fallback));
}

export async function renderApplication(
  app: Application,
  opts: RenderOptions = {},
): Promise<{ files: RenderedFile[]; warnings: Diagnostic[]; incomplete: Diagnostic[] }> {
  // The languages asked, else those the application is filed in.
  const asked = opts.langs ?? app.languages ?? ['ru', 'kk'];
  const formats = opts.formats ?? [...FORMATS];
  const annexes = opts.annexes ?? [...ANNEXES];
  const lang = languageDiagnostics(app, asked, opts.fallback === true);
  const incomplete = opts.fallback ? [] : lang;
  if (incomplete.length > 0 && !opts.skipIncomplete) throw new ApplicationDataError(lang);
  const langs = asked.filter((l) => !incomplete.some((d) => d.params?.lang === l));

  const targets: Target[] = [];
  const byLang = new Map<Lang, { annexes: Target[]; combined?: Target }>();
  for (const l of langs) {
    const docs = buildAnnexDocuments(app, l, { ...opts, annexes });
    const own = [...docs].map(([n, doc]): Target => ({ base: `annex-${n}`, lang: l, annex: n, doc }));
    const combined: Target | undefined =
      annexes.length > 1
        ? { base: 'application', lang: l, annex: 'all', doc: combineDocuments(app, l, [...docs.values()]) }
        : undefined;
    targets.push(...own, ...(combined ? [combined] : []));
    byLang.set(l, { annexes: own, combined });
  }
  const fileCount = targets.length * formats.length;
  const workers = opts.workers ?? (fileCount > 1 ? defaultWorkerCount() : 0);
  const renderer = workers === 0 ? inThread() : workers === 1 ? docxBeside() : pooled(workers);
  const cache = opts.cache;
  const render: Renderer = cache ? (job, l) => cache.render(job, (j) => renderer(j, l)) : renderer;

  // The jobs, largest first for an even spread over the threads. The combined PDF is made of the annex PDFs and
  // the annex DOCX files are cut out of the combined one, so no document is laid out or written twice.
  const results = new Map<string, Promise<FileResult>>();
  const key = (t: Target, format: Format) => `${t.base}.${t.lang}.${format}`;
  const jobs: { weight: number; start(): void }[] = [];
  const single = (t: Target, job: RenderJob, weight: number) => {
    let resolve!: (r: Promise<FileResult>) => void;
    results.set(
      key(t, job.kind === 'pdf' ? 'pdf' : 'docx'),
      new Promise<FileResult>((r) => {
        resolve = r;
      }),
    );
    jobs.push({ weight, start: () => resolve(render(job, t.lang).then((o) => first(o))) });
  };
  for (const [l, { annexes: own, combined }] of byLang) {
    if (formats.includes('pdf')) {
      for (const t of own) single(t, { kind: 'pdf', doc: t.doc }, weight(t.doc) * PDF_COST);
      if (combined) {
        const parts = Promise.all(own.map((t) => results.get(key(t, 'pdf')) as Promise<FileResult>));
        results.set(
          key(combined, 'pdf'),
          parts.then((done) =>
            render({ kind: 'combinePdf', parts: done.map((r) => r.data), meta: combined.doc.meta }, l).then(first),
          ),
        );
      }
    }
    if (formats.includes('docx')) {
      // Cutting needs every annex to have a section of its own in the combined document.
      const cut = combined && own.every((t) => t.doc.sections.some((s) => s.blocks.length > 0));
      if (!cut || !combined) {
        for (const t of [...own, ...(combined ? [combined] : [])])
          single(t, { kind: 'docx', doc: t.doc }, weight(t.doc));
        continue;
      }
      const set = new Promise<JobOutput>((resolve) => {
        jobs.push({
          weight: weight(combined.doc),
          start: () => resolve(render({ kind: 'docxSet', combined: combined.doc, parts: own.map((t) => t.doc) }, l)),
        });
      });
      [combined, ...own].forEach((t, i) => {
        results.set(
          key(t, 'docx'),
          set.then((o) => ({ data: o.data[i] as Buffer, ms: o.ms[i] as number })),
        );
      });
    }
  }
  for (const job of jobs.sort((a, b) => b.weight - a.weight)) job.start();

  // Wait for all before failing, so no job is left running on its own.
  const names = targets.flatMap((t) => formats.map((format) => ({ t, format })));
  let done = 0;
  const settled = await Promise.allSettled(
    names.map(({ t, format }) => {
      const result = results.get(key(t, format)) as Promise<FileResult>;
      const onFile = opts.onFile;
      if (!onFile) return result;
      return result.then((r) => {
        onFile(key(t, format), ++done, names.length);
        return r;
      });
    }),
  );
  const files: RenderedFile[] = [];
  for (const [i, { t, format }] of names.entries()) {
    const r = settled[i] as PromiseSettledResult<FileResult>;
    if (r.status !== 'fulfilled') throw r.reason;
    const { data, ms } = r.value;
    files.push({ name: key(t, format), lang: t.lang, format, annex: t.annex, data, ms });
  }
  return { files, warnings: opts.fallback ? lang : [], incomplete };
}

interface Target {
  /** File name without language and extension. */
  base: string;
  lang: Lang;
  annex: AnnexNumber | 'all';
  doc: Document;
}

type Renderer = (job: RenderJob, lang: Lang) => Promise<JobOutput>;

interface FileResult {
  data: Buffer;
  ms: number;
}

const first = (o: JobOutput): FileResult => ({ data: o.data[0] as Buffer, ms: o.ms[0] as number });

/** A PDF takes about this many times as long as a DOCX of the same document. */
const PDF_COST = 1.5;

/** Jobs on the process's rendering threads. */
function pooled(workers: number): Renderer {
  const pool = renderPool(workers);
  return (job, lang) => pool.run(job, lang);
}

/** PDF layout in this thread; DOCX files and the combining of PDFs (pdf-lib) on one rendering thread. */
function docxBeside(): Renderer {
  const here = inThread();
  const pool = renderPool(1);
  return (job, lang) => (job.kind === 'pdf' ? here(job, lang) : pool.run(job));
}

/** Jobs one after the other in this thread (the writers are loaded on first use). */
function inThread(): Renderer {
  let queue: Promise<unknown> = Promise.resolve();
  return (job) => {
    const next = queue.then(async () => (await import('../render/jobs.ts')).renderJob(job));
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
