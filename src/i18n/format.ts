/**
 * Every language-dependent piece of formatting the annexes print: dates, amounts, quantities, currency words,
 * units, calendar headers, years of service, and picking the language of a localized text.
 *
 * Functions that print labels take a language (the edition's catalogue without overrides) or a `Labels`
 * object (so that the user's overrides apply).
 */
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import 'dayjs/locale/ru.js';
import 'dayjs/locale/kk.js';
import type { ProjectCost } from '../model/annex3.ts';
import { UNIT_CODES, type Unit, type UnitCode } from '../model/annex5.ts';
import type { Lang, LocalizedText } from '../model/common.ts';
import { DEFAULT_EDITION } from '../templates/editions.ts';
import { type Amount, exactDecimal, formatDecimal, NBSP } from './amount.ts';
import { type Labels, loadLabels } from './labels.ts';

dayjs.extend(customParseFormat);

export type LangOrLabels = Lang | Labels;
const labelsOf = (l: LangOrLabels): Labels => (typeof l === 'string' ? loadLabels(DEFAULT_EDITION, l) : l);
const langOf = (l: LangOrLabels): Lang => (typeof l === 'string' ? l : l.lang);

// ---------------------------------------------------------------------------------------------------------------
// Dates

/**
 * - `numeric`: «21.11.2005 г.» / «21.11.2005 ж.»
 * - `long`:    «21 ноября 2005 г.» / «2005 жылғы 21 қараша»
 * - `dated`:   «от 21 ноября 2005 г.» / «2005 жылғы 21 қарашадағы» (attributive, "dated …")
 * - `on`:      «21 ноября 2005 г.» / «2005 жылғы 21 қарашада»
 * - `from`:    «с 21 ноября 2005 г.» / «2005 жылғы 21 қарашадан бастап»
 * - `until`:   «до 21 ноября 2005 г.» / «2005 жылғы 21 қарашаға дейін»
 */
export const DATE_STYLES = ['numeric', 'long', 'dated', 'on', 'from', 'until'] as const;
export type DateStyle = (typeof DATE_STYLES)[number];
export type KkMonthCase = 'dated' | 'on' | 'from' | 'until';

/**
 * Kazakh case endings of the month names (labels-ru-kk.md §3.2): attributive -дағы, locative -да, ablative -дан,
 * dative -ға. They follow vowel harmony and the last consonant, so a table is clearer than rules.
 */
const KK_MONTH_ENDINGS: Record<number, Record<KkMonthCase, string>> = {
  1: { dated: 'дағы', on: 'да', from: 'дан', until: 'ға' }, // қаңтар
  2: { dated: 'дағы', on: 'да', from: 'нан', until: 'ға' }, // ақпан
  3: { dated: 'дағы', on: 'да', from: 'дан', until: 'ға' }, // наурыз
  4: { dated: 'дегі', on: 'де', from: 'ден', until: 'ге' }, // сәуір
  5: { dated: 'дағы', on: 'да', from: 'дан', until: 'ға' }, // мамыр
  6: { dated: 'дағы', on: 'да', from: 'нан', until: 'ға' }, // маусым
  7: { dated: 'дегі', on: 'де', from: 'ден', until: 'ге' }, // шілде
  8: { dated: 'дағы', on: 'да', from: 'дан', until: 'ға' }, // тамыз
  9: { dated: 'тегі', on: 'те', from: 'тен', until: 'ке' }, // қыркүйек
  10: { dated: 'дағы', on: 'да', from: 'нан', until: 'ға' }, // қазан
  11: { dated: 'дағы', on: 'да', from: 'дан', until: 'ға' }, // қараша
  12: { dated: 'дағы', on: 'да', from: 'нан', until: 'ға' }, // желтоқсан
};

function parseIso(iso: string): dayjs.Dayjs {
  const d = dayjs(iso, 'YYYY-MM-DD', true);
  if (!d.isValid()) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${iso}`);
  return d;
}

/** Month name in lower case: ru genitive («ноября»), kk nominative («қараша») or one of its case forms. */
export function monthName(month: number, lang: Lang, kkCase?: KkMonthCase): string {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Not a month: ${month}`);
  const d = dayjs(new Date(2000, month - 1, 1));
  if (lang === 'ru') return d.locale('ru').format('D MMMM').split(' ')[1]!;
  const nominative = d.locale('kk').format('MMMM');
  return kkCase ? nominative + KK_MONTH_ENDINGS[month]![kkCase] : nominative;
}

export function formatDate(iso: string, lang: Lang, style: DateStyle = 'numeric'): string {
  const d = parseIso(iso);
  if (style === 'numeric') return `${d.format('DD.MM.YYYY')}${NBSP}${lang === 'ru' ? 'г.' : 'ж.'}`;
  const day = d.date();
  const month = d.month() + 1;
  const year = d.year();
  if (lang === 'ru') {
    const long = `${day} ${monthName(month, 'ru')} ${year}${NBSP}г.`;
    const prefix = { long: '', on: '', dated: 'от ', from: 'с ', until: 'до ' }[style];
    return prefix + long;
  }
  if (style === 'long') return `${year} жылғы ${day} ${monthName(month, 'kk')}`;
  const phrase = `${year} жылғы ${day} ${monthName(month, 'kk', style)}`;
  // Postpositions make the phrase complete, as the Russian prepositions do.
  return style === 'from' ? `${phrase} бастап` : style === 'until' ? `${phrase} дейін` : phrase;
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers: one formatter of exact decimals, in ./amount.ts

export { type Amount, formatAmount, formatQuantity, NBSP } from './amount.ts';

// ---------------------------------------------------------------------------------------------------------------
// Currencies, units, calendar, years

export type Currency = ProjectCost['currency'];
export type Scale = ProjectCost['scale'];

/**
 * «тенге», «тыс. тенге», «млн евро» … With `amount`, the Russian word agrees with it («5 долларов США»);
 * scaled words («тыс. рублей») never change.
 */
export function currencyWord(currency: Currency, scale: Scale, l: LangOrLabels, amount?: Amount): string {
  const labels = labelsOf(l);
  if (scale !== 'units') return labels.t(`currency.${currency}.${scale}`);
  if (amount === undefined) return labels.t(`currency.${currency}`);
  return labels.plural(`currency.${currency}`, exactDecimal(amount).toFixed());
}

/** Cost of a past project: «2 800 000 тенге», «1 994,5 тыс. тенге», «458 000 евро» (decimals only if non-zero). */
export function formatProjectCost(cost: Pick<ProjectCost, 'amount'> & Partial<ProjectCost>, l: LangOrLabels): string {
  const exact = exactDecimal(cost.amount).toFixed();
  const word = currencyWord(cost.currency ?? 'KZT', cost.scale ?? 'units', l, exact);
  return `${formatDecimal(exact)}${NBSP}${word}`;
}

export const isUnitCode = (u: unknown): u is UnitCode => typeof u === 'string' && UNIT_CODES.includes(u as UnitCode);

/**
 * Name of a unit: a catalogue code through the labels, any other text as written.
 * `undefined` when free text lacks the language (and no fallback is allowed): the caller records the path.
 */
export function unitName(unit: Unit, l: LangOrLabels, opts: { fallback?: boolean } = {}): string | undefined {
  if (isUnitCode(unit)) return labelsOf(l).t(`unit.${unit}`);
  return pickText(unit, langOf(l), opts);
}

/** «Месяц 3» / «3-ай». */
export const monthHeader = (n: number, l: LangOrLabels): string => labelsOf(l).t('calendar.month', { n });

/** «10 лет», «21 год», «3 года» / «10 жыл». */
export function yearsOfService(n: number, l: LangOrLabels): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Not a number of years: ${n}`);
  return labelsOf(l).plural('annex3.yearsOfService', n);
}

/** Sub-rows of labour resources in Annex 2: «6 сотрудников» / «6 қызметкер». */
export function labourCount(kind: 'staff' | 'specialists' | 'volunteers', n: number, l: LangOrLabels): string {
  return labelsOf(l).plural(`annex2.labour.${kind}`, n);
}

// ---------------------------------------------------------------------------------------------------------------
// Localized text

/**
 * The text in `lang`; with `fallback`, the other language's text when that one is missing.
 * `undefined` when there is nothing to print. Missing languages are listed up front, with their JSON paths,
 * by src/views/language.ts.
 */
export function pickText(
  text: LocalizedText | undefined,
  lang: Lang,
  opts: { fallback?: boolean } = {},
): string | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'string') return text;
  const own = text[lang];
  if (own !== undefined) return own;
  return opts.fallback ? text[lang === 'ru' ? 'kk' : 'ru'] : undefined;
}
