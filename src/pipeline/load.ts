/**
 * The load stage: an application read, validated and its estimate computed, once. Nothing is rendered from
 * invalid data, and every later stage receives this result instead of computing it again.
 */
import { computeEstimate } from '../budget/compute.ts';
import type { ComputedEstimate } from '../budget/types.ts';
import { ApplicationDataError } from '../diagnostics/diagnostic.ts';
import type { Application } from '../model/application.ts';
import type { LocatedDiagnostic } from '../validation/report.ts';
import { type ValidationResult, validateFile, validateText, validateValue } from '../validation/validate.ts';

export interface LoadedApplication {
  application: Application;
  /** The estimate computed from the application's lines: what Annex 5 and the totals print. */
  estimate: ComputedEstimate;
  /** Warnings of the validation (declared totals that differ, …). */
  warnings: LocatedDiagnostic[];
}

function loaded(result: ValidationResult): LoadedApplication {
  if (!result.ok || !result.application || !result.estimate) throw new ApplicationDataError(result.diagnostics);
  return { application: result.application, estimate: result.estimate, warnings: result.diagnostics };
}

/**
 * Reads and validates an application: a file path, JSON text (`{ text }`) or an already parsed value
 * (`{ value }`). Throws ApplicationDataError with every problem when it is invalid.
 */
export function loadApplication(source: string | { text: string } | { value: unknown }): LoadedApplication {
  if (typeof source === 'string') return loaded(validateFile(source));
  if ('text' in source) return loaded(validateText(source.text));
  return loaded(validateValue(source.value));
}

/**
 * What the rendering needs, from either a loaded application or an application checked by other means (a
 * library caller's own): the estimate is computed here only in the second case.
 */
export function applicationData(
  input: Pick<LoadedApplication, 'application' | 'estimate'> | Application,
): Pick<LoadedApplication, 'application' | 'estimate'> {
  if ('estimate' in input && 'application' in input) return input;
  const application = input as Application;
  return { application, estimate: computeEstimate(application.estimate, application.project.calendar) };
}
