/** Loading an application for rendering: validation first, and nothing is rendered from invalid data. */
import type { Application } from '../model/application.ts';
import type { LocatedDiagnostic } from '../validation/report.ts';
import { validateFile, validateText, validateValue } from '../validation/validate.ts';
import { ApplicationDataError } from './render-application.ts';

export interface LoadedApplication {
  application: Application;
  /** Warnings of the validation (declared totals that differ, …). */
  warnings: LocatedDiagnostic[];
}

function loaded(result: {
  application?: Application;
  diagnostics: LocatedDiagnostic[];
  ok: boolean;
}): LoadedApplication {
  if (!result.ok || !result.application) throw new ApplicationDataError(result.diagnostics);
  return { application: result.application, warnings: result.diagnostics };
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
