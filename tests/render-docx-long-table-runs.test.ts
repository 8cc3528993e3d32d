/**
 * Long tables written a run of rows at a time (src/render/docx/long-tables.ts) against the plain way
 * (ANNEXES_SPEEDUPS=0, the whole document in one Packer.toBuffer): the same document — the same XML once parsed,
 * the same text and tables read back, and the same pages and text in LibreOffice's PDF of each.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Packer } from 'docx';
import { type AnyNode, isTag, isText } from 'domhandler';
import { strFromU8, unzipSync } from 'fflate';
import { parseDocument } from 'htmlparser2';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { withEstimateLines } from '../bench/generate.ts';
import { parseMarkup } from '../src/document/markup.ts';
import type { Document, Table } from '../src/document/model.ts';
import { loadApplication } from '../src/pipeline/load.ts';
import { buildAnnexDocuments } from '../src/pipeline/render-application.ts';
import { renderDocx } from '../src/render/docx/index.ts';
import { LONG_TABLE_ROWS, ROWS_PER_RUN } from '../src/render/docx/long-tables.ts';
import { convertWithLibreOffice, describeWithClients, pdfPages, pdfToText } from './helpers/clients.ts';
import { readDocx } from './helpers/read-docx.ts';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** A long table with what a row can have: spans both ways, shading, lists in cells (nested too), a nested table. */
function longTable(n: number, tag: string): string {
  const rows: string[] = [];
  for (let i = 1; i <= n; i++) {
    const text = `${tag} строка ${i}`;
    if (i % 9 === 1) {
      rows.push(
        `<tr><td rowspan="3" valign="middle" shade>${i}</td><td colspan="2">${text}: <b>жирный</b> <i>курсив</i></td><td align="right">${i}&#160;000</td></tr>`,
        `<tr><td><ul><li>${text}, пункт</li><li>второй</li></ul></td><td><ol start="4"><li>четвёртый ${i}</li><li><p>пятый</p><ul><li>вложенный ${i}</li></ul></li></ol></td><td>x</td></tr>`,
        `<tr bold shade><td>${text} итог</td><td>{list-1-0} {{x}} &amp; &lt;b&gt; "кавычки"</td><td align="center">${i}</td></tr>`,
      );
      i += 2;
    } else if (i % 9 === 5) {
      rows.push(`<tr><td>${i}</td><td><p>${text}</p><p>второй абзац<br/>со&#9;сдвигом</p></td><td></td><td></td></tr>`);
    } else if (i % 9 === 7) {
      rows.push(
        `<tr><td>${i}</td><td colspan="3"><table widths="1,1"><tr><td>${text}</td><td><ol><li>в ячейке ${i}</li></ol></td></tr></table></td></tr>`,
      );
    } else rows.push(`<tr><td>${i}</td><td>${text}</td><td>${i % 4}</td><td>${i}&#160;000,50</td></tr>`);
  }
  return `<table widths="1,6,2,3" header-rows="2" font-size="9" keep-rows>
    <tr bold shade><td rowspan="2">№</td><td rowspan="2">Статья расходов</td><td colspan="2">Сумма</td></tr>
    <tr bold shade><td>Кол-во</td><td>Итого, ₸</td></tr>
    ${rows.join('\n')}
  </table>`;
}

/** Rows of the three tables: two long ones (in runs), a short one between them (written whole). */
const [FIRST, SECOND, THIRD] = [LONG_TABLE_ROWS + 30, 25, LONG_TABLE_ROWS + 6];

const MARKUP = `<section>
  <h1>Длинные таблицы</h1>
  <ol><li>список до таблицы</li><li>второй пункт</li></ol>
  ${longTable(FIRST, 'Первая')}
  <ul><li>список после таблицы</li></ul>
  <table widths="1,1"><tr><td>короткая</td><td><ul><li>список в короткой</li></ul></td></tr></table>
  <page-break/>
  ${longTable(SECOND, 'Вторая')}
</section>
<section orientation="landscape">
  <p>Таблица в конце документа</p>
  ${longTable(THIRD, 'Третья')}
</section>`;

const DOC: Document = {
  meta: { title: 'Длинные таблицы', author: 'ГАМО', lang: 'ru' },
  sections: parseMarkup(MARKUP).sections,
};

/** Renders with the speed-ups on or off, and counts the documents docx wrote for it. */
async function render(doc: Document, speedups: boolean): Promise<{ docx: Buffer; packed: number }> {
  vi.stubEnv('ANNEXES_SPEEDUPS', speedups ? '' : '0');
  const toBuffer = vi.spyOn(Packer, 'toBuffer');
  try {
    // Dated, so that equal documents are equal bytes.
    const docx = await renderDocx({ ...doc, meta: { ...doc.meta, date: new Date(1_700_000_000_000) } });
    return { docx, packed: toBuffer.mock.calls.length };
  } finally {
    toBuffer.mockRestore();
    vi.unstubAllEnvs();
  }
}

type Tree = { name: string; attribs: Record<string, string>; children: Tree[] } | { text: string };

/** An XML part as a tree of elements, attributes and texts (entities decoded): what a reader of the XML gets. */
function tree(xml: string): Tree[] {
  const walk = (nodes: AnyNode[]): Tree[] =>
    nodes.flatMap((n): Tree[] => {
      if (isTag(n)) return [{ name: n.name, attribs: { ...n.attribs }, children: walk(n.children) }];
      if (isText(n)) return [{ text: n.data }];
      return [];
    });
  return walk(parseDocument(xml, { xmlMode: true }).children);
}

const part = (docx: Uint8Array, name: string): string => {
  const data = unzipSync(docx, { filter: (f) => f.name === name })[name];
  if (!data) throw new Error(`no ${name}`);
  return strFromU8(data);
};

describe('long tables written a run of rows at a time', () => {
  let runs: { docx: Buffer; packed: number };
  let whole: { docx: Buffer; packed: number };
  beforeAll(async () => {
    runs = await render(DOC, true);
    whole = await render(DOC, false);
  }, 120_000);

  it('are written in runs by default and at once with ANNEXES_SPEEDUPS=0', () => {
    // The first table and the third have runs after their first; the second is short.
    expect(whole.packed).toBe(1);
    expect(runs.packed).toBeGreaterThanOrEqual(
      1 + Math.floor(FIRST / ROWS_PER_RUN) + Math.floor(THIRD / ROWS_PER_RUN) - 2,
    );
  });

  it('give the same document.xml and numbering.xml once parsed', () => {
    for (const name of ['word/document.xml', 'word/numbering.xml', 'word/styles.xml']) {
      expect(tree(part(runs.docx, name)), name).toEqual(tree(part(whole.docx, name)));
    }
  });

  it('read back alike, with header rows, spans, lists and the nested tables', () => {
    const a = readDocx(runs.docx);
    const b = readDocx(whole.docx);
    expect(a.paragraphs).toEqual(b.paragraphs);
    expect(a.tables).toEqual(b.tables);
    expect(a.sections).toEqual(b.sections);
    expect(a.runs).toEqual(b.runs);

    // What both hold: every row of each long table once, in order, and its header rows marked to repeat.
    const tables = DOC.sections.flatMap((s) => s.blocks.filter((x): x is Table => x.type === 'table'));
    const longOnes = a.tables.filter((t) => t[0]?.[1] === 'Статья расходов');
    expect(longOnes.map((t) => t.length)).toEqual(tables.filter((t) => t.rows.length > 2).map((t) => t.rows.length));
    for (const [tag, n] of [
      ['Первая', FIRST],
      ['Вторая', SECOND],
      ['Третья', THIRD],
    ] as const) {
      const exact = new RegExp(`^${tag} строка (\\d+)$`);
      const numbers = a.paragraphs.flatMap((p) => {
        const m = exact.exec(p);
        return m ? [Number(m[1])] : [];
      });
      expect(numbers).toEqual(Array.from({ length: n }, (_, i) => i + 1).filter((i) => ![1, 2, 3].includes(i % 9)));
    }
    expect(a.xml.match(/<w:tblHeader\/>/g)).toHaveLength(2 * 3);
    for (const piece of ['<w:vMerge w:val="restart"/>', '<w:vMerge w:val="continue"/>', '<w:gridSpan w:val="3"/>']) {
      expect(a.xml.split(piece).length - 1, piece).toBeGreaterThan(20);
    }
    expect(a.paragraphs).toContain(`вложенный ${FIRST - ((FIRST - 1) % 9)}`);
    expect(a.paragraphs).toContain('в ячейке 97');
    // User text prints as typed.
    expect(a.paragraphs).toContain('Первая строка 118 итог');
    expect(a.paragraphs).toContain('{list-1-0} {{x}} & <b> "кавычки"');
    // Every list has its own instance, numbered in the order of its first paragraph.
    const numIds = [...a.xml.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((m) => Number(m[1]));
    const firsts = [...new Set(numIds)];
    const groups = [FIRST, SECOND, THIRD].reduce((sum, n) => sum + Math.ceil(n / 9), 0);
    const nested = [FIRST, SECOND, THIRD].reduce((sum, n) => sum + Math.floor((n + 2) / 9), 0);
    expect(firsts).toEqual(Array.from({ length: 3 + 3 * groups + nested }, (_, i) => i + 2));
  });

  describeWithClients('in LibreOffice', ['soffice', 'pdftotext', 'pdfinfo'], () => {
    const dir = mkdtempSync(join(tmpdir(), 'annexes-long-tables-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('give PDFs of the same pages and text', async () => {
      writeFileSync(join(dir, 'runs.docx'), runs.docx);
      writeFileSync(join(dir, 'whole.docx'), whole.docx);
      const { pdfs } = await convertWithLibreOffice([join(dir, 'runs.docx'), join(dir, 'whole.docx')], dir);
      const [a, b] = pdfs as [string, string];
      const pagesA = await pdfPages(a);
      expect(pagesA.length).toBeGreaterThan(5);
      expect(pagesA).toEqual(await pdfPages(b));
      const textA = await pdfToText(a);
      expect(textA).toEqual(await pdfToText(b));
      // The header row repeats on the pages a long table runs over.
      expect(textA.filter((page) => page.includes('Статья расходов')).length).toBeGreaterThan(3);
      expect(textA.join('\n')).toContain(`Третья строка ${THIRD}`);
    }, 300_000);
  });
});

const LINE_NAME = /^Позиция сметы № (\d+): услуги и материалы$/;

describe('an estimate of 1 500 lines (Annex 5)', () => {
  const LINES = 1500;
  let runs: { docx: Buffer; packed: number };
  let whole: { docx: Buffer; packed: number };
  beforeAll(async () => {
    const loaded = loadApplication({ value: withEstimateLines(LINES) });
    const doc = buildAnnexDocuments(loaded, 'ru', { annexes: [5] }).get(5) as Document;
    runs = await render(doc, true);
    whole = await render(doc, false);
  }, 300_000);

  it('is written in runs, and reads back with every line once, in order', () => {
    expect(runs.packed).toBeGreaterThan(LINES / ROWS_PER_RUN);
    const names = readDocx(runs.docx).paragraphs.flatMap((p) => {
      const m = LINE_NAME.exec(p);
      return m ? [Number(m[1])] : [];
    });
    expect([...names].sort((x, y) => x - y)).toEqual(Array.from({ length: LINES }, (_, i) => i + 1));
    expect(names).toEqual(
      readDocx(whole.docx).paragraphs.flatMap((p) => {
        const m = LINE_NAME.exec(p);
        return m ? [Number(m[1])] : [];
      }),
    );
  });

  it('gives the same document.xml as the plain way, once parsed', () => {
    expect(tree(part(runs.docx, 'word/document.xml'))).toEqual(tree(part(whole.docx, 'word/document.xml')));
    expect(readDocx(runs.docx).tables).toEqual(readDocx(whole.docx).tables);
  });
});
