/**
 * Money at every size up to the bound of 10¹⁵ tenge, checked against an independent computation in integers:
 * quantities in thousandths and prices in tiyn as BigInt, each line rounded half up to the tiyn, sums exact.
 * The library's totals, `totals --json`, the terminal table and the estimate's PDF must all give those figures.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateTotals } from '../src/index.ts';
import { loadApplication } from '../src/pipeline/load.ts';
import { BIN, ROOT } from './helpers/cli-spawn.ts';
import { describeWithClients, pdfToText } from './helpers/clients.ts';
import { loadSampleJson } from './helpers/sample.ts';

const BOUND = 10n ** 15n * 100n; // in tiyn

interface Line {
  /** Quantity in thousandths, price and own contribution in tiyn. */
  q: bigint;
  p: bigint;
  own: bigint;
}

/** Line total in tiyn: q/1000 × p, rounded half up to the tiyn. */
const lineTiyn = (l: Line) => (l.q * l.p + 500n) / 1000n;

/** A decimal string of thousandths or hundredths, as a person would type it in JSON. */
const decimal = (v: bigint, places: number) => {
  const s = v.toString().padStart(places + 1, '0');
  const whole = s.slice(0, -places);
  const frac = s.slice(-places).replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
};
/** The amount as the totals print it: whole tenge without decimals, else two decimals. */
const moneyText = (tiyn: bigint) =>
  tiyn % 100n === 0n ? (tiyn / 100n).toString() : decimal(tiyn, 2).replace(/\.(\d)$/, '.$10');
const grouped = (tiyn: bigint, sep: string) => {
  const [w, f] = moneyText(tiyn).split('.');
  return w!.replace(/\B(?=(\d{3})+(?!\d))/g, sep) + (f ? `,${f}` : '');
};

const line = fc
  .tuple(
    // Quantity 0.001 … 10⁹, price 0 … 10¹² tenge: the model's limits; small and large magnitudes alike.
    fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 100_000n })),
    fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.bigInt({ min: 0n, max: 10_000n })),
    fc.integer({ min: 0, max: 100 }),
  )
  .map(([q, p, ownPercent]): Line => {
    const l = { q, p, own: 0n };
    // Own contribution: part of the line total, in tiyn, at most the model's 10¹² tenge.
    const own = (lineTiyn(l) * BigInt(ownPercent)) / 100n;
    return { ...l, own: own > 10n ** 14n ? 10n ** 14n : own };
  })
  .filter((l) => lineTiyn(l) < BOUND);
const lines = fc
  .array(line, { minLength: 1, maxLength: 12 })
  .filter((ls) => ls.reduce((s, l) => s + lineTiyn(l), 0n) < BOUND);

/** The sample with these lines as its only ones (salaries), as JSON text: numbers written exactly. */
function applicationText(ls: Line[]): string {
  const app = loadSampleJson();
  delete app.estimate.declaredTotal;
  delete app.estimate.grantAmount;
  delete app.estimate.administrative.declaredTotal;
  app.estimate.materialShareLimitPercent = 100;
  for (const a of Object.values(app.estimate.administrative) as any[]) if (a?.lines) a.lines = [];
  app.estimate.material.lines = [];
  app.estimate.direct = { activities: [] };
  for (const c of app.project.calendar.activities) c.budgeted = false;
  app.estimate.administrative.salaries.lines = ls.map((_, i) => ({ name: `Позиция ${i + 1}`, unit: 'piece', i }));
  let text = JSON.stringify(app, null, 2);
  ls.forEach((l, i) => {
    const own = l.own > 0n ? `, "own": ${decimal(l.own, 2)}` : '';
    text = text.replace(`"i": ${i}\n`, `"quantity": ${decimal(l.q, 3)}, "price": ${decimal(l.p, 2)}${own}\n`);
  });
  return text;
}

function expected(ls: Line[]) {
  const total = ls.reduce((s, l) => s + lineTiyn(l), 0n);
  const own = ls.reduce((s, l) => s + l.own, 0n);
  return { total, own, grant: total - own };
}

describe('money up to 10¹⁵ tenge against integer arithmetic', () => {
  it('the library: every column of the total exact, as decimal strings', () => {
    fc.assert(
      fc.property(lines, (ls) => {
        const { application } = loadApplication({ text: applicationText(ls) });
        const t = estimateTotals(application);
        const e = expected(ls);
        expect(t.total.total).toBe(moneyText(e.total));
        expect(t.total.own).toBe(moneyText(e.own));
        expect(t.total.grant).toBe(moneyText(e.grant));
        expect(t.total.cofinancing).toBe('0');
        expect(t.articles[0]!.total).toBe(moneyText(e.total));
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('the largest amounts below the bound, and a half tiyn rounded up', () => {
    const cases: Line[][] = [
      // 1000 × 999 999 999 999.99 + 1 × 9.99 = 999 999 999 999 999.99 tenge.
      [
        { q: 1_000_000n, p: 99_999_999_999_999n, own: 0n },
        { q: 1_000n, p: 999n, own: 0n },
      ],
      // 999 999.999 × 1 000 000 000 with an own part, and 0.001 × 5 = 0.005 tenge → 0.01.
      [
        { q: 999_999_999n, p: 100_000_000_000n, own: 12_345n },
        { q: 1n, p: 500n, own: 0n },
      ],
    ];
    expect(expected(cases[0]!).total).toBe(BOUND - 1n);
    expect(lineTiyn(cases[1]![1]!)).toBe(1n);
    for (const ls of cases) {
      const e = expected(ls);
      const t = estimateTotals(loadApplication({ text: applicationText(ls) }).application);
      expect(t.total.total).toBe(moneyText(e.total));
      expect(t.total.own).toBe(moneyText(e.own));
      expect(t.total.grant).toBe(moneyText(e.grant));
    }
  });
});

describeWithClients('money in the command and the PDF', ['pdftotext'], () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'annexes-hostile-money-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ANNEXES_UI_LANG: '' },
    });

  it('totals --json, the terminal table and the estimate PDF give the exact grand total', async () => {
    const samples = fc.sample(lines, { numRuns: 3, seed: 20261204 });
    samples.push([
      { q: 100_000n, p: 99_999_999_999_999n, own: 0n },
      { q: 1_000n, p: 1n, own: 0n },
    ]);
    for (const [i, ls] of samples.entries()) {
      const file = join(dir, `money-${i}.json`);
      writeFileSync(file, applicationText(ls));
      const e = expected(ls);
      const json = run(['totals', file, '--json']);
      expect(json.status, json.stderr).toBe(0);
      const report = JSON.parse(json.stdout);
      expect(report.total).toMatchObject({
        total: moneyText(e.total),
        own: moneyText(e.own),
        grant: moneyText(e.grant),
      });
      const table = run(['totals', file]);
      expect(table.stdout.trimEnd().split('\n').at(-1)).toMatch(
        new RegExp(`Итого\\s+${grouped(e.total, ' ')}\\s+${grouped(e.own, ' ')}\\s+0\\s+${grouped(e.grant, ' ')}\\s`),
      );
      const out = join(dir, 'out');
      const build = run(['build', file, '--annex', '5', '--lang', 'ru', '--format', 'pdf', '--out', out]);
      expect(build.status, build.stderr).toBe(0);
      const text = (await pdfToText(join(out, `money-${i}`, 'annex-5.ru.pdf'))).join('\n').replace(/\u00a0/g, ' ');
      // The total row: the amount whole on one line, never wrapped inside the number.
      expect(text).toMatch(new RegExp(`(^|\\s)${grouped(e.total, ' ')}(\\s|$)`));
      expect(text).toMatch(new RegExp(`(^|\\s)${grouped(e.grant, ' ')}(\\s|$)`));
    }
  }, 240_000);
});
