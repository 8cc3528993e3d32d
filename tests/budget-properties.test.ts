/**
 * Properties of the estimate arithmetic on random estimates, checked against an independent oracle in
 * integer tiyn (bigint): line = quantity × price rounded half-up once, every column summed exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeEstimate, walkNodes } from '../src/budget/compute.ts';
import { Decimal, lineTotal, moneyString, toTenge } from '../src/budget/money.ts';
import { estimateRows } from '../src/budget/rows.ts';
import type { ComputedEstimate } from '../src/budget/types.ts';
import { calendarOf, parseEstimate } from './fixtures/seed-estimate.ts';

type RawLine = { name?: string; unit: string; quantity: number; price: number; own?: number; cofinancing?: number };

/** A decimal with `places` decimals from an integer count of its smallest unit, via its decimal text. */
const scaled = (units: number, places: number) => {
  const s = units.toString().padStart(places + 1, '0');
  return Number(`${s.slice(0, -places)}.${s.slice(-places)}`);
};
const tiyn = (max: number) => fc.integer({ min: 0, max }).map((n) => scaled(n, 2));
const quantityArb = fc.integer({ min: 1, max: 5_000_000 }).map((n) => scaled(n, 3));

const lineArb: fc.Arbitrary<RawLine> = fc.record(
  {
    name: fc.constantFrom('ручка', 'папка', 'услуги тренера', 'аренда'),
    unit: fc.constant('piece'),
    quantity: quantityArb,
    price: tiyn(100_000_000_00),
    own: tiyn(1_000_000_00),
    cofinancing: tiyn(1_000_000_00),
  },
  { requiredKeys: ['unit', 'quantity', 'price'] },
);
const linesArb = fc.array(lineArb, { maxLength: 4 });
const groupArb = linesArb.map((lines) => ({ lines }));

const activityArb = fc.record({
  travel: fc.record({ perDiem: groupArb, accommodation: groupArb, transport: groupArb }),
  handouts: groupArb,
  services: fc.record({ individuals: groupArb, legalEntities: groupArb }),
  hospitality: fc.record({ coffeeBreak: groupArb, lunch: groupArb, hallRent: groupArb, other: groupArb }),
  extra: fc.array(
    linesArb.map((lines) => ({ title: 'Иные расходы', lines })),
    { maxLength: 2 },
  ),
});

const estimateArb = fc
  .record({
    administrative: fc.record({
      salaries: groupArb,
      socialTax: groupArb,
      rent: groupArb,
      other: groupArb,
      extra: fc.array(
        linesArb.map((lines) => ({ title: 'Дополнительная статья', lines })),
        { maxLength: 2 },
      ),
    }),
    material: groupArb,
    activities: fc.array(activityArb, { maxLength: 4 }),
  })
  .map(({ administrative, material, activities }) => ({
    administrative,
    material,
    direct: { activities: activities.map((a, i) => ({ activity: `a${i + 1}`, ...a })) },
  }));

/** Every `lines` array of a raw estimate, wherever it is. */
function rawLines(value: unknown): RawLine[] {
  if (Array.isArray(value)) return value.flatMap(rawLines);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => (k === 'lines' ? (v as RawLine[]) : rawLines(v)));
}

const toUnits = (n: number, places: number) => {
  const [whole, fraction = ''] = n.toString().split('.');
  return BigInt(whole! + fraction.padEnd(places, '0'));
};
/** Oracle: the line total in tiyn, quantity in thousandths × price in tiyn, rounded half-up. */
const oracleTotal = (l: RawLine) => (toUnits(l.quantity, 3) * toUnits(l.price, 2) + 500n) / 1000n;
const asTiyn = (d: { toFixed: (dp: number) => string }) => BigInt(d.toFixed(2).replace('.', ''));

function compute(raw: unknown): ComputedEstimate {
  const est = parseEstimate(raw);
  return computeEstimate(est, calendarOf(est.direct.activities.map((a) => a.activity)));
}

/** Shuffles every `lines` array with the given sort keys (a permutation drawn by fast-check). */
function shuffleLines(value: unknown, keys: number[]): unknown {
  let k = 0;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    return Object.fromEntries(
      Object.entries(v).map(([key, child]) => {
        if (key !== 'lines') return [key, walk(child)];
        const tagged = (child as RawLine[]).map((line, i) => ({ line, key: keys[k++ % keys.length]! + i / 1000 }));
        return [key, tagged.sort((a, b) => a.key - b.key).map((t) => t.line)];
      }),
    );
  };
  return walk(value);
}

describe('estimate arithmetic properties', () => {
  it('gives each column of the grand total as the exact sum of all lines', () => {
    fc.assert(
      fc.property(estimateArb, (raw) => {
        const computed = compute(raw);
        const lines = rawLines(raw);
        const total = lines.reduce((s, l) => s + oracleTotal(l), 0n);
        const own = lines.reduce((s, l) => s + toUnits(l.own ?? 0, 2), 0n);
        const cofinancing = lines.reduce((s, l) => s + toUnits(l.cofinancing ?? 0, 2), 0n);
        expect(asTiyn(computed.total)).toBe(total);
        expect(asTiyn(computed.own)).toBe(own);
        expect(asTiyn(computed.cofinancing)).toBe(cofinancing);
        expect(asTiyn(computed.grant)).toBe(total - own - cofinancing);
        expect(computed.lineCount).toBe(lines.length);
      }),
      { numRuns: 200 },
    );
  });

  it('changes no total when lines are reordered', () => {
    fc.assert(
      fc.property(estimateArb, fc.array(fc.integer(), { minLength: 1, maxLength: 50 }), (raw, keys) => {
        const before = compute(raw);
        const after = compute(shuffleLines(raw, keys));
        const totals = (c: ComputedEstimate) =>
          [...walkNodes(c)].map((n) => [n.path.join('.'), n.total, n.own, n.cofinancing, n.grant].map(String));
        expect(totals(after)).toEqual(totals(before));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps total = own + cofinancing + grant on every node and every printed row', () => {
    fc.assert(
      fc.property(estimateArb, fc.boolean(), (raw, compact) => {
        const computed = compute(raw);
        for (const node of walkNodes(computed)) {
          expect(node.own.plus(node.cofinancing).plus(node.grant).eq(node.total)).toBe(true);
          for (const line of node.lines)
            expect(line.own.plus(line.cofinancing).plus(line.grant).eq(line.total)).toBe(true);
        }
        for (const row of estimateRows(computed, { compact, blankZeroSources: false })) {
          if (row.total === null) continue;
          const parts = [row.own, row.cofinancing, row.grant].map((s) => new Decimal(s ?? 'NaN'));
          expect(parts[0]!.plus(parts[1]!).plus(parts[2]!).toFixed(2)).toBe(new Decimal(row.total).toFixed(2));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('rounds every line total half-up to the tiyn once', () => {
    fc.assert(
      fc.property(quantityArb, tiyn(1_000_000_000_00), (quantity, price) => {
        expect(asTiyn(lineTotal(quantity, price))).toBe(oracleTotal({ unit: 'piece', quantity, price }));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('rounding and exact sums', () => {
  it('sums 10 000 lines of 3 × 0.01 to exactly 300.00', () => {
    const lines = Array.from({ length: 10_000 }, () => ({ unit: 'piece', quantity: 3, price: 0.01 }));
    const computed = compute({ material: { lines } });
    expect(computed.total.toFixed(2)).toBe('300.00');
    expect(moneyString(computed.total)).toBe('300');
    expect(toTenge(computed.material.grant)).toBe(300);
    // The same sum in floating point is not exact, which is why the engine never sums floats.
    let float = 0;
    for (let i = 0; i < 10_000; i++) float += 3 * 0.01;
    expect(float).not.toBe(300);
  });

  it('rounds 0.005 up to 0.01 per line, and rounds only once', () => {
    expect(lineTotal(0.5, 0.01).toFixed(2)).toBe('0.01');
    expect(lineTotal(1, 0.005).toFixed(2)).toBe('0.01');
    // 0.45 × 0.01 = 0.0045 → 0.00; rounding first to 0.005 and then to 0.01 would be double rounding.
    expect(lineTotal(0.45, 0.01).toFixed(2)).toBe('0.00');
    expect(lineTotal(0.999, 0.01).toFixed(2)).toBe('0.01');
    expect(lineTotal(2.5, 0.03).toFixed(2)).toBe('0.08'); // 0.075 → 0.08
    // Ten lines of 0.005 each round to 0.01 each: 0.10 in total, not a rounded 0.05.
    const lines = Array.from({ length: 10 }, () => ({ unit: 'piece', quantity: 0.5, price: 0.01 }));
    expect(compute({ material: { lines } }).total.toFixed(2)).toBe('0.10');
  });

  it('keeps large products exact (beyond 20 significant digits)', () => {
    // 26 significant digits before rounding; decimal.js's default precision of 20 would cut the tenge.
    expect(lineTotal(123_456_789.123, 987_654_321_098.77).toFixed(2)).toBe('121932631246310577544.68');
  });

  it('writes exact decimal strings', () => {
    expect(moneyString(new Decimal('32051320'))).toBe('32051320');
    expect(moneyString(new Decimal('1234.5'))).toBe('1234.50');
    expect(moneyString(new Decimal('0.07'))).toBe('0.07');
    expect(toTenge(new Decimal('1234.50'))).toBe(1234.5);
  });
});
