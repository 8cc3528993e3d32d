/** Amounts as accountants type them into the editor's estimate grid, and how the grid prints them back. */
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/budget/money.ts';
import { formatMoney, formatTyped, parseAmount } from '../src/editor/page/amounts.ts';

describe('amounts typed in the editor', () => {
  it.each([
    ['140 000', 140000],
    ['140\u00a0000', 140000],
    ['1 234,56', 1234.56],
    ['1234.56', 1234.56],
    ['1234,5', 1234.5],
    ['0,10', 0.1],
    ['12 345 678 901,99', 12345678901.99],
    ['7.', 7],
  ])('«%s» is %d', (typed, value) => {
    expect(parseAmount(typed)).toMatchObject({ ok: true, value });
  });

  it.each(['', 'abc', '1,234,56', '-5', '1 234,567', '1e3', '12,3.4'])('«%s» is not an amount of money', (typed) => {
    expect(parseAmount(typed).ok).toBe(false);
  });

  it('a quantity may have three decimals', () => {
    expect(parseAmount('2,125', 3)).toMatchObject({ ok: true, value: 2.125 });
    expect(parseAmount('2,125', 2).ok).toBe(false);
  });

  it('prints amounts as the documents do, from exact decimals', () => {
    expect(formatMoney(new Decimal('32062431.04'))).toBe('32\u00a0062\u00a0431,04');
    expect(formatMoney(new Decimal('1234.5'))).toBe('1\u00a0234,50');
    expect(formatMoney(new Decimal('0.1').plus('0.2'))).toBe('0,30');
    expect(formatTyped(140000)).toBe('140\u00a0000');
    expect(formatTyped('12a')).toBe('12a');
  });
});
