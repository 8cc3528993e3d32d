/**
 * `annexes diff` on the sample and an edited copy: every changed line and total is listed and nothing unchanged
 * is; the DOCX and PDF comparison tables read back with the right figures, landscape, header on every page.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.ts';
import { describeWithClients, pdfPages, pdfToText } from './helpers/clients.ts';
import { readDocx } from './helpers/read-docx.ts';
import { normalizeSpaces } from './helpers/read-pdf.ts';
import { loadSampleJson, SAMPLE_PATH } from './helpers/sample.ts';

let dir: string;
let edited: string;

/**
 * The edits, and what they must move (worked out by hand from the sample):
 * - salaries line 0 (Руководитель проекта, 9 months): price 140 000 → 150 000: +90 000;
 * - material line 1 (ноутбук, 4 pieces × 275 000) removed: −1 100 000;
 * - activity a2, handouts: a new line 100 brochures × 1 500,50 = 150 050;
 * - activity a1, services of individuals line 1 (80 000): own contribution 30 000 (total unchanged, grant −30 000);
 * - calendar: activity a3 gets one month more; the project's title changed.
 */
function edit() {
  const json = loadSampleJson();
  json.estimate.administrative.salaries.lines[0].price = 150000;
  json.estimate.material.lines.splice(1, 1);
  json.estimate.direct.activities[1].handouts = {
    lines: [
      { name: { ru: 'Брошюры «<b>{{x}}</b>» & Co', kk: 'Кітапшалар' }, unit: 'piece', quantity: 100, price: 1500.5 },
    ],
  };
  json.estimate.direct.activities[0].services.individuals.lines[1].own = 30000;
  return json;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'annexes-diff-'));
  const json = edit();
  const a3 = json.project.calendar.activities.find((a: { id: string }) => a.id === 'a3');
  a3.months = [...a3.months, Math.max(...a3.months) + 1];
  json.project.title = { ru: 'Новое название проекта', kk: 'Жобаның жаңа атауы' };
  edited = join(dir, 'edited.json');
  writeFileSync(edited, `${JSON.stringify(json, null, 2)}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Report {
  lines: {
    change: string;
    name: string;
    fields: string[];
    totalDifference: string;
    grantDifference: string;
    path: string;
  }[];
  totals: { number: string; label: string; kind: string; path: string; difference: Record<string, string> }[];
  calendar: { activity: string; old: number[]; new: number[] }[];
  texts: { path: string; old: string; new: string }[];
}

describe('annexes diff', () => {
  it('lists every changed line and total, and nothing unchanged (JSON)', () => {
    const r = runCli(['diff', SAMPLE_PATH, edited, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.lines.map((l) => [l.change, l.name, l.fields, l.totalDifference, l.grantDifference])).toEqual([
      ['changed', 'Руководитель проекта', ['price'], '90000', '90000'],
      ['changed', 'Услуги разработки анкеты онлайн-опроса', ['own'], '0', '-30000'],
      [
        'added',
        'Брошюры «<b>{{x}}</b>» & Co',
        ['name', 'unit', 'quantity', 'price', 'own', 'cofinancing'],
        '150050',
        '150050',
      ],
      ['removed', 'ноутбук', ['name', 'unit', 'quantity', 'price', 'own', 'cofinancing'], '-1100000', '-1100000'],
    ]);
    const totals = Object.fromEntries(report.totals.map((t) => [t.path, t.difference]));
    expect(Object.keys(totals)).toEqual([
      'estimate.administrative',
      'estimate.administrative.salaries',
      'estimate.material',
      'estimate.direct',
      'estimate.direct.activities[0]',
      'estimate.direct.activities[1]',
      'estimate',
    ]);
    expect(totals['estimate.administrative']).toEqual({ total: '90000', own: '0', cofinancing: '0', grant: '90000' });
    expect(totals['estimate.material']).toEqual({ total: '-1100000', own: '0', cofinancing: '0', grant: '-1100000' });
    expect(totals['estimate.direct.activities[0]']).toEqual({
      total: '0',
      own: '30000',
      cofinancing: '0',
      grant: '-30000',
    });
    expect(totals['estimate.direct']).toEqual({ total: '150050', own: '30000', cofinancing: '0', grant: '120050' });
    // 90 000 − 1 100 000 + 150 050 = −859 950; the grant also loses the 30 000 of own contribution.
    expect(totals.estimate).toEqual({ total: '-859950', own: '30000', cofinancing: '0', grant: '-889950' });
    const months = loadSampleJson().project.calendar.activities.find((a: { id: string }) => a.id === 'a3').months;
    expect(report.calendar).toEqual([
      expect.objectContaining({ activity: 'a3', old: months, new: [...months, Math.max(...months) + 1] }),
    ]);
    expect(report.texts.map((t) => [t.path, t.new])).toEqual([['project.title', 'Новое название проекта']]);
  });

  it('prints the same as a table in the terminal, in Kazakh with --lang kk', () => {
    const ru = runCli(['diff', SAMPLE_PATH, edited]);
    expect(ru.code).toBe(0);
    expect(ru.stdout).toMatch(
      /Руководитель проекта\s+изменена\s+9 месяц × 140 000 = 1 260 000\s+9 месяц × 150 000 = 1 350 000\s+\+90 000/,
    );
    expect(ru.stdout).toMatch(/ноутбук\s+удалена\s+4 шт\. × 275 000 = 1 100 000\s+−1 100 000/);
    expect(ru.stdout).toMatch(/Итого\s+32 051 320\s+31 191 370\s+−859 950/);
    const kk = runCli(['diff', SAMPLE_PATH, edited, '--lang', 'kk']);
    expect(kk.stdout).toContain('Сметаның өзгерген жолдары');
    expect(kk.stdout).toMatch(/Жоба жетекшісі\s+өзгертілді/);
    expect(kk.stdout).toMatch(/Жиыны\s+32 051 320\s+31 191 370\s+−859 950/);
  });

  it('says there is no change between a file and itself', () => {
    const r = runCli(['diff', SAMPLE_PATH, SAMPLE_PATH]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Изменений нет\n');
  });

  it('refuses a report format it cannot write, before reading anything', () => {
    const r = runCli(['diff', SAMPLE_PATH, edited, '--out', join(dir, 'r.odt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('параметр --out: допустимо одно из .docx, .pdf');
  });
});

describeWithClients('the comparison table as DOCX and PDF', ['pdftotext', 'pdfinfo'], () => {
  it('the PDF reads back with the right figures, landscape A4, the header on every page', async () => {
    // Many changed lines, so that the table runs over several pages: every price of the estimate + 10 %.
    const json = edit();
    let n = 0;
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o.price === 'number' && typeof o.quantity === 'number' && !('own' in o)) {
          o.price = Math.round(o.price * 1.1);
          n++;
        }
        Object.values(o).forEach(walk);
      }
    };
    walk(json.estimate);
    expect(n).toBeGreaterThan(30);
    const many = join(dir, 'many.json');
    writeFileSync(many, JSON.stringify(json, null, 2));
    const out = join(dir, 'changes.pdf');
    const r = runCli(['diff', SAMPLE_PATH, many, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const pages = await pdfPages(out);
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) expect(p).toMatchObject({ landscape: true, a4: true });
    const text = (await pdfToText(out)).map(normalizeSpaces);
    expect(text[0]).toContain('Сравнительная таблица изменений сметы');
    expect(text[0]).toContain('Прежняя редакция: gamo-2021.json; новая редакция: many.json');
    // The header of the lines table (or of the totals table) repeats at the top of every page.
    for (const [i, page] of text.entries()) expect(page, `page ${i + 1}`).toMatch(/Было Стало/);
    const all = text.join('\n');
    expect(all).toContain('Руководитель проекта (месяц)');
    expect(all).toMatch(/изменена 9 9 140 000 165 000 1 260 000 1 485 000 \+225 000 \+225 000/);
    expect(all).toContain('Брошюры «<b>{{x}}</b>» & Co (шт.)');
    expect(all).toMatch(/удалена 4 275 000 1 100 000 −1 100 000 −1 100 000/);
    expect(all).toContain('Итоги статей, мероприятий и разделов');
    expect(all).toMatch(/Итого Всего, в тенге 32 051 320 \d[\d ]+ \+\d/);
  });

  it('the DOCX holds the same table, landscape, with repeated header rows', () => {
    const out = join(dir, 'changes.docx');
    const r = runCli(['diff', SAMPLE_PATH, edited, '--out', out, '--lang', 'kk']);
    expect(r.code, r.stderr).toBe(0);
    const d = readDocx(readFileSync(out));
    expect(d.sections.every((s) => s.landscape)).toBe(true);
    expect(d.text).toContain('Смета өзгерістерінің салыстырмалы кестесі');
    const lines = d.tables[0]!;
    expect(lines[0]!.slice(0, 2)).toEqual(['Шығыстар баптары*', 'Өзгеріс']);
    const rows = lines.slice(2).map((row) => row.join(' | ').replace(/\u00A0/g, ' '));
    expect(rows[0]).toContain(
      'Жоба жетекшісі (ай) | өзгертілді | 9 | 9 | 140 000 | 150 000 | 1 260 000 | 1 350 000 | +90 000 | +90 000',
    );
    expect(rows).toContainEqual(
      expect.stringContaining(
        'ноутбук (дана) | алынып тасталды | 4 |  | 275 000 |  | 1 100 000 |  | −1 100 000 | −1 100 000',
      ),
    );
    const totals = d.tables[1]!;
    const grand = totals.findIndex((row) => row[1] === 'Жиыны');
    expect(totals[grand]!.slice(2).map((c) => c.replace(/\u00A0/g, ' '))).toEqual([
      'Барлығы, теңгемен',
      '32 051 320',
      '31 191 370',
      '−859 950',
    ]);
    expect(d.text).toContain('Күнтізбелік жоспар: өзгерген айлар');
    expect(d.text).toContain('Жобаның жаңа атауы');
    // Header rows repeat on every page (w:tblHeader on the leading rows of each table).
    expect((d.parts['word/document.xml']!.match(/<w:tblHeader\/>/g) ?? []).length).toBeGreaterThanOrEqual(2 + 1 + 1);
  });
});
