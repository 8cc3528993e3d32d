/**
 * Bad workbooks: each gets one clear message naming the sheet and cell (or the book) in the interface language,
 * exit code 1, and FILE stays untouched. Amounts typed as text the way accountants type them are read.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApplication } from '../src/pipeline/load.ts';
import { parseAmountText } from '../src/spreadsheet/amounts.ts';
import { exportEstimateWorkbook } from '../src/spreadsheet/export.ts';
import { runCliAsync } from './helpers/cli-spawn.ts';
import { SAMPLE_PATH } from './helpers/sample.ts';

const { application } = loadApplication(SAMPLE_PATH);
const sampleBytes = readFileSync(SAMPLE_PATH);
let dir: string;
let exported: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'annexes-bad-books-'));
  exported = await exportEstimateWorkbook(application, 'ru');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function edited(change: (book: ExcelJS.Workbook, sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(exported as unknown as ArrayBuffer);
  change(book, book.worksheets[0]!);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const rowOf = (sheet: ExcelJS.Worksheet, key: string) => {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getCell(r, 11).value === key) return r;
  throw new Error(key);
};

/** Imports the book into a copy of the sample; returns the messages, and checks FILE was left as it was. */
async function importBad(name: string, bytes: Buffer, uiLang = 'ru') {
  const book = join(dir, name);
  writeFileSync(book, bytes);
  const file = join(dir, `${name}.json`);
  copyFileSync(SAMPLE_PATH, file);
  const mtime = statSync(file).mtimeMs;
  const r = await runCliAsync(['--ui-lang', uiLang, 'estimate', 'import', book, file]);
  expect(r.code, r.stderr).toBe(1);
  expect(readFileSync(file).equals(sampleBytes)).toBe(true);
  expect(statSync(file).mtimeMs).toBe(mtime);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
  const lines = r.stderr.trimEnd().split('\n');
  // One message, then the summary line.
  expect(lines, r.stderr).toHaveLength(2);
  return { message: lines[0]!, summary: lines[1]! };
}

describe('a bad workbook: one clear message, FILE untouched', () => {
  it.each([
    ['ru', 'Смета!E7: «сто тысяч» — не число. Введите сумму цифрами'],
    ['kk', 'Смета!E7: «сто тысяч» — сан емес. Соманы цифрмен енгізіңіз'],
    ['en', 'Смета!E7: "сто тысяч" is not a number. Type the amount in digits'],
  ])('a text where a number belongs (%s)', async (lang, expected) => {
    const bytes = await edited((_, sheet) => {
      expect(rowOf(sheet, 'estimate.administrative.salaries.lines.0')).toBe(7);
      sheet.getCell('E7').value = 'сто тысяч';
    });
    const { message, summary } = await importBad(`number-${lang}.xlsx`, bytes, lang);
    expect(message).toContain(expected);
    expect(summary).toContain(
      lang === 'en' ? 'is unchanged: 1 error(s) in' : lang === 'kk' ? 'өзгертілмеді' : 'не изменён',
    );
  });

  it('a missing header', async () => {
    const bytes = await edited((_, sheet) => {
      for (const c of ['G4', 'H4', 'I4']) sheet.getCell(c).value = null;
    });
    const { message } = await importBad('header.xlsx', bytes);
    expect(message).toContain('Смета!G4: ожидался заголовок «Заявитель (собственный вклад)», а в ячейке (пусто)');
  });

  it('an extra sheet', async () => {
    const bytes = await edited((book) => {
      book.addWorksheet('Лист1').getCell('A1').value = 'заметки';
    });
    const { message } = await importBad('sheet.xlsx', bytes);
    expect(message).toBe(
      'Лист1: лишний лист «Лист1»: в книге должны быть только листы «Смета» и «Проверки». Удалите его или перенесите данные на лист сметы',
    );
  });

  it('a merged cell', async () => {
    const bytes = await edited((_, sheet) => {
      sheet.mergeCells('B8:C8');
    });
    const { message } = await importBad('merged.xlsx', bytes);
    expect(message).toContain('Смета!B8: объединённая ячейка (B8:C8)');
  });

  it('an empty row in the middle', async () => {
    const bytes = await edited((_, sheet) => {
      sheet.spliceRows(9, 0, []);
    });
    const { message } = await importBad('empty-row.xlsx', bytes);
    expect(message).toContain('Смета!A9: пустая строка 9 внутри сметы (ниже есть строки): удалите её');
  });

  it('a 10 MB workbook', async () => {
    const bytes = await edited((book, sheet) => {
      const image = book.addImage({
        buffer: randomBytes(10.5 * 1024 * 1024) as unknown as ExcelJS.Buffer,
        extension: 'png',
      });
      sheet.addImage(image, 'M1:N2');
    });
    expect(bytes.length).toBeGreaterThan(10 * 1024 * 1024);
    const { message } = await importBad('big.xlsx', bytes);
    expect(message).toMatch(/^big\.xlsx: книга слишком велика \(10\.\d МБ; не более 10 МБ\)/);
  });

  it('a file that is not a workbook', async () => {
    const { message } = await importBad('not-a-book.xlsx', Buffer.from('Наименование;Цена\nноутбук;275000\n'));
    expect(message).toBe(
      'not-a-book.xlsx: это не книга Excel (.xlsx). Сохраните таблицу в формате «Книга Excel (.xlsx)» и повторите',
    );
  });

  it('a price typed on an article row', async () => {
    const moved = await edited((_, sheet) => {
      sheet.getCell('E6').value = 5000;
    });
    expect((await importBad('heading.xlsx', moved)).message).toContain(
      'Смета!E6: строка «заработная плата, в том числе:» — заголовок',
    );
  });

  it('a line without a price', async () => {
    const bytes = await edited((_, sheet) => {
      sheet.getCell('E7').value = null;
    });
    expect((await importBad('no-price.xlsx', bytes)).message).toBe(
      'Смета!E7: не заполнено: у строки сметы должны быть стоимость',
    );
  });

  it('a value the application model refuses is reported at its cell', async () => {
    const bytes = await edited((_, sheet) => {
      sheet.getCell('D7').value = 0;
    });
    const { message } = await importBad('zero.xlsx', bytes);
    expect(message).toMatch(/^Смета!D7: /);
  });
});

describe('amounts typed the way accountants type them', () => {
  it.each([
    ['140 000', '140000'],
    ['140\u00A0000', '140000'],
    ['140\u202F000,00', '140000'],
    ['1 234,56', '1234.56'],
    ['1234.56', '1234.56'],
    ['1234,5', '1234.5'],
    ['1,234.56', '1234.56'],
    ['1.234,56', '1234.56'],
    ['1,234,567', '1234567'],
    ['12 500 ₸', '12500'],
    ['0,125', '0.125'],
  ])('«%s» is %s', (typed, exact) => {
    expect(parseAmountText(typed)?.toFixed()).toBe(exact);
  });

  it.each(['сто', '12-50', '1 2 3,4,5', '', '1e5', '--1'])('«%s» is not an amount', (typed) => {
    expect(parseAmountText(typed)).toBeUndefined();
  });
});
