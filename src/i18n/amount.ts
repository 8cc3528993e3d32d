/**
 * The one formatter of exact decimals for people: amounts and quantities in the documents, the terminal
 * totals table and the messages. Values stay exact decimals up to here; nothing passes through floating point
 * (a JSON number is read through its shortest decimal form).
 */
import { Decimal } from 'decimal.js';

export const NBSP = '\u00A0';

export type Amount = string | number | Decimal;
const DECIMAL_STRING = /^-?\d+(?:\.\d+)?$/;

/** Exact value of an amount: decimal strings are parsed as written, never through floating point. */
export function exactDecimal(value: Amount): Decimal {
  if (Decimal.isDecimal(value)) return value;
  if (typeof value === 'string') {
    const s = value.trim();
    if (!DECIMAL_STRING.test(s)) throw new RangeError(`Not a decimal number: "${value}"`);
    return new Decimal(s);
  }
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  return new Decimal(value);
}

export interface NumberStyle {
  /** Between groups of three digits: a no-break space in documents (the default), a space in the terminal. */
  separator?: string;
}

/** Groups the integer part by three and uses a decimal comma. */
function group(fixed: string, separator: string): string {
  const negative = fixed.startsWith('-');
  const [int, frac] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  const body = frac ? `${grouped},${frac}` : grouped;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/**
 * Money: «5 930 720», «1 234,50». `decimals`: 'auto' (default) prints two decimals only when the value is
 * not whole; 0 or 2 always that many (rounded half up).
 */
export function formatAmount(value: Amount, opts: NumberStyle & { decimals?: 'auto' | 0 | 2 } = {}): string {
  const d = exactDecimal(value);
  const decimals = opts.decimals ?? 'auto';
  const places = decimals === 'auto' ? (d.isInteger() ? 0 : 2) : decimals;
  return group(d.toFixed(places, Decimal.ROUND_HALF_UP), opts.separator ?? NBSP);
}

/** Quantity: up to three decimals (rounded half up), trailing zeros dropped: «1 500», «0,5», «2,125». */
export function formatQuantity(value: Amount, opts: NumberStyle = {}): string {
  return group(exactDecimal(value).toDecimalPlaces(3, Decimal.ROUND_HALF_UP).toFixed(), opts.separator ?? NBSP);
}

/**
 * Any exact decimal with the digits it has, grouped: «1 994,5» (a past project's cost keeps its own decimals), a
 * decimal string exactly as written («12 345,50»).
 */
export function formatDecimal(value: Amount, opts: NumberStyle = {}): string {
  const d = exactDecimal(value);
  return group(typeof value === 'string' ? value.trim() : d.toFixed(), opts.separator ?? NBSP);
}
