/**
 * Long tables in the DOCX: header rows, spans, shading, lists in cells and their numbers, the paragraph that ends a
 * document ending with a table — and a long estimate must read back whole.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { withEstimateLines } from '../bench/generate.ts';
import { parseMarkup } from '../src/document/markup.ts';
import type { Block, Document, Table } from '../src/document/model.ts';
import { loadApplication } from '../src/pipeline/load.ts';
import { buildAnnexDocuments } from '../src/pipeline/render-application.ts';
import { renderDocx } from '../src/render/docx/index.ts';
import { readDocx } from './helpers/read-docx.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

const tablesOf = (doc: Document): Table[] =>
  doc.sections.flatMap((s) => s.blocks.filter((b): b is Table => b.type === 'table'));

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

  it('has header rows, spans, shading and lists with the file’s own numbers', async () => {
    const xml = readDocx(await renderDocx(doc)).xml;

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
    const d = readDocx(await renderDocx(doc));
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

    it('is one long table', () => {
      expect(rows).toBeGreaterThan(LINES / 2);
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
      const trs = table.slice(0, table.lastIndexOf('</w:tbl>')).split('<w:tr>').slice(1);
      // The last row sits in a row of its own with the footnote (src/document/keep.ts): one row more.
      expect(trs.length).toBe(rows + 1);
      expect(trs.map((tr) => tr.includes('<w:tblHeader/>'))).toEqual(trs.map((_, i) => i < 2));
      expect(trs.every((tr) => tr.includes('<w:cantSplit/>'))).toBe(true);
    });

    it('is on a landscape page', () => {
      expect(landscape).toEqual([true]);
    });
  });
});
