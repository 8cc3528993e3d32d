/**
 * Picking the text of one language out of the application. Before anything is rendered, every text
 * that lacks the language is listed at once (with its JSON path); with fallback the other language's
 * text is printed instead.
 */

import type { Diagnostic, JsonPath } from '../diagnostics/diagnostic.ts';
import { pickText as pickLanguage } from '../i18n/format.ts';
import type { Lang, LocalizedText } from '../model/common.ts';

const isLocalizedObject = (v: unknown): v is { ru?: string; kk?: string } =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.keys(v).length > 0 &&
  Object.keys(v).every((k) => k === 'ru' || k === 'kk') &&
  Object.values(v).every((x) => typeof x === 'string');

/** Texts printed on no page (document metadata only): the other language serves, with no warning. */
const METADATA_ONLY = [JSON.stringify(['project', 'title'])];

/** Every localized text of the application that has no text in `lang`. */
export function missingTranslations(app: unknown, lang: Lang): JsonPath[] {
  const missing: JsonPath[] = [];
  const walk = (v: unknown, path: JsonPath) => {
    if (METADATA_ONLY.includes(JSON.stringify(path))) return;
    if (isLocalizedObject(v)) {
      if (v[lang] === undefined) missing.push(path);
      return;
    }
    if (Array.isArray(v))
      v.forEach((x, i) => {
        walk(x, [...path, i]);
      });
    else if (typeof v === 'object' && v !== null)
      for (const [k, x] of Object.entries(v)) if (k !== '$schema') walk(x, [...path, k]);
  };
  walk(app, []);
  return missing;
}

export function translationDiagnostics(app: unknown, lang: Lang, fallback: boolean): Diagnostic[] {
  const other: Lang = lang === 'ru' ? 'kk' : 'ru';
  return missingTranslations(app, lang).map((path) => ({
    severity: fallback ? 'warning' : 'error',
    path,
    key: fallback ? 'lang.fallback' : 'lang.missing',
    params: { lang, used: other },
  }));
}

/**
 * The text in `lang`; the other language's when it is missing. Rendering reaches that case only with
 * fallback, since missing languages are refused up front otherwise.
 */
export function pickText(text: LocalizedText | undefined | null, lang: Lang): string {
  return pickLanguage(text ?? undefined, lang, { fallback: true }) ?? '';
}
