/**
 * Fixed labels of the forms, per edition of the Rules and per language.
 *
 * Catalogues: templates/<edition>/labels.<lang>.json, flat keys → `{ "text": "…", "status": "…" }`.
 * Both languages have exactly the same keys and the same `{name}` placeholders.
 *
 * Key scheme:
 * - `common.*`   annex headers («Приложение {n}», the long form with the Rules), «Форма», «Не применимо»,
 *                page footer, document metadata subject;
 * - `annex2.*` … `annex5.*`  title, `sectionN` headings with their form numbers («1. …»),
 *                `sectionN.instruction` sentences, `<table>.col.<column>` headers, fixed row labels,
 *                value prefixes («Тел.:», «Краткосрочный:» …); the estimate keys are those of the budget engine
 *                (labels without numbering: the engine numbers sections, articles and activities), with the
 *                rows' short names `annex5.name.<role>` and the totals table of `annexes totals`, `annex5.totals.*`;
 * - `calendar.*` the calendar plan (activity column, «Месяц {n}», year headers, the «+» mark);
 * - `unit.*`     unit codes of the estimate; `currency.*` currency words and scales of Annex 3 costs.
 * - Plural variants: a key `K` may come as `K.one`, `K.few`, `K.many` (and `K.other` for fractions),
 *   chosen by the Russian plural rules (Kazakh repeats the same text); see `Labels.plural`.
 *
 * Status: Kazakh `verbatim` / `assembled` / `draft` = [V] / [T] / [D] of the forms reference (checked against an
 * official text, key term attested, draft translation). Russian: `verbatim` is the form's own text,
 * `assembled` is wording the documents add (value prefixes, page footer, currency words…).
 * A label replaced by the user's override file gets the status `override`.
 *
 * Override file (`readLabelOverrides`): JSON (comments allowed) with one object per language,
 * `{ "ru": { "annex2.title": "…" }, "kk": { … } }`; either language may be left out.
 */
import { type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { z } from 'zod';
import type { MessageCatalog, UiLang } from '../diagnostics/diagnostic.ts';
import { didYouMean } from '../diagnostics/did-you-mean.ts';
import { CONTROL_CHARS, LANGUAGES, type Lang } from '../model/common.ts';
import { DEFAULT_EDITION, LABEL_CATALOGUES } from '../templates/editions.ts';
import {
  decodeUtf8,
  lineStarts,
  MAX_DEPTH,
  positionAt,
  readRegularFile,
  tooDeep,
  treeValue,
} from '../validation/json-source.ts';
import { LABEL_KEY_LIST } from './label-keys.ts';

/** A key of the label catalogue (label-keys.ts is generated from it by the build). */
export type LabelKey = (typeof LABEL_KEY_LIST)[number];
export const LABEL_KEYS: readonly LabelKey[] = LABEL_KEY_LIST;
/** Base keys that have plural variants (`<base>.one`, `.few`, `.many`). */
export type PluralBase = LabelKey extends infer K ? (K extends `${infer B}.one` ? B : never) : never;

export const CATALOGUE_STATUSES = ['verbatim', 'assembled', 'draft'] as const;
export type CatalogueStatus = (typeof CATALOGUE_STATUSES)[number];
export type LabelStatus = CatalogueStatus | 'override';
export const LABEL_STATUSES: readonly LabelStatus[] = [...CATALOGUE_STATUSES, 'override'];

export type LabelParams = Record<string, string | number>;

export interface LabelEntry {
  key: LabelKey;
  text: string;
  status: LabelStatus;
}

export interface Labels {
  readonly edition: string;
  readonly lang: Lang;
  /** Text of a label with its `{name}` placeholders filled; throws on an unknown key or a missing parameter. */
  t(key: LabelKey, params?: LabelParams): string;
  /**
   * A label that depends on a count: `<key>.one|few|many|other` by the Russian plural rules when those
   * variants exist, else `key` itself. `{n}` defaults to the count as given.
   */
  plural(key: LabelKey | PluralBase, count: number | string, params?: LabelParams): string;
  status(key: LabelKey): LabelStatus;
  /** Every label in catalogue order. */
  entries(): LabelEntry[];
  /** Keys replaced by the override file. */
  readonly overridden: ReadonlySet<LabelKey>;
}

const KNOWN_KEYS: ReadonlySet<string> = new Set(LABEL_KEY_LIST);
export const isLabelKey = (s: string): s is LabelKey => KNOWN_KEYS.has(s);

// ---------------------------------------------------------------------------------------------------------------
// Catalogues

const catalogueSchema = z.record(
  z.string(),
  z.strictObject({ text: z.string().min(1), status: z.enum(CATALOGUE_STATUSES) }),
);
type Catalogue = z.infer<typeof catalogueSchema>;

const SOURCES: Record<string, Record<Lang, unknown>> = LABEL_CATALOGUES;
export const LABEL_EDITIONS = Object.keys(SOURCES);

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;
export const placeholdersOf = (text: string): string[] => [
  ...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!)),
];

const cache = new Map<string, Record<Lang, Catalogue>>();

/** Parsed and cross-checked catalogues of an edition (a broken catalogue is a build error, hence the throw). */
function catalogues(edition: string): Record<Lang, Catalogue> {
  const hit = cache.get(edition);
  if (hit) return hit;
  const src = SOURCES[edition];
  if (!src) throw new Error(`Unknown edition of the forms: ${edition} (known: ${LABEL_EDITIONS.join(', ')})`);
  const ru = catalogueSchema.parse(src.ru);
  const kk = catalogueSchema.parse(src.kk);
  const keys = Object.keys(ru);
  const kkKeys = new Set(Object.keys(kk));
  const problems: string[] = [];
  for (const k of keys) if (!kkKeys.delete(k)) problems.push(`${k}: missing in kk`);
  for (const k of kkKeys) problems.push(`${k}: missing in ru`);
  // LABEL_KEYS is generated from the default edition's catalogue: every edition has exactly those keys.
  for (const k of keys) if (!isLabelKey(k)) problems.push(`${k}: not a LabelKey`);
  for (const k of keys) {
    const a = placeholdersOf(ru[k]!.text).sort().join(',');
    const b = placeholdersOf(kk[k]?.text ?? '')
      .sort()
      .join(',');
    if (kk[k] && a !== b) problems.push(`${k}: placeholders differ (ru {${a}}, kk {${b}})`);
  }
  if (problems.length) throw new Error(`Label catalogues of ${edition} are inconsistent:\n${problems.join('\n')}`);
  const out = { ru, kk };
  cache.set(edition, out);
  return out;
}

const pluralRules = new Intl.PluralRules('ru');

/** Russian plural category of a count; exact decimal strings are not rounded through floating point. */
export function pluralCategory(count: number | string): Intl.LDMLPluralRule {
  const s = typeof count === 'number' ? String(count) : count.trim();
  const m = /^-?(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) {
    if (typeof count === 'number' && Number.isFinite(count)) return pluralRules.select(count);
    throw new Error(`Not a number: ${count}`);
  }
  if (m[2] && /[1-9]/.test(m[2])) return 'other';
  // For integers the category depends only on the last digits (n % 100), so big strings stay exact.
  return pluralRules.select(Number(m[1]!.slice(-3)));
}

function fill(key: string, text: string, params: LabelParams | undefined): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const v = params?.[name];
    if (v === undefined) throw new Error(`Label ${key}: missing parameter {${name}}`);
    return String(v);
  });
}

/** Labels of one edition and language, with the user's overrides (key → text) applied. */
export function loadLabels(edition: string, lang: Lang, overrides?: Record<string, string>): Labels {
  if (!LANGUAGES.includes(lang)) throw new Error(`Unknown language: ${lang}`);
  const cat = catalogues(edition)[lang];
  const problems = overrides ? checkOverrideEntries(edition, lang, overrides) : [];
  if (problems.length) throw new LabelOverrideError(problems);
  const overridden = new Set(Object.keys(overrides ?? {}).filter((k) => Object.hasOwn(cat, k)) as LabelKey[]);

  const lookup = (key: string): { text: string; status: LabelStatus } | undefined => {
    const base = Object.hasOwn(cat, key) ? cat[key] : undefined;
    if (!base) return undefined;
    return overridden.has(key as LabelKey) ? { text: overrides![key]!, status: 'override' } : base;
  };
  const get = (key: string) => {
    const e = lookup(key);
    if (!e) throw new Error(`Unknown label key: ${key}${suggestion(key, Object.keys(cat))}`);
    return e;
  };

  return {
    edition,
    lang,
    t: (key, params) => fill(key, get(key).text, params),
    plural(key, count, params) {
      const variant = `${key}.${pluralCategory(count)}`;
      const chosen = lookup(variant) ? variant : key;
      return fill(chosen, get(chosen).text, { n: count, ...params });
    },
    status: (key) => get(key).status,
    entries: () => Object.keys(cat).map((key) => ({ key: key as LabelKey, ...get(key) })),
    overridden,
  };
}

const suggestion = (key: string, known: readonly string[]) => {
  const s = didYouMean(key, known);
  return s ? ` (did you mean ${s}?)` : '';
};

// ---------------------------------------------------------------------------------------------------------------
// Overrides

export type LabelOverrides = Partial<Record<Lang, Record<string, string>>>;

export type OverrideProblem =
  | { kind: 'syntax'; message: string; line: number; column: number }
  | { kind: 'notObject'; path: string }
  | { kind: 'unknownLanguage'; lang: string; suggestion?: string }
  | { kind: 'notText'; lang: string; key: string }
  | { kind: 'unknownKey'; lang: string; key: string; suggestion?: string }
  | { kind: 'unknownPlaceholder'; lang: string; key: string; placeholder: string; allowed: string[] }
  | { kind: 'file'; reason: 'isDirectory' | 'notRegular' | 'unreadable' | 'tooLarge' | 'notUtf8' | 'binary' }
  | { kind: 'tooDeep'; line: number; column: number }
  | { kind: 'tooLong'; lang: string; key: string; max: number }
  | { kind: 'control'; lang: string; key: string; char: string; at: number };

/** Messages for override problems in the user-interface languages. */
export const OVERRIDE_MESSAGES: MessageCatalog = {
  syntax: {
    ru: 'строка {line}, позиция {column}: ошибка JSON ({message})',
    kk: '{line}-жол, {column}-позиция: JSON қатесі ({message})',
    en: 'line {line}, column {column}: JSON error ({message})',
  },
  notObject: {
    ru: '{path}: ожидается объект { "ключ": "текст" }',
    kk: '{path}: { "кілт": "мәтін" } объектісі күтіледі',
    en: '{path}: expected an object { "key": "text" }',
  },
  unknownLanguage: {
    ru: 'неизвестный язык «{lang}» (допустимы ru, kk){hint}',
    kk: 'белгісіз тіл «{lang}» (ru немесе kk болуы тиіс){hint}',
    en: 'unknown language "{lang}" (use ru, kk){hint}',
  },
  notText: {
    ru: '{lang}.{key}: значение должно быть строкой',
    kk: '{lang}.{key}: мәні жол болуы тиіс',
    en: '{lang}.{key}: the value must be a string',
  },
  unknownKey: {
    ru: '{lang}: неизвестный ключ надписи «{key}»{hint}',
    kk: '{lang}: белгісіз жазба кілті «{key}»{hint}',
    en: '{lang}: unknown label key "{key}"{hint}',
  },
  unknownPlaceholder: {
    ru: '{lang}.{key}: неизвестный параметр {{placeholder}} (допустимы: {allowed})',
    kk: '{lang}.{key}: белгісіз параметр {{placeholder}} (рұқсат етілгені: {allowed})',
    en: '{lang}.{key}: unknown parameter {{placeholder}} (allowed: {allowed})',
  },
  hint: { ru: ' — возможно, «{s}»?', kk: ' — мүмкін, «{s}»?', en: ' — did you mean "{s}"?' },
  'file.isDirectory': { ru: 'это папка, а не файл', kk: 'бұл файл емес, бума', en: 'this is a folder, not a file' },
  'file.notRegular': {
    ru: 'это не обычный файл (устройство, канал или сокет)',
    kk: 'бұл қарапайым файл емес (құрылғы, арна немесе сокет)',
    en: 'this is not a regular file (a device, a pipe or a socket)',
  },
  'file.unreadable': { ru: 'файл не удаётся прочитать', kk: 'файлды оқу мүмкін емес', en: 'the file cannot be read' },
  'file.tooLarge': {
    ru: 'файл слишком велик: файл надписей занимает не больше 1 МБ',
    kk: 'файл тым үлкен: жазбалар файлы 1 МБ-тан аспайды',
    en: 'the file is too large: a labels file takes at most 1 MB',
  },
  'file.notUtf8': {
    ru: 'файл не в кодировке UTF-8: сохраните его как UTF-8',
    kk: 'файл UTF-8 кодтауында емес: оны UTF-8 ретінде сақтаңыз',
    en: 'the file is not UTF-8: save it as UTF-8',
  },
  'file.binary': {
    ru: 'это не текстовый файл JSON (в нём двоичные данные)',
    kk: 'бұл JSON мәтіндік файлы емес (екілік деректер бар)',
    en: 'this is not a JSON text file (it holds binary data)',
  },
  tooDeep: {
    ru: 'строка {line}, позиция {column}: вложенность глубже {max} уровней — это не файл надписей',
    kk: '{line}-жол, {column}-позиция: {max} деңгейден терең кірістіру — бұл жазбалар файлы емес',
    en: 'line {line}, column {column}: nested deeper than {max} levels — this is not a labels file',
  },
  tooLong: {
    ru: '{lang}.{key}: надпись длиннее {max} симв.',
    kk: '{lang}.{key}: жазба {max} таңбадан ұзын',
    en: '{lang}.{key}: the label is longer than {max} characters',
  },
  control: {
    ru: '{lang}.{key}: управляющий символ {char} ({at}-й символ надписи); удалите его',
    kk: '{lang}.{key}: басқарушы таңба {char} (жазбаның {at}-таңбасы); оны жойыңыз',
    en: '{lang}.{key}: control character {char} (character {at} of the label); remove it',
  },
  none: { ru: 'нет', kk: 'жоқ', en: 'none' },
};

const msg = (key: string, ui: UiLang, params: Record<string, string | number>) =>
  OVERRIDE_MESSAGES[key]![ui].replace(/\{\{(\w+)\}\}|\{(\w+)\}/g, (_, braced?: string, plain?: string) =>
    braced ? `{${params[braced]}}` : String(params[plain!] ?? ''),
  );

/** One override problem in words. */
export function describeOverrideProblem(p: OverrideProblem, ui: UiLang = 'en'): string {
  const hint = 'suggestion' in p && p.suggestion ? msg('hint', ui, { s: p.suggestion }) : '';
  switch (p.kind) {
    case 'syntax':
      return msg('syntax', ui, p);
    case 'notObject':
      return msg('notObject', ui, p);
    case 'unknownLanguage':
      return msg('unknownLanguage', ui, { lang: p.lang, hint });
    case 'notText':
      return msg('notText', ui, p);
    case 'unknownKey':
      return msg('unknownKey', ui, { lang: p.lang, key: p.key, hint });
    case 'unknownPlaceholder':
      return msg('unknownPlaceholder', ui, {
        ...p,
        allowed: p.allowed.length ? p.allowed.map((a) => `{${a}}`).join(', ') : msg('none', ui, {}),
      });
    case 'file':
      return msg(`file.${p.reason}`, ui, {});
    case 'tooDeep':
      return msg('tooDeep', ui, { ...p, max: MAX_DEPTH });
    case 'tooLong':
      return msg('tooLong', ui, p);
    case 'control':
      return msg('control', ui, p);
  }
}

export class LabelOverrideError extends Error {
  constructor(
    readonly problems: OverrideProblem[],
    readonly file?: string,
  ) {
    super(
      `${file ? `${file}: ` : ''}invalid label overrides:\n` +
        problems.map((p) => `  ${describeOverrideProblem(p, 'en')}`).join('\n'),
    );
    this.name = 'LabelOverrideError';
  }
}

function checkOverrideEntries(edition: string, lang: string, entries: Record<string, unknown>): OverrideProblem[] {
  const cat = catalogues(edition).ru;
  const known = Object.keys(cat);
  const problems: OverrideProblem[] = [];
  for (const [key, text] of Object.entries(entries)) {
    const base = Object.hasOwn(cat, key) ? cat[key] : undefined;
    if (!base) {
      problems.push({ kind: 'unknownKey', lang, key, suggestion: didYouMean(key, known) });
      continue;
    }
    if (typeof text !== 'string') {
      problems.push({ kind: 'notText', lang, key });
      continue;
    }
    // The character rules of an application's texts: a label is printed like them (and a control character
    // would make the DOCX's XML unreadable).
    if (text.length > MAX_LABEL_CHARS) {
      problems.push({ kind: 'tooLong', lang, key, max: MAX_LABEL_CHARS });
      continue;
    }
    const bad = CONTROL_CHARS.exec(text);
    if (bad) {
      const char = `U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      problems.push({ kind: 'control', lang, key, char, at: [...text.slice(0, bad.index)].length + 1 });
      continue;
    }
    // An override may drop a parameter, but one the documents never pass would fail at render time.
    const allowed = placeholdersOf(base.text);
    for (const placeholder of placeholdersOf(text))
      if (!allowed.includes(placeholder))
        problems.push({ kind: 'unknownPlaceholder', lang, key, placeholder, allowed });
  }
  return problems;
}

/** Checks a parsed override document `{ "ru": {…}, "kk": {…} }` against the catalogues of an edition. */
export function checkLabelOverrides(doc: unknown, edition: string = DEFAULT_EDITION): OverrideProblem[] {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(doc)) return [{ kind: 'notObject', path: '$' }];
  const problems: OverrideProblem[] = [];
  for (const [lang, entries] of Object.entries(doc)) {
    if (lang === '$schema') continue;
    if (!(LANGUAGES as readonly string[]).includes(lang)) {
      problems.push({ kind: 'unknownLanguage', lang, suggestion: didYouMean(lang, LANGUAGES) });
      continue;
    }
    if (!isObject(entries)) {
      problems.push({ kind: 'notObject', path: lang });
      continue;
    }
    problems.push(...checkOverrideEntries(edition, lang, entries));
  }
  return problems;
}

/** A labels file is a few hundred short texts: anything larger is not one. */
export const MAX_LABELS_FILE_BYTES = 1024 * 1024;
/** The longest label of the catalogues has about 400 characters. */
export const MAX_LABEL_CHARS = 2000;

/**
 * Reads and checks an override file like an application file (a regular file of limited size read with the
 * limit enforced, UTF-8 with an optional BOM, limited depth, own keys only); throws LabelOverrideError listing
 * every problem. A file that does not exist is the file system's error (the command line says so, exit 2).
 */
export function readLabelOverrides(file: string, edition: string = DEFAULT_EDITION): LabelOverrides {
  const read = readRegularFile(file, MAX_LABELS_FILE_BYTES);
  if ('problem' in read) {
    if (read.problem === 'missing')
      throw Object.assign(new Error(`ENOENT: no such file, open '${file}'`), {
        code: 'ENOENT',
        syscall: 'open',
        path: file,
      });
    throw new LabelOverrideError([{ kind: 'file', reason: read.problem }], file);
  }
  if (read.bytes.includes(0)) throw new LabelOverrideError([{ kind: 'file', reason: 'binary' }], file);
  const decoded = decodeUtf8(read.bytes);
  if (decoded === undefined) throw new LabelOverrideError([{ kind: 'file', reason: 'notUtf8' }], file);
  // A byte-order mark (Notepad) carries no meaning in UTF-8, as in an application file.
  const source = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  const starts = lineStarts(source);
  const deep = tooDeep(source);
  if (deep !== undefined)
    throw new LabelOverrideError([{ kind: 'tooDeep', ...positionAt(source, deep, starts) }], file);
  const errors: ParseError[] = [];
  const root = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length || !root) {
    throw new LabelOverrideError(
      (errors.length ? errors : [{ error: 4, offset: 0, length: 0 }]).map((e) => ({
        kind: 'syntax',
        message: printParseErrorCode(e.error),
        ...positionAt(source, e.offset, starts),
      })),
      file,
    );
  }
  const doc = treeValue(root);
  const problems = checkLabelOverrides(doc, edition);
  if (problems.length) throw new LabelOverrideError(problems, file);
  const out: LabelOverrides = {};
  for (const lang of LANGUAGES) {
    const entries = Object.hasOwn(doc as object, lang) ? (doc as Record<string, unknown>)[lang] : undefined;
    if (entries) out[lang] = entries as Record<string, string>;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Listing (`annexes labels --lang kk --status draft`)

export function listLabels(opts: {
  lang: Lang;
  status?: LabelStatus;
  edition?: string;
  overrides?: Record<string, string>;
}): LabelEntry[] {
  const all = loadLabels(opts.edition ?? DEFAULT_EDITION, opts.lang, opts.overrides).entries();
  return opts.status ? all.filter((e) => e.status === opts.status) : all;
}

/** One label per line: key, status, text in aligned columns. */
export function formatLabelList(rows: readonly LabelEntry[]): string {
  const keyWidth = Math.max(0, ...rows.map((r) => r.key.length));
  const statusWidth = Math.max(0, ...rows.map((r) => r.status.length));
  return rows.map((r) => `${r.key.padEnd(keyWidth)}  ${r.status.padEnd(statusWidth)}  ${r.text}\n`).join('');
}
