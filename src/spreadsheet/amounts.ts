/**
 * Amounts the way accountants type them, read into exact decimals: «140 000», «140 000,00», «1 234,56», «1234.56»,
 * «1,234.56», with ordinary, no-break or thin spaces between digit groups and an optional «₸» or «тг».
 */
import { Decimal, type Money } from '../budget/money.ts';

const SPACES = /[\s\u00A0\u202F\u2009']/g;

/** The decimal an amount text stands for, or undefined when it is not one. */
export function parseAmountText(text: string): Money | undefined {
  let s = text
    .trim()
    .replace(/\s*(₸|тг\.?|тенге|теңге|KZT)$/iu, '')
    .replace(SPACES, '');
  if (s === '') return undefined;
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) {
    // Both: the last one is the decimal separator, the other groups digits («1,234.56», «1.234,56»).
    const [group, decimal] = comma > dot ? ['.', ','] : [',', '.'];
    s = s.split(group).join('').replace(decimal, '.');
  } else if (comma >= 0) {
    // A lone comma is the decimal comma of ru/kk («1234,56»), unless it groups thousands («1,234,567»).
    s = /^\d{1,3}(,\d{3}){2,}$/.test(s) ? s.replace(/,/g, '') : s.replace(',', '.');
  } else if (/^\d{1,3}(\.\d{3}){2,}$/.test(s)) s = s.replace(/\./g, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return undefined;
  return new Decimal(s);
}

/** A decimal as the JSON number the application file holds (the shortest form that reads back the same). */
export function jsonNumber(value: Money): number {
  return Number(value.toFixed());
}
