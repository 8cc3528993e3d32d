/** Words the command line itself prints, in the interface languages. */
import { UI_LANGS, type UiLang } from '../validation/messages.ts';
import { EXIT, UserError } from './exit-codes.ts';

const TEXT = {
  valid: { ru: 'ошибок нет', kk: 'қате жоқ', en: 'no errors' },
  summary: {
    ru: '{file}: ошибок: {errors}, предупреждений: {warnings}',
    kk: '{file}: қателер: {errors}, ескертулер: {warnings}',
    en: '{file}: {errors} error(s), {warnings} warning(s)',
  },
  strictFailed: {
    ru: 'режим --strict: предупреждения считаются ошибками',
    kk: '--strict режимі: ескертулер қате болып есептеледі',
    en: '--strict: warnings count as errors',
  },
  internal: {
    ru: 'внутренняя ошибка программы: {message}. Повторите с --debug, чтобы увидеть подробности',
    kk: 'бағдарламаның ішкі қатесі: {message}. Толығырақ көру үшін --debug параметрімен қайталаңыз',
    en: 'internal error: {message}. Run again with --debug to see the details',
  },
  badUiLang: {
    ru: 'язык интерфейса: ru, kk или en',
    kk: 'интерфейс тілі: ru, kk немесе en',
    en: 'interface language: ru, kk or en',
  },
  written: { ru: '{path}  {size}  {ms} мс', kk: '{path}  {size}  {ms} мс', en: '{path}  {size}  {ms} ms' },
  buildSummary: {
    ru: 'Готово: файлов {files} ({size}) за {seconds} с',
    kk: 'Дайын: {files} файл ({size}), {seconds} с',
    en: 'Done: {files} file(s) ({size}) in {seconds} s',
  },
  buildFailed: {
    ru: '{file}: документы не созданы, прежние файлы не тронуты',
    kk: '{file}: құжаттар жасалмады, бұрынғы файлдар өзгертілмеді',
    en: '{file}: no documents written, the previous files are untouched',
  },
  badList: {
    ru: 'параметр {option}: допустимы {allowed}, получено «{got}»',
    kk: '{option} параметрі: рұқсат етілгені {allowed}, алынғаны «{got}»',
    en: 'option {option}: allowed {allowed}, got "{got}"',
  },
  watching: {
    ru: 'Слежу за {file}: документы обновятся после каждого сохранения (Ctrl+C — выход)',
    kk: '{file} бақылануда: әр сақтаудан кейін құжаттар жаңартылады (шығу — Ctrl+C)',
    en: 'Watching {file}: the documents are rebuilt after each save (Ctrl+C to stop)',
  },
  keptOld: {
    ru: 'Данные с ошибками: прежние документы оставлены без изменений',
    kk: 'Деректерде қате бар: бұрынғы құжаттар өзгеріссіз қалдырылды',
    en: 'The data has errors: the previous documents are kept as they were',
  },
  kb: { ru: '{n} КБ', kk: '{n} КБ', en: '{n} KB' },
  mb: { ru: '{n} МБ', kk: '{n} МБ', en: '{n} MB' },
} satisfies Record<string, Record<UiLang, string>>;

/** File sizes as people read them. */
export function formatSize(lang: UiLang, bytes: number): string {
  if (bytes < 1024 * 1024) return ui(lang, 'kb', { n: Math.max(1, Math.round(bytes / 1024)) });
  const mb = (bytes / 1024 / 1024).toFixed(1);
  return ui(lang, 'mb', { n: lang === 'en' ? mb : mb.replace('.', ',') });
}

/** A comma-separated option value checked against its allowed values. */
export function parseList<T extends string | number>(
  lang: UiLang,
  option: string,
  value: string | undefined,
  allowed: readonly T[],
): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const out: T[] = [];
  for (const item of items) {
    const match = allowed.find((a) => String(a) === item.toLowerCase());
    if (match === undefined)
      throw new UserError(ui(lang, 'badList', { option, allowed: allowed.join(', '), got: item }), EXIT.usage);
    if (!out.includes(match)) out.push(match);
  }
  if (out.length === 0)
    throw new UserError(ui(lang, 'badList', { option, allowed: allowed.join(', '), got: value }), EXIT.usage);
  return out;
}

export type UiKey = keyof typeof TEXT;

export function ui(lang: UiLang, key: UiKey, params: Record<string, string | number> = {}): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (m, n: string) => (n in params ? String(params[n]) : m));
}

export function parseUiLang(value: string | undefined): UiLang {
  const v = (value || process.env.ANNEXES_UI_LANG || 'ru').toLowerCase();
  if ((UI_LANGS as readonly string[]).includes(v)) return v as UiLang;
  throw new UserError(ui('ru', 'badUiLang'), EXIT.usage);
}
