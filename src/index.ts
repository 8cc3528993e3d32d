/**
 * The library: everything the `annexes` command does, without the command line.
 *
 *   import { loadApplication, renderApplication } from 'ngo-grant-annexes';
 *   const loaded = loadApplication('application.json');               // throws ApplicationDataError if invalid
 *   const { files } = await renderApplication(loaded, { langs: ['ru'], formats: ['pdf'] });
 *   // files: [{ name: 'annex-2.ru.pdf', data: Buffer, … }, …] — nothing is written to disk
 *
 * Compiled to dist/ by `npm run build` (JavaScript and declarations); `require()` loads it too (Node ≥ 20.19).
 */

import { computeEstimate } from './budget/compute.ts';
import { type TotalsReport, totalsReport } from './budget/totals.ts';
import type { Application } from './model/application.ts';
import type { UiLang } from './validation/messages.ts';
import { formatDiagnostic, type LocatedDiagnostic, messageText } from './validation/report.ts';
import { validateFile, validateText, validateValue } from './validation/validate.ts';

export { computeEstimate } from './budget/compute.ts';
export {
  type ActivityTotals,
  type ArticleTotals,
  type ColumnTotals,
  formatTotalsTable,
  type TotalsReport,
  totalsReport,
} from './budget/totals.ts';
export type { Amounts, ComputedActivity, ComputedEstimate, ComputedLine, ComputedNode } from './budget/types.ts';
export { ApplicationDataError, type Diagnostic, type JsonPath, type Severity } from './diagnostics/diagnostic.ts';
export { type Amount, formatAmount } from './i18n/amount.ts';
export {
  formatLabelList,
  LABEL_KEYS,
  type LabelEntry,
  type LabelKey,
  LabelOverrideError,
  type LabelOverrides,
  type LabelStatus,
  listLabels,
  readLabelOverrides,
} from './i18n/labels.ts';
export type { Application, ApplicationInput } from './model/application.ts';
export { LANGUAGES, type Lang, type LocalizedText, type RichText } from './model/common.ts';
export { applicationJsonSchema, applicationJsonSchemaText } from './model/json-schema.ts';
export { writeFileAtomic } from './output/atomic.ts';
export { outputFolder, type WrittenFile, writeRenderedFiles } from './output/write-set.ts';
export { type LoadedApplication, loadApplication } from './pipeline/load.ts';
export {
  type ApplicationData,
  FORMATS,
  type Format,
  type RenderedFile,
  type RenderOptions,
  renderApplication,
} from './pipeline/render-application.ts';
export { RenderSettingError, RenderThreadError } from './render/pool.ts';
export { ANNEXES, type AnnexNumber } from './templates/engine.ts';
export type { SourcePosition } from './validation/json-source.ts';
export { UI_LANGS, type UiLang } from './validation/messages.ts';
export { formatDiagnostic, formatJsonPath, type LocatedDiagnostic, messageText } from './validation/report.ts';

/** A problem with its message in the chosen interface language. */
export interface ValidationProblem extends LocatedDiagnostic {
  /** The message alone: «обязательное поле не заполнено». */
  message: string;
  /** The whole report line: `file:line:column  json.path  message`. */
  text: string;
}

export interface ApplicationValidation {
  /** True when there is no error (warnings allowed). */
  ok: boolean;
  /** The application with defaults applied, when ok. */
  application?: Application;
  /** Errors first, then warnings, each in file order. */
  problems: ValidationProblem[];
}

export type ApplicationSource = string | { text: string } | { value: unknown };

/**
 * Validates an application without throwing: a file path, JSON text (`{ text }`) or a parsed value
 * (`{ value }`). Messages are in `uiLang` (ru, kk or en; default ru).
 */
export function validateApplication(
  source: ApplicationSource,
  options: { uiLang?: UiLang; fileName?: string } = {},
): ApplicationValidation {
  const lang = options.uiLang ?? 'ru';
  const result =
    typeof source === 'string'
      ? validateFile(source)
      : 'text' in source
        ? validateText(source.text)
        : validateValue(source.value);
  const name = options.fileName ?? (typeof source === 'string' ? source : 'application.json');
  return {
    ok: result.ok,
    application: result.application,
    problems: result.diagnostics.map((d) => ({
      ...d,
      message: messageText(d, lang),
      text: formatDiagnostic(name, d, lang),
    })),
  };
}

/** The totals of an application's estimate: sections, articles, activities and the grand total. */
export function estimateTotals(app: Application): TotalsReport {
  return totalsReport(computeEstimate(app.estimate, app.project.calendar));
}
