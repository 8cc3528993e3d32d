/** The validation stage: file → JSON → model → semantic checks, with every problem at once. */
import { budgetMessages, checkEstimate, computeEstimate } from '../budget/index.ts';
import { type Application, application } from '../model/index.ts';
import type { Diagnostic } from './diagnostic.ts';
import { glyphDiagnostics } from './glyphs.ts';
import { type JsonSource, parseJsonText, readJsonFile } from './json-source.ts';
import { type LocatedDiagnostic, locateAll, registerMessages, sortDiagnostics } from './report.ts';
import { issuesToDiagnostics } from './schema-issues.ts';

/** Checks that need the whole, well-formed application (the estimate's, …). */
export type SemanticCheck = (app: Application) => Diagnostic[];
const semanticChecks: SemanticCheck[] = [
  (app) => checkEstimate(app, computeEstimate(app.estimate, app.project.calendar)),
  glyphDiagnostics,
];
registerMessages(budgetMessages);
export function registerCheck(check: SemanticCheck): void {
  if (!semanticChecks.includes(check)) semanticChecks.push(check);
}

export interface ValidationResult {
  application?: Application;
  /**
   * The application as the model reads it, also when a check of the whole found errors (a material share over
   * the limit): `totals` prints its figures so that the user sees what to fix. Undefined when the model refused it.
   */
  parsed?: Application;
  diagnostics: LocatedDiagnostic[];
  /** True when there is no error (warnings allowed). */
  ok: boolean;
}

/** Validates a parsed JSON value. */
export function validateValue(value: unknown, source?: JsonSource): ValidationResult {
  const diags: LocatedDiagnostic[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    diags.push({
      severity: 'error',
      path: [],
      key: 'expected:object',
      params: { got: Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value },
    });
    return { diagnostics: locateAll(diags, source), ok: false };
  }
  const parsed = application.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    diags.push(...issuesToDiagnostics(parsed.error.issues, application));
    return finish(diags, source);
  }
  for (const check of semanticChecks) diags.push(...check(parsed.data));
  return finish(diags, source, parsed.data);
}

function finish(diags: LocatedDiagnostic[], source: JsonSource | undefined, app?: Application): ValidationResult {
  const located = sortDiagnostics(locateAll(diags, source));
  const ok = !located.some((d) => d.severity === 'error');
  return { application: ok ? app : undefined, parsed: app, diagnostics: located, ok };
}

/** Validates JSON text (as typed by a person). */
export function validateText(text: string): ValidationResult & { source: JsonSource } {
  const source = parseJsonText(text);
  return withSource(source);
}

/** Validates a file on disk; never throws for a bad file. */
export function validateFile(file: string): ValidationResult & { source: JsonSource } {
  return withSource(readJsonFile(file));
}

function withSource(source: JsonSource): ValidationResult & { source: JsonSource } {
  const fileProblems = source.problems as LocatedDiagnostic[];
  if (source.value === undefined || fileProblems.some((p) => p.severity === 'error'))
    return { source, diagnostics: fileProblems, ok: false };
  const result = validateValue(source.value, source);
  const diagnostics = sortDiagnostics([...fileProblems, ...result.diagnostics]);
  return { ...result, diagnostics, source };
}
