/**
 * Amounts as accountants type them: «140 000», «1 234,56», «1234.56» (spaces of any kind between thousands,
 * a comma or a point before the decimals). The value kept is the exact decimal; the page never adds numbers in
 * floating point (totals come from the estimate engine, src/budget, in decimal.js).
 */
import { Decimal, type Money, moneyString } from '../../budget/money.ts';

export type ParsedAmount = { ok: true; value: number; text: string } | { ok: false };

/** `decimals`: the most decimals allowed (2 for money, 3 for quantities). */
export function parseAmount(typed: string, decimals = 2): ParsedAmount {
  const s = typed.replace(/[\s\u00a0\u202f\u2009']/g, '');
  const m = /^(\d+)(?:[.,](\d*))?$/.exec(s);
  if (!m) return { ok: false };
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > decimals) return { ok: false };
  const text = fraction ? `${m[1]}.${fraction}` : (m[1] as string);
  const exact = new Decimal(text);
  // JSON keeps a number; its shortest decimal form is the typed decimal for any amount of at most 15 digits.
  const value = Number(text);
  if (!new Decimal(value).equals(exact)) return { ok: false };
  return { ok: true, value, text: exact.toFixed() };
}

const group = (fixed: string): string => {
  const [whole = '0', fraction] = fixed.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  return sign + whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0') + (fraction ? `,${fraction}` : '');
};

/** An exact amount as the documents print it: «32 051 320», «1 234,50» (grouped thousands, decimal comma). */
export function formatMoney(value: Money): string {
  return group(moneyString(value));
}

/** A number of the file as typed into an input: «140 000», «1 234,5»; text that is not a number as it is. */
export function formatTyped(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return group(new Decimal(value).toFixed());
  return typeof value === 'string' ? value : '';
}
