/**
 * The workbook in a real client, LibreOffice Calc: after a hard recalculation every total it computes equals
 * `annexes totals`; a price typed into the sheet and saved again by Calc imports as exactly quantity × delta,
 * and nothing outside the estimate changes in FILE.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Decimal } from '../src/budget/money.ts';
import { type Calc, startCalc } from './helpers/calc.ts';
import { runCli } from './helpers/cli.ts';
import { describeWithClients } from './helpers/clients.ts';
import { SAMPLE_PATH } from './helpers/sample.ts';

/** `annexes totals --json` gives amounts as exact decimal strings. */
interface Columns {
  total: string;
  own: string;
  cofinancing: string;
  grant: string;
}
interface Totals {
  sections: Record<'administrative' | 'material' | 'direct', Columns>;
  articles: (Columns & { article: string })[];
  activities: (Columns & { activity: string })[];
  total: Columns;
}

const totalsOf = (file: string): Totals => {
  const r = runCli(['totals', file, '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Totals;
};
const KEY = 10; // column K, 0-based in the CSV
/** What Calc computed in a row's four money columns, as decimal strings like the command's. */
const money = (row: string[]) => ({
  total: new Decimal(row[5] as string).toFixed(),
  own: new Decimal(row[6] as string).toFixed(),
  cofinancing: new Decimal(row[7] as string).toFixed(),
  grant: new Decimal(row[8] as string).toFixed(),
});

describeWithClients('LibreOffice Calc opens the estimate workbook', ['soffice'], () => {
  let calc: Calc;
  let dir: string;
  beforeAll(async () => {
    calc = await startCalc();
    dir = mkdtempSync(join(tmpdir(), 'annexes-calc-test-'));
  });
  afterAll(() => {
    calc?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['ru', 'kk'] as const)('computes (%s) every total of `annexes totals`, and the checks', async (lang) => {
    const book = join(dir, `smeta.${lang}.xlsx`);
    expect(runCli(['estimate', 'export', SAMPLE_PATH, '--xlsx', book, '--lang', lang]).code).toBe(0);
    const rows = await calc.recalculatedCsv(book, 0);
    const byKey = new Map(rows.filter((r) => r[KEY]).map((r) => [r[KEY]!, r]));
    const totals = totalsOf(SAMPLE_PATH);
    const strip = ({ total, own, cofinancing, grant }: Columns) => ({ total, own, cofinancing, grant });
    for (const s of ['administrative', 'material', 'direct'] as const)
      expect(money(byKey.get(`estimate.${s}`)!), s).toEqual(strip(totals.sections[s]));
    totals.articles.forEach((a, i) => {
      const key =
        a.article === 'extra' ? `estimate.administrative.extra.${i - 9}` : `estimate.administrative.${a.article}`;
      expect(money(byKey.get(key)!), key).toEqual(strip(a));
    });
    totals.activities.forEach((a, i) => {
      expect(money(byKey.get(`estimate.direct.activities.${i}`)!), a.activity).toEqual(strip(a));
    });
    expect(money(byKey.get('estimate')!)).toEqual(strip(totals.total));
    expect(totals.total.total).toBe('32051320');
    // Each line: ROUND(quantity × price, 2) as Calc computes it.
    const lines = rows.filter((r) => /\.lines\.\d+$/.test(r[KEY] ?? ''));
    expect(lines).toHaveLength(36);
    for (const l of lines) expect(Number(l[5]), l[KEY]).toBe(Number(new Decimal(l[3]!).times(l[4]!).toFixed(2)));

    const checks = await calc.recalculatedCsv(book, 1);
    expect(checks[1]![1]).toBe('32051320');
    expect(checks[3]![1]).toBe('1724000');
    expect(checks[5]![1]).toBe('3205132');
    expect(checks[5]![2]).toBe(lang === 'ru' ? 'в пределах' : 'шегінде');
  });

  it('a price changed in Calc and saved again imports as quantity × delta; nothing outside the estimate changes', async () => {
    const file = join(dir, 'app.json');
    copyFileSync(SAMPLE_PATH, file);
    const book = join(dir, 'before.xlsx');
    expect(runCli(['estimate', 'export', file, '--xlsx', book]).code).toBe(0);
    const exported = await calc.recalculatedCsv(book, 0);
    // The accommodation of activity 5 (18 person-days) goes up by 1 234,56 tenge a person-day.
    const index = exported.findIndex((r) => r[KEY] === 'estimate.direct.activities.4.travel.accommodation.lines.0');
    expect(index).toBeGreaterThan(0);
    const row = index + 1;
    const quantity = new Decimal(exported[index]![3]!);
    const price = new Decimal(exported[index]![4]!);
    const delta = new Decimal('1234.56');
    const saved = join(dir, 'after.xlsx');
    await calc.setNumbers(book, [[`E${row}`, price.plus(delta).toFixed()]], saved);

    const before = totalsOf(file);
    const im = runCli(['estimate', 'import', saved, file]);
    expect(im.stderr).not.toMatch(/Смета!/);
    expect(im.code).toBe(0);
    const after = totalsOf(file);
    const moved = quantity.times(delta).toNumber();
    expect(new Decimal(after.total.total).minus(before.total.total).toNumber()).toBe(moved);
    expect(new Decimal(after.total.grant).minus(before.total.grant).toNumber()).toBe(moved);
    expect(new Decimal(after.activities[4]!.total).minus(before.activities[4]!.total).toNumber()).toBe(moved);
    // The other sections keep their figures (their share of the grant moves with the grand total).
    const columns = ({ total, own, cofinancing, grant }: Columns) => ({ total, own, cofinancing, grant });
    expect(columns(after.sections.administrative)).toEqual(columns(before.sections.administrative));
    expect(columns(after.sections.material)).toEqual(columns(before.sections.material));
    expect(after.activities.filter((_, i) => i !== 4).map((a) => a.total)).toEqual(
      before.activities.filter((_, i) => i !== 4).map((a) => a.total),
    );

    // FILE: only the one price changed, every other byte is as it was.
    const original = readFileSync(SAMPLE_PATH, 'utf8').split('\n');
    const changed = readFileSync(file, 'utf8').split('\n');
    expect(changed.length).toBe(original.length);
    const differing = original.flatMap((l, i) => (l === changed[i] ? [] : [[l.trim(), changed[i]!.trim()]]));
    expect(differing).toEqual([[`"price": ${price.toFixed()}`, `"price": ${price.plus(delta).toFixed()}`]]);

    // Calc saved the book with its computed results: they agree with the engine, so no warning about them.
    expect(im.stderr).not.toContain('по расчёту программы');
  });

  it('a cached figure that disagrees with the engine is a warning, and the engine’s figure is the one kept', async () => {
    const file = join(dir, 'cached.json');
    copyFileSync(SAMPLE_PATH, file);
    const book = join(dir, 'cached.xlsx');
    expect(runCli(['estimate', 'export', file, '--xlsx', book]).code).toBe(0);
    const rows = await calc.recalculatedCsv(book, 0);
    const row = rows.findIndex((r) => r[KEY] === 'estimate.administrative.salaries.lines.0') + 1;
    // A total typed over the line's formula: 999 instead of 9 × 140 000.
    const saved = join(dir, 'cached-saved.xlsx');
    await calc.setNumbers(book, [[`F${row}`, '999']], saved);
    const im = runCli(['estimate', 'import', saved, file]);
    expect(im.code).toBe(0);
    expect(im.stderr).toContain(`Смета!F${row}: предупреждение: в книге 999, по расчёту программы 1 260 000`);
    // The subtotals Calc computed from that figure are reported too.
    expect(im.stderr).toMatch(/Смета!F\d+: предупреждение: в книге 3 780 999, по расчёту программы 5 040 000/);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(SAMPLE_PATH, 'utf8'));
    expect(totalsOf(file).total.total).toBe('32051320');
  });

  it('a book LibreOffice saved again without changes imports with nothing changed', async () => {
    const file = join(dir, 'again.json');
    copyFileSync(SAMPLE_PATH, file);
    const book = join(dir, 'again.xlsx');
    expect(runCli(['estimate', 'export', file, '--xlsx', book, '--lang', 'kk']).code).toBe(0);
    const saved = join(dir, 'again-saved.xlsx');
    await calc.saveAgain(book, saved);
    const im = runCli(['estimate', 'import', saved, file]);
    expect(im.stderr).toBe('');
    expect(im.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(SAMPLE_PATH, 'utf8'));
  });
});
