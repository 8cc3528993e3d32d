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
} satisfies Record<string, Record<UiLang, string>>;

export type UiKey = keyof typeof TEXT;

export function ui(lang: UiLang, key: UiKey, params: Record<string, string | number> = {}): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (m, n: string) => (n in params ? String(params[n]) : m));
}

export function parseUiLang(value: string | undefined): UiLang {
  const v = (value || process.env.ANNEXES_UI_LANG || 'ru').toLowerCase();
  if ((UI_LANGS as readonly string[]).includes(v)) return v as UiLang;
  throw new UserError(ui('ru', 'badUiLang'), EXIT.usage);
}
