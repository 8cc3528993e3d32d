/** The validation stage: file → JSON → model → semantic checks, with every problem at once. */
import { type ComputedEstimate, checkEstimate, computeEstimate } from '../budget/index.ts';
import { amountLimitDiagnostics } from '../budget/limits.ts';
import { type Application, application } from '../model/index.ts';
import { bidiDiagnostics } from './bidi.ts';
import { glyphDiagnostics } from './glyphs.ts';
import { type JsonSource, parseJsonText, readJsonFile } from './json-source.ts';
import { type LocatedDiagnostic, locateAll, sortDiagnostics } from './report.ts';
import { issuesToDiagnostics } from './schema-issues.ts';

export interface ValidationResult {
  application?: Application;
  /**
   * The estimate computed from the application's lines, when it is valid: the checks need it, and the
   * documents print it, so it is computed here once and handed on.
   */
  estimate?: ComputedEstimate;
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
    // Pushed one by one: a spread of 200 000 problems would exceed the argument-count limit.
    for (const d of issuesToDiagnostics(parsed.error.issues, application)) diags.push(d);
    return finish(diags, source);
  }
  // Checks that need the whole, well-formed application.
  const app = parsed.data;
  const estimate = computeEstimate(app.estimate, app.project.calendar);
  // Pushed one by one: a spread of a huge list of problems would exceed the argument-count limit.
  for (const check of [checkEstimate(app, estimate), glyphDiagnostics(app), bidiDiagnostics(app)])
    for (const d of check) diags.push(d);
  for (const d of amountLimitDiagnostics(estimate)) diags.push(d);
  return finish(diags, source, { app, estimate });
}

function finish(
  diags: LocatedDiagnostic[],
  source: JsonSource | undefined,
  valid?: { app: Application; estimate: ComputedEstimate },
): ValidationResult {
  const located = sortDiagnostics(locateAll(diags, source));
  const ok = !located.some((d) => d.severity === 'error');
  return ok && valid
    ? { application: valid.app, estimate: valid.estimate, parsed: valid.app, diagnostics: located, ok }
    : { parsed: valid?.app, diagnostics: located, ok };
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
