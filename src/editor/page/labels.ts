/**
 * The forms' own labels (templates/2015-413/labels.{ru,kk}.json) and the hints of the blank application
 * (templates/init/<lang>/application.json: each text of it says what to write there).
 */

import kkLabels from '../../../templates/2015-413/labels.kk.json' with { type: 'json' };
import ruLabels from '../../../templates/2015-413/labels.ru.json' with { type: 'json' };
import kkBlank from '../../../templates/init/kk/application.json' with { type: 'json' };
import ruBlank from '../../../templates/init/ru/application.json' with { type: 'json' };
import { getAt, type Path } from './paths.ts';
import type { UiLang } from './texts.ts';

type Catalogue = Record<string, { text: string }>;
const CATALOGUES: Record<'ru' | 'kk', Catalogue> = { ru: ruLabels, kk: kkLabels };
const BLANKS = { ru: ruBlank, kk: kkBlank };

/** The catalogue's text of `key` in the interface language (English reads the Russian form). */
export function label(lang: UiLang, key: string, params: Record<string, string | number> = {}): string {
  const cat = CATALOGUES[lang === 'kk' ? 'kk' : 'ru'];
  const text = cat[key]?.text ?? key;
  return text.replace(/\{(\w+)\}/g, (m, n: string) => (n in params ? String(params[n]) : m));
}

/** The hint of the blank application for the field at `path` (rows: the blank's first row), without brackets. */
export function hint(lang: UiLang, path: Path): string | undefined {
  const blank = BLANKS[lang === 'kk' ? 'kk' : 'ru'];
  let v = getAt(
    blank,
    path.map((p) => (typeof p === 'number' ? 0 : p)),
  );
  if (Array.isArray(v)) v = v.find((x) => typeof x === 'string');
  if (typeof v !== 'string') return undefined;
  const m = /^\[(.+)\]$/s.exec(v);
  return m ? m[1] : undefined;
}
