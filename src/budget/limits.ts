/**
 * The largest amount the documents print: below 10¹⁵ tenge (15 digits), every amount fits its cell of the
 * estimate on one line. The model caps price (10¹²) and quantity (10⁹), but their product and the sums of many
 * lines can exceed this, so lines and the grand total are checked after they are computed.
 */
import type { Diagnostic, MessageCatalog } from '../diagnostics/diagnostic.ts';
import { walkLines } from './compute.ts';
import { Decimal, moneyString } from './money.ts';
import type { ComputedEstimate } from './types.ts';

export const MAX_AMOUNT = new Decimal('1e15');

export const limitMessages: MessageCatalog = {
  'budget.amountTooLarge': {
    ru: 'сумма {total} тенге слишком велика: смета печатает суммы меньше 1 000 000 000 000 000 тенге',
    kk: '{total} теңге сомасы тым үлкен: смета 1 000 000 000 000 000 теңгеден кіші сомаларды басады',
    en: 'the amount of {total} tenge is too large: the estimate prints amounts below 1 000 000 000 000 000 tenge',
  },
};

/** An error at every line whose total reaches the bound, else at the estimate when only the sum does. */
export function amountLimitDiagnostics(computed: ComputedEstimate): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const line of walkLines(computed))
    if (line.total.gte(MAX_AMOUNT))
      out.push({
        severity: 'error',
        path: line.path,
        key: 'budget.amountTooLarge',
        params: { total: moneyString(line.total) },
      });
  if (out.length === 0 && computed.total.gte(MAX_AMOUNT))
    out.push({
      severity: 'error',
      path: ['estimate'],
      key: 'budget.amountTooLarge',
      params: { total: moneyString(computed.total) },
    });
  return out;
}
