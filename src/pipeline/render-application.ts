/**
 * The whole flow for one application, stage after stage: the loaded application (its estimate computed once) →
 * views of each annex → templates → markup → one document model per annex → the render stage (DOCX, PDF).
 * Returns buffers; writing files is the caller's business.
 */

import { ApplicationDataError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { parseMarkup } from '../document/markup.ts';
import type { Document, Section } from '../document/model.ts';
import { type LabelOverrides, loadLabels } from '../i18n/labels.ts';
import type { Application } from '../model/application.ts';
import type { Lang } from '../model/common.ts';
import type { RenderCache } from '../render/cache.ts';
import { type DocumentSet, FORMATS, type Format, renderDocuments } from '../render/index.ts';
import { ANNEXES, type AnnexNumber, renderAnnexMarkup } from '../templates/engine.ts';
import { annex2View } from '../views/annex2.ts';
import { annex3View } from '../views/annex3.ts';
import { annex4View } from '../views/annex4.ts';
import { annex5View } from '../views/annex5.ts';
import { createViewContext, type ViewContext } from '../views/context.ts';
import { pickText, translationDiagnostics } from '../views/language.ts';
import { applicationData, type LoadedApplication } from './load.ts';

export { ApplicationDataError } from '../diagnostics/diagnostic.ts';
export { FORMATS, type Format } from '../render/index.ts';

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
   * The date written into the documents (their metadata, the DOCX package's entries). Unset: the time of
   * rendering. The command sets it from SOURCE_DATE_EPOCH, for reproducible files.
   */
  date?: Date;
  /** PDFs without the structure tree of a tagged PDF: for a preview, where nobody reads it (faster, smaller). */
  untaggedPdf?: boolean;
  /** Rendering threads (see RenderStageOptions in src/render). */
  workers?: number;
  /** Called as each file is ready (for a progress line): its name, how many are ready, how many in all. */
  onFile?: (name: string, done: number, total: number) => void;
  /** Files rendered before (`watch` keeps one): a document whose model did not change is not laid out again. */
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

/** An application ready to render: loaded (its estimate computed by the load stage). */
export type ApplicationData = Pick<LoadedApplication, 'application' | 'estimate'>;

const VIEWS: Record<AnnexNumber, (data: ApplicationData, c: ViewContext, opts: RenderOptions) => object> = {
  2: ({ application }, c) => annex2View(application, c),
  3: ({ application }, c) => annex3View(application, c),
  4: ({ application }, c) => annex4View(application, c),
  5: ({ estimate }, c, opts) => annex5View(estimate, c, { compact: opts.compact }),
};
const TITLE_KEYS: Record<AnnexNumber, string> = {
  2: 'annex2.title',
  3: 'annex3.title',
  4: 'annex4.title',
  5: 'annex5.title',
};

/** What an annex's template is given: its header and its view model. */
export function annexView(data: ApplicationData, n: AnnexNumber, c: ViewContext, opts: RenderOptions = {}): object {
  return {
    header: { number: n, toRules: opts.rulesReference === true, titleKey: TITLE_KEYS[n] },
    ...VIEWS[n](data, c, opts),
  };
}

/** The document model of each requested annex, in one language. */
export function buildAnnexDocuments(
  data: ApplicationData,
  lang: Lang,
  opts: RenderOptions = {},
): Map<AnnexNumber, Document> {
  const app = data.application;
  const labels = loadLabels(app.edition, lang, opts.labelOverrides?.[lang]);
  const c = createViewContext(labels);
  const docs = new Map<AnnexNumber, Document>();
  for (const n of opts.annexes ?? ANNEXES) {
    const markup = renderAnnexMarkup(app.edition, n, annexView(data, n, c, opts), { label: c.label });
    const body = parseMarkup(markup);
    docs.set(n, {
      meta: {
        title: c.label('common.documentSubject', { n, title: c.label(TITLE_KEYS[n]) }),
        author: pickText(app.applicant.name, lang),
        subject: pickText(app.project.title, lang),
        lang,
        ...(opts.date ? { date: opts.date } : {}),
      },
      // Each annex is a form of its own: its pages are numbered from 1, in the whole application too.
      sections: body.sections.map((s, i) => (i === 0 ? { ...s, restartPageNumbers: 1 } : s)),
    });
  }
  return docs;
}

/** All four annexes in one document, each starting on a new page in its own orientation. */
export function combineDocuments(app: Application, lang: Lang, docs: Document[], date?: Date): Document {
  const sections: Section[] = docs.flatMap((d) => d.sections);
  const author = pickText(app.applicant.name, lang);
  // Without a project title, the file is titled with the applicant's name.
  const title = pickText(app.project.title, lang) || author;
  const meta = { title, author, subject: title, lang };
  return { meta: date ? { ...meta, date } : meta, sections };
}

/** Language problems of an application: errors without fallback, warnings with it. */
export function languageDiagnostics(app: Application, langs: Lang[], fallback: boolean): Diagnostic[] {
  return langs.flatMap((lang) => translationDiagnostics(app, lang, fallback));
}

/**
 * Renders an application: preferably the result of `loadApplication`; an application checked by other means
 * has its estimate computed here.
 */
export async function renderApplication(
  input: ApplicationData | Application,
  opts: RenderOptions = {},
): Promise<{ files: RenderedFile[]; warnings: Diagnostic[]; incomplete: Diagnostic[] }> {
  const data = applicationData(input);
  const app = data.application;
  // The languages asked, else those the application is filed in.
  const asked = opts.langs ?? app.languages ?? ['ru', 'kk'];
  const formats = opts.formats ?? [...FORMATS];
  const annexes = opts.annexes ?? [...ANNEXES];
  const lang = languageDiagnostics(app, asked, opts.fallback === true);
  const incomplete = opts.fallback ? [] : lang;
  if (incomplete.length > 0 && !opts.skipIncomplete) throw new ApplicationDataError(lang);
  const langs = asked.filter((l) => !incomplete.some((d) => d.params?.lang === l));

  const annexOf = new Map<string, AnnexNumber | 'all'>();
  const sets: DocumentSet[] = langs.map((l) => {
    const docs = buildAnnexDocuments(data, l, { ...opts, annexes });
    const parts = [...docs].map(([n, doc]) => {
      annexOf.set(`annex-${n}`, n);
      return { name: `annex-${n}`, doc };
    });
    annexOf.set('application', 'all');
    const combined =
      annexes.length > 1
        ? { name: 'application', doc: combineDocuments(app, l, [...docs.values()], opts.date) }
        : undefined;
    return { lang: l, parts, combined };
  });
  const onFile = opts.onFile;
  const rendered = await renderDocuments(sets, formats, {
    workers: opts.workers,
    cache: opts.cache,
    untaggedPdf: opts.untaggedPdf,
    onFile: onFile && ((r, done, total) => onFile(`${r.name}.${r.lang}.${r.format}`, done, total)),
  });
  const files = rendered.map(
    (r): RenderedFile => ({
      name: `${r.name}.${r.lang}.${r.format}`,
      lang: r.lang,
      format: r.format,
      annex: annexOf.get(r.name) as AnnexNumber | 'all',
      data: r.data,
      ms: r.ms,
    }),
  );
  return { files, warnings: opts.fallback ? lang : [], incomplete };
}
