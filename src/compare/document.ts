/**
 * The change report as a document, made the way the annexes are: view → Handlebars template → markup → document
 * model → the DOCX and PDF writers.
 */
import { parseMarkup } from '../document/markup.ts';
import type { Document } from '../document/model.ts';
import { loadLabels } from '../i18n/labels.ts';
import type { Application } from '../model/application.ts';
import type { Lang } from '../model/common.ts';
import { renderDocuments } from '../render/index.ts';
import { renderTemplateMarkup } from '../templates/engine.ts';
import { createViewContext } from '../views/context.ts';
import { estimateDiffView } from '../views/estimate-diff.ts';
import { pickText } from '../views/language.ts';
import type { Comparison } from './compare.ts';
import { comparisonReport } from './report.ts';

export const REPORT_TEMPLATE = 'estimate-diff';

export function comparisonDocument(
  comparison: Comparison,
  app: Application,
  lang: Lang,
  names: { oldName: string; newName: string },
  date?: Date,
): Document {
  const labels = loadLabels(app.edition, lang);
  const c = createViewContext(labels);
  const report = comparisonReport(comparison, labels);
  const view = estimateDiffView(
    report,
    { ...names, project: pickText(app.project.title, lang), applicant: pickText(app.applicant.name, lang) },
    c,
  );
  const markup = renderTemplateMarkup(app.edition, REPORT_TEMPLATE, view, { label: c.label });
  const body = parseMarkup(markup);
  return {
    meta: {
      title: labels.t('annex5.diff.title'),
      author: pickText(app.applicant.name, lang),
      subject: pickText(app.project.title, lang),
      lang,
      ...(date ? { date } : {}),
    },
    sections: body.sections,
  };
}

/** The report's bytes, through the render stage's entry (in this thread: it is one file). */
export async function renderComparison(doc: Document, format: 'docx' | 'pdf'): Promise<Buffer> {
  const [file] = await renderDocuments([{ lang: doc.meta.lang, parts: [{ name: 'changes', doc }] }], [format], {
    workers: 0,
  });
  return (file as { data: Buffer }).data;
}
