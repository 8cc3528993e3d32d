/**
 * Exact money arithmetic for the estimate. Amounts are decimals in tenge (two decimals = tiyn); a line total
 * is quantity × price rounded half-up to the tiyn once, and every sum after that is exact.
 */
import { Decimal as DecimalBase } from 'decimal.js';

/**
 * A private Decimal constructor: the library's default precision (20 significant digits) could round a
 * product of a large quantity and a large price, so sums and products here get far more than they need
 * (quantity ≤ 10⁹ with 3 decimals × price ≤ 10¹² with 2 decimals is at most 28 digits).
 */
export const Decimal = DecimalBase.clone({
  precision: 60,
  rounding: DecimalBase.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 60,
});
export type Money = DecimalBase;

export const ZERO: Money = new Decimal(0);

/** A JSON number (or a decimal string) as an exact decimal; numbers convert through their shortest decimal form. */
export function toDecimal(value: number | string | Money): Money {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  // JSON's -0 is zero: a signed zero would make «0 − 0» look negative to the checks.
  if (typeof value === 'number' && value === 0) return ZERO;
  return new Decimal(value);
}

/** Rounds to the tiyn, half away from zero (half-up for the non-negative amounts of an estimate). */
export function roundToTiyn(value: Money): Money {
  return value.toDecimalPlaces(2, DecimalBase.ROUND_HALF_UP);
}

/** Total of a budget line: quantity × price, rounded to the tiyn once. */
export function lineTotal(quantity: number | string | Money, price: number | string | Money): Money {
  return roundToTiyn(toDecimal(quantity).times(toDecimal(price)));
}

/** Exact sum. */
export function sum(values: Iterable<Money>): Money {
  let acc = ZERO;
  for (const v of values) acc = acc.plus(v);
  return acc;
}

/**
 * The exact amount as a plain decimal string: whole tenge without decimals ("32051320"), otherwise two
 * decimals ("1234.50"). No thousands separators, no exponent.
 */
export function moneyString(value: Money): string {
  return value.isInteger() ? value.toFixed(0) : value.toFixed(2);
}

/** Any exact decimal (a quantity, for example) as a plain string without trailing zeros or exponent. */
export function decimalString(value: Money): string {
  return value.toFixed();
}

/** The amount in tenge as a JSON number (for output only: never sum these). */
export function toTenge(value: Money): number {
  return value.toNumber();
}

/** part ÷ whole in percent, rounded half-up to 2 decimals; 0 when the whole is 0. */
export function percentOf(part: Money, whole: Money): Money {
  if (whole.isZero()) return ZERO;
  return part.times(100).dividedBy(whole).toDecimalPlaces(2, DecimalBase.ROUND_HALF_UP);
}
