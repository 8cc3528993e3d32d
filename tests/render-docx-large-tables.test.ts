/**
 * Long tables of the DOCX writer are written a run of rows at a time (src/render/docx/index.ts). The document
 * must be the one written with each table whole — header rows, spans, shading, lists in cells and their numbers,
 * the paragraph that ends a document ending with a table — and a long estimate must read back whole.
 */
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { withEstimateLines } from '../bench/generate.ts';
import { parseMarkup } from '../src/document/markup.ts';
import type { Block, Document, Table } from '../src/document/model.ts';
import { placeCells } from '../src/document/table-grid.ts';
import { loadApplication } from '../src/pipeline/load.ts';
import { buildAnnexDocuments } from '../src/pipeline/render-application.ts';
import { CHUNK_ROWS, renderDocx, rowRuns } from '../src/render/docx/index.ts';
import { readDocx } from './helpers/read-docx.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

const WHOLE = { chunkRows: Number.POSITIVE_INFINITY };

const parts = (docx: Buffer): Record<string, string> =>
  Object.fromEntries(Object.entries(unzipSync(docx)).map(([path, data]) => [path, strFromU8(data)]));

const tablesOf = (doc: Document): Table[] =>
  doc.sections.flatMap((s) => s.blocks.filter((b): b is Table => b.type === 'table'));

/** The runs a table is cut into at `size` rows a run. */
const runsOf = (table: Table, size: number) => rowRuns(placeCells(table.rows, table.widths.length), size);

/** Renders the document with its tables whole and cut at each size: all must give the same package. */
async function expectSameAsWhole(doc: Document, sizes: number[]): Promise<string> {
  vi.stubEnv('SOURCE_DATE_EPOCH', '1700000000');
  const whole = await renderDocx(doc, WHOLE);
  const expected = parts(whole);
  for (const chunkRows of sizes) {
    const cut = await renderDocx(doc, { chunkRows });
    const got = parts(cut);
    expect(Object.keys(got), `parts at ${chunkRows} rows a run`).toEqual(Object.keys(expected));
    expect(got['word/document.xml'] === expected['word/document.xml'], `document.xml at ${chunkRows} rows a run`).toBe(
      true,
    );
    for (const path of Object.keys(expected))
      expect(got[path], `${path} at ${chunkRows} rows a run`).toBe(expected[path]);
    expect(Buffer.compare(cut, whole), `bytes at ${chunkRows} rows a run`).toBe(0);
  }
  return expected['word/document.xml'] as string;
}

describe('rowRuns', () => {
  const cell = (rowSpan = 1) => ({ blocks: [], colSpan: 1, rowSpan });
  /** A table of `n` rows of two columns, with a rowspan of `span` in the first column at each row of `at`. */
  const table = (n: number, spans: Map<number, number>): Table => {
    const rows = [];
    let covered = 0;
    for (let r = 0; r < n; r++) {
      const span = spans.get(r);
      if (covered > 0) {
        rows.push({ cells: [cell()] });
        covered--;
      } else if (span) {
        rows.push({ cells: [cell(span), cell()] });
        covered = span - 1;
      } else rows.push({ cells: [cell(), cell()] });
    }
    return { type: 'table', widths: [1, 1], headerRows: 0, keepRows: false, rows };
  };

  it('covers every row once, in order, in runs of the size asked but the last', () => {
    const runs = runsOf(table(23, new Map()), 5);
    expect(runs).toEqual([
      [0, 5],
      [5, 10],
      [10, 15],
      [15, 20],
      [20, 23],
    ]);
  });

  it('never cuts between rows a row span joins, and cuts as soon as it may after one', () => {
    // Spans over rows 3–6 and 8–9: the cut due after row 5 waits till row 7 ends; the next one is due 5 rows on.
    const runs = runsOf(
      table(
        20,
        new Map([
          [3, 4],
          [8, 2],
        ]),
      ),
      5,
    );
    expect(runs).toEqual([
      [0, 7],
      [7, 12],
      [12, 17],
      [17, 20],
    ]);
    // Spans that chain over the whole table leave it whole.
    const chained = table(12, new Map([[0, 12]]));
    expect(runsOf(chained, 2)).toEqual([[0, 12]]);
  });
});

/** A long table with everything a cell and a row can have; `n` body rows. */
function longTable(n: number, tag: string): string {
  const rows: string[] = [];
  for (let i = 1; i <= n; i++) {
    const text = `${tag} строка ${i}`;
    if (i % 9 === 1) {
      // A cell joining three rows, a cell over two columns, lists in cells (a nested one too).
      rows.push(
        `<tr><td rowspan="3" valign="middle" shade>${i}</td><td colspan="2">${text}: <b>жирный</b> <i>курсив</i></td><td align="right">${i}&#160;000</td></tr>`,
        `<tr><td><ul><li>${text}, пункт</li><li>второй</li></ul></td><td><ol start="4"><li>четвёртый ${i}</li><li><p>пятый</p><ul><li>вложенный ${i}</li></ul></li></ol></td><td>x</td></tr>`,
        `<tr bold shade><td>${text} итог</td><td>{list-1-0} {{x}}</td><td align="center">${i}</td></tr>`,
      );
      i += 2;
    } else if (i % 9 === 5) {
      rows.push(`<tr><td>${i}</td><td><p>${text}</p><p>второй абзац<br/>со&#9;сдвигом</p></td><td></td><td></td></tr>`);
    } else if (i % 9 === 7) {
      rows.push(
        `<tr><td>${i}</td><td colspan="3"><table widths="1,1"><tr><td>${text}</td><td>вложенная</td></tr></table></td></tr>`,
      );
    } else rows.push(`<tr><td>${i}</td><td>${text}</td><td>${i % 4}</td><td>${i}&#160;000,50</td></tr>`);
  }
  return `<table widths="1,6,2,3" header-rows="2" font-size="9" keep-rows>
    <tr bold shade><td rowspan="2">№</td><td rowspan="2">Статья расходов</td><td colspan="2">Сумма</td></tr>
    <tr bold shade><td>Кол-во</td><td>Итого, ₸</td></tr>
    ${rows.join('\n')}
  </table>`;
}

const MARKUP = `<section>
  <h1>Длинные таблицы</h1>
  <ol><li>список до таблицы</li><li>второй пункт</li></ol>
  ${longTable(60, 'Первая')}
  <ul><li>список после таблицы</li></ul>
  <page-break/>
  ${longTable(25, 'Вторая')}
</section>
<section orientation="landscape">
  <p>Таблица в конце документа</p>
  ${longTable(40, 'Третья')}
</section>`;

describe('a document with long tables', () => {
  const doc: Document = {
    meta: { title: 'Длинные таблицы', author: 'ГАМО', lang: 'ru' },
    sections: parseMarkup(MARKUP).sections,
  };

  it('is the same package whether its tables are written whole or a few rows at a time', async () => {
    // The sizes do cut every table, and not only between plain rows.
    for (const t of tablesOf(doc)) expect(runsOf(t, 3).length).toBeGreaterThan(5);
    const xml = await expectSameAsWhole(doc, [1, 3, 7, 50]);

    // What the comparison covers is there: header rows, spans, shading, lists with the file's own numbers.
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(2 * 3);
    for (const part of [
      '<w:vMerge w:val="restart"/>',
      '<w:vMerge w:val="continue"/>',
      '<w:gridSpan w:val="3"/>',
      '<w:shd w:fill="D9D9D9"',
      '<w:cantSplit/>',
      '<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="8415"/>', // the nested table
    ])
      expect(xml.includes(part), part).toBe(true);
    const numIds = new Set([...xml.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((m) => m[1]));
    // Two lists in the body, and three in each group of rows that has them.
    const groups = [60, 25, 40].reduce((a, n) => a + Math.ceil(n / 9), 0);
    expect(numIds.size).toBe(2 + 3 * groups);
    // Every list placeholder replaced; text in braces, even text that looks like a placeholder, printed as typed.
    expect(/\{list\ufdd0\d+-[^}]*\}/.test(xml)).toBe(false);
    expect(xml).toContain('<w:t xml:space="preserve">{list-1-0} {{x}}</w:t>');
  });

  it('reads back whole, in order, with the page setup of each section', async () => {
    const d = readDocx(await renderDocx(doc, { chunkRows: 4 }));
    for (const [tag, n] of [
      ['Первая', 60],
      ['Вторая', 25],
      ['Третья', 40],
    ] as const) {
      const exact = new RegExp(`^${tag} строка (\\d+)$`);
      const numbers = d.paragraphs.flatMap((p) => {
        const m = exact.exec(p);
        return m ? [Number(m[1])] : [];
      });
      // Every row but those of the groups of three (rows 1–3 of each 9) has a paragraph of just its name.
      expect(numbers).toEqual(Array.from({ length: n }, (_, i) => i + 1).filter((i) => ![1, 2, 3].includes(i % 9)));
    }
    expect(d.sections.map((s) => s.landscape)).toEqual([false, true]);
    // A document that ends with a table ends with the writer's 1 pt paragraph, holding nothing.
    expect(
      /<\/w:tbl><w:p><w:pPr><w:pStyle w:val="Small"\/>[^<]*<w:spacing [^>]*\/><\/w:pPr><\/w:p><w:sectPr>/.test(d.xml),
    ).toBe(true);
  });

  it('is written whole when its tables are short', async () => {
    const short: Document = {
      ...doc,
      sections: parseMarkup(`<section>${longTable(8, 'Короткая')}</section>`).sections,
    };
    vi.stubEnv('SOURCE_DATE_EPOCH', '1700000000');
    expect(tablesOf(short)[0]?.rows.length).toBeLessThanOrEqual(CHUNK_ROWS);
    expect(Buffer.compare(await renderDocx(short), await renderDocx(short, WHOLE))).toBe(0);
  });
});

const LINE_NAME = /^Позиция сметы № (\d+): услуги и материалы$/;

/** The numbers of the estimate lines named in some blocks of the model, in order. */
function lineNumbers(blocks: Block[]): number[] {
  return blocks.flatMap((b) => {
    if (b.type !== 'paragraph') return [];
    const m = LINE_NAME.exec(b.runs.map((r) => (r.type === 'text' ? r.text : '')).join(''));
    return m ? [Number(m[1])] : [];
  });
}

describe('the estimate (Annex 5)', () => {
  const estimate = (lines: number): Document => {
    const loaded = loadApplication({ value: withEstimateLines(lines) });
    return buildAnnexDocuments(loaded, 'ru', { annexes: [5] }).get(5) as Document;
  };

  it('of 300 lines is the same package written a few dozen rows at a time', async () => {
    const doc = estimate(300);
    const long = tablesOf(doc).filter((t) => t.rows.length > 37);
    expect(long.length).toBeGreaterThan(0);
    await expectSameAsWhole(doc, [37]);
  });

  describe('of 1 500 lines, written as it is by default', () => {
    const LINES = 1500;
    let xml: string;
    let paragraphs: string[];
    let landscape: boolean[];
    let rows: number;
    /** The line numbers in the order the model has them. */
    let modelOrder: number[];
    beforeAll(async () => {
      const doc = estimate(LINES);
      rows = Math.max(...tablesOf(doc).map((t) => t.rows.length));
      modelOrder = tablesOf(doc).flatMap((t) => t.rows.flatMap((r) => r.cells.flatMap((c) => lineNumbers(c.blocks))));
      const d = readDocx(await renderDocx(doc));
      xml = d.xml;
      paragraphs = d.paragraphs;
      landscape = d.sections.map((s) => s.landscape);
    });

    it('is long enough to be written in runs', () => {
      expect(rows).toBeGreaterThan(10 * CHUNK_ROWS);
    });

    it('has every line once, in order', () => {
      const names = paragraphs.flatMap((p) => {
        const m = LINE_NAME.exec(p);
        return m ? [Number(m[1])] : [];
      });
      expect([...names].sort((a, b) => a - b)).toEqual(Array.from({ length: LINES }, (_, i) => i + 1));
      // Lines are printed by activity and group: the order is the model's.
      expect(modelOrder).toHaveLength(LINES);
      expect(names).toEqual(modelOrder);
    });

    it('marks its two header rows, and only them, as repeating on every page', () => {
      const table = xml.slice(xml.lastIndexOf('<w:tbl>', xml.indexOf('Позиция сметы № 1:')));
      const trs = table.slice(0, table.indexOf('</w:tbl>')).split('<w:tr>').slice(1);
      expect(trs.length).toBe(rows);
      expect(trs.map((tr) => tr.includes('<w:tblHeader/>'))).toEqual(trs.map((_, i) => i < 2));
      expect(trs.every((tr) => tr.includes('<w:cantSplit/>'))).toBe(true);
    });

    it('is on a landscape page', () => {
      expect(landscape).toEqual([true]);
    });
  });
});
