/**
 * The date the documents carry, decided at the edge: SOURCE_DATE_EPOCH (whole seconds since 1970, the
 * reproducible-builds convention) is read here, once, and handed down to the rendering as a value.
 */
import type { UiLang } from '../diagnostics/diagnostic.ts';
import { EXIT, UserError } from './exit-codes.ts';

export const SOURCE_DATE_EPOCH = 'SOURCE_DATE_EPOCH';

const BAD_EPOCH: Record<UiLang, string> = {
  ru: 'SOURCE_DATE_EPOCH должна быть целым числом секунд с 1970 года: «{value}»',
  kk: 'SOURCE_DATE_EPOCH 1970 жылдан бергі секундтардың бүтін саны болуы тиіс: «{value}»',
  en: 'SOURCE_DATE_EPOCH must be a whole number of seconds since 1970: "{value}"',
};

/** The documents' date from the environment; undefined (the time of rendering) when it is not set. */
export function documentDateFromEnv(lang: UiLang, env: NodeJS.ProcessEnv = process.env): Date | undefined {
  const value = env[SOURCE_DATE_EPOCH];
  if (value === undefined || value.trim() === '') return undefined;
  const date = /^\d+$/.test(value.trim()) ? new Date(Number(value.trim()) * 1000) : undefined;
  if (date === undefined || Number.isNaN(date.getTime()))
    throw new UserError(BAD_EPOCH[lang].replace('{value}', value), EXIT.usage);
  return date;
}
