/**
 * A problem found in an application, before it is put into words: the report (src/validation/report.ts)
 * adds the file position and translates `key` with `params` into the user's language. Every stage that
 * checks data (validation, the estimate engine, label overrides) speaks in these terms.
 */
export type Severity = 'error' | 'warning';
export type JsonPath = (string | number)[];

export interface Diagnostic {
  severity: Severity;
  /** JSON path of the value the problem is about. */
  path: JsonPath;
  /** Message key, for example `budget.declaredTotal` (catalogues in src/validation/messages.ts, src/budget/messages.ts). */
  key: string;
  params?: Record<string, string | number>;
}

/** The languages of messages: those of the documents, and English. */
export const UI_LANGS = ['ru', 'kk', 'en'] as const;
export type UiLang = (typeof UI_LANGS)[number];

/** Messages of one area, per user-interface language. `{name}` marks a parameter. */
export type MessageCatalog = Record<string, Record<UiLang, string>>;

/** The data cannot be used as asked: invalid, or a language is missing and no fallback was allowed. */
export class ApplicationDataError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`${diagnostics.length} problem(s) in the application data`);
  }
}
