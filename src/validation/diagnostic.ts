/**
 * A problem found in an application, before it is put into words: the report (src/validation/report.ts)
 * adds the file position and translates `key` with `params` into the user's language.
 */
export type Severity = 'error' | 'warning';
export type JsonPath = (string | number)[];

export interface Diagnostic {
  severity: Severity;
  /** JSON path of the value the problem is about. */
  path: JsonPath;
  /** Message key, for example `budget.declaredTotal` (catalogues in src/validation/messages.ts). */
  key: string;
  params?: Record<string, string | number>;
}

/** Messages of one area, per user-interface language. `{name}` marks a parameter. */
export type MessageCatalog = Record<string, { ru: string; kk: string; en: string }>;
