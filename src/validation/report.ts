/** Puts diagnostics into words: `FILE:LINE:COL  json.path  message`, in the user's language. */
import { budgetMessages } from '../budget/index.ts';
import { limitMessages } from '../budget/limits.ts';
import type { Diagnostic, JsonPath, MessageCatalog, UiLang } from '../diagnostics/diagnostic.ts';
import { inputMessages } from './input-messages.ts';
import { type JsonSource, locate, type SourcePosition } from './json-source.ts';
import { validationMessages } from './messages.ts';

/** The messages of every stage that reports diagnostics. */
const catalogs: MessageCatalog[] = [validationMessages, budgetMessages, inputMessages, limitMessages];

export function formatJsonPath(path: JsonPath): string {
  if (path.length === 0) return '$';
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(p)) s += s === '' ? p : `.${p}`;
    else s += `[${JSON.stringify(p)}]`;
  }
  return s;
}

export function messageText(d: Pick<Diagnostic, 'key' | 'params'>, lang: UiLang): string {
  let template: string | undefined;
  for (const c of catalogs) {
    const entry = c[d.key];
    if (entry) {
      template = entry[lang];
      break;
    }
  }
  if (template === undefined) template = d.key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) =>
    d.params && name in d.params ? formatNumber(String(d.params[name]), lang) : m,
  );
}

/**
 * Numbers in messages read like in the documents: «8 093 600», «13,77», «0,01» (a decimal point in English);
 * short whole numbers (years, counts) stay as they are.
 */
function formatNumber(value: string, lang: UiLang): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(value);
  if (!m) return value;
  const whole = (m[2] as string).length >= 5 ? (m[2] as string).replace(/\B(?=(\d{3})+(?!\d))/g, ' ') : m[2];
  const fraction = m[3] ? `${lang === 'en' ? '.' : ','}${m[3].slice(1)}` : '';
  return `${m[1]}${whole}${fraction}`;
}

const SEVERITY_WORD: Record<UiLang, Record<'error' | 'warning', string>> = {
  ru: { error: 'ошибка', warning: 'предупреждение' },
  kk: { error: 'қате', warning: 'ескерту' },
  en: { error: 'error', warning: 'warning' },
};

export interface LocatedDiagnostic extends Diagnostic {
  position?: SourcePosition;
}

/** Adds the position in the file to each diagnostic that has none. */
export function locateAll(diags: LocatedDiagnostic[], source: JsonSource | undefined): LocatedDiagnostic[] {
  return diags.map((d) => {
    if (d.position || !source) return d;
    const onKey = d.key.startsWith('schema.unknownKey');
    const position = locate(source, d.path, onKey);
    return position ? { ...d, position } : d;
  });
}

export function formatDiagnostic(file: string, d: LocatedDiagnostic, lang: UiLang): string {
  const where = d.position ? `${file}:${d.position.line}:${d.position.column}` : file;
  const sev = d.severity === 'warning' ? `${SEVERITY_WORD[lang].warning}: ` : '';
  return `${where}  ${formatJsonPath(d.path)}  ${sev}${messageText(d, lang)}`;
}

/** Errors first, then warnings; within each, in file order. */
export function sortDiagnostics<T extends LocatedDiagnostic>(diags: T[]): T[] {
  const rank = (d: T) => (d.severity === 'error' ? 0 : 1);
  return [...diags].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.position?.line ?? 0) - (b.position?.line ?? 0) ||
      (a.position?.column ?? 0) - (b.position?.column ?? 0),
  );
}

/** Problems as `build --json` and `validate --json` print them. */
export function problemsJson(file: string, diags: readonly LocatedDiagnostic[], lang: UiLang) {
  return diags.map((d) => ({
    severity: d.severity,
    path: d.path,
    line: d.position?.line ?? null,
    column: d.position?.column ?? null,
    message: formatDiagnostic(file, d, lang),
  }));
}
