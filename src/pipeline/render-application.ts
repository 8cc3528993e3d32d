/**
 * The whole flow for one application: views of each annex (derived figures included) → templates →
 * markup → one document model → DOCX and PDF. Returns buffers; writing files is the caller's business.
 */
import { performance } from 'node:perf_hooks';
import { parseMarkup } from '../document/markup.ts';
import type { Document, Section } from '../document/model.ts';
import { type LabelOverrides, loadLabels } from '../i18n/labels.ts';
import type { Application } from '../model/application.ts';
import type { Lang } from '../model/common.ts';
import { renderDocx } from '../render/docx/index.ts';
import { renderPdf } from '../render/pdf/index.ts';
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
  /** The user's wording of fixed labels, per language. */
  labelOverrides?: LabelOverrides;
  /** The long annex header that cites the Rules. */
  rulesReference?: boolean;
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
  const title = pickText(app.project.title, lang);
  return { meta: { title, author: pickText(app.applicant.name, lang), subject: title, lang }, sections };
}

/** Language problems of an application: errors without fallback, warnings with it. */
export function languageDiagnostics(app: Application, langs: Lang[], fallback: boolean): Diagnostic[] {
  return langs.flatMap((lang) => translationDiagnostics(app, lang, fallback));
}

export async function renderApplication(
  app: Application,
  opts: RenderOptions = {},
): Promise<{ files: RenderedFile[]; warnings: Diagnostic[] }> {
  const langs = opts.langs ?? ['ru', 'kk'];
  const formats = opts.formats ?? [...FORMATS];
  const annexes = opts.annexes ?? [...ANNEXES];
  const lang = languageDiagnostics(app, langs, opts.fallback === true);
  if (!opts.fallback && lang.length > 0) throw new ApplicationDataError(lang);

  const files: RenderedFile[] = [];
  for (const l of langs) {
    const docs = buildAnnexDocuments(app, l, { ...opts, annexes });
    const targets: [string, AnnexNumber | 'all', Document][] = [...docs].map(([n, d]) => [`annex-${n}`, n, d]);
    if (annexes.length > 1) targets.push(['application', 'all', combineDocuments(app, l, [...docs.values()])]);
    for (const [base, annex, doc] of targets)
      for (const format of formats) {
        const t0 = performance.now();
        const data = format === 'pdf' ? await renderPdf(doc) : await renderDocx(doc);
        files.push({ name: `${base}.${l}.${format}`, lang: l, format, annex, data, ms: performance.now() - t0 });
      }
  }
  return { files, warnings: lang };
}
