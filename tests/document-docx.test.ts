import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseMarkup } from '../src/document/markup.ts';
import type { Document, DocumentMeta } from '../src/document/model.ts';
import { contentWidthTwips } from '../src/document/page.ts';
import { renderDocx } from '../src/render/docx/index.ts';
import { readDocx } from './helpers/read-docx.ts';
import { normalizeSpaces, readPdf } from './helpers/read-pdf.ts';

const META: DocumentMeta = {
  title: 'Өтінім қосымшалары',
  author: 'ГАМО',
  subject: 'Приложения 2–5',
  lang: 'kk',
  keywords: ['грант', 'ҮЕҰ'],
};
const doc = (markup: string, meta: DocumentMeta = META): Document => ({ meta, sections: parseMarkup(markup).sections });

/** What a template produces for user text: Handlebars-style escaping. */
const USER_TEXT = `{{x}} <b>не жирный</b> & "кавычки" 'апостроф' \`=`;
const escaped = (s: string) =>
  s.replace(
    /[&<>"'`=]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' })[c]!,
  );

const LONG_ROWS = 120;
const MARKUP = `<section>
  <p align="right">Приложение 2<br/>к Правилам предоставления грантов</p>
  <h1>Анкета заявителя / Өтініш берушінің сауалнамасы</h1>
  <h2>1. Жалпы мәліметтер</h2>
  <p>Обычный текст, <b>жирный фрагмент</b> и <i>курсив</i>: ә ғ қ ң ө ұ ү һ і — Ә Ғ Қ Ң Ө Ұ Ү Һ І, сумма 1&#160;250&#160;000 ₸, «кавычки», № 5.</p>
  <p>${escaped(USER_TEXT)}</p>
  <ol start="3"><li>третий пункт</li><li><p>четвёртый пункт</p><ul><li>вложенный маркер</li></ul></li></ol>
  <table widths="1,4,6" header-rows="1" font-size="10">
    <tr bold shade><td align="center">№ п/п</td><td>Наименование</td><td>Информация</td></tr>
    <tr><td rowspan="2" valign="middle">1.</td><td>Атауы</td><td>«Даму» қоғамдық бірлестігі</td></tr>
    <tr><td colspan="2">объединённая ячейка</td></tr>
    <tr><td>2.</td><td>БСН</td><td>051140010597</td></tr>
  </table>
  <hr/>
  <p role="small">* Сноска мелким шрифтом</p>
  <page-break/>
  <p>После разрыва страницы</p>
</section>
<section orientation="landscape">
  <table widths="1,6,2,3" header-rows="2" keep-rows>
    <tr bold shade><td rowspan="2">№</td><td rowspan="2">Статья расходов</td><td colspan="2">Сумма</td></tr>
    <tr bold shade><td>Кол-во</td><td>Итого, ₸</td></tr>
    ${Array.from({ length: LONG_ROWS }, (_, i) => `<tr><td>${i + 1}</td><td>Расход номер ${i + 1}</td><td>${i}</td><td>${i}&#160;000</td></tr>`).join('\n')}
  </table>
</section>`;

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('renderDocx', () => {
  it('writes the text in order, with formatting on the right runs', async () => {
    const d = readDocx(await renderDocx(doc(MARKUP)));
    const order = [
      'Приложение 2\nк Правилам предоставления грантов',
      'Анкета заявителя / Өтініш берушінің сауалнамасы',
      '1. Жалпы мәліметтер',
      'Обычный текст, жирный фрагмент и курсив: ә ғ қ ң ө ұ ү һ і — Ә Ғ Қ Ң Ө Ұ Ү Һ І, сумма 1\u00a0250\u00a0000 ₸, «кавычки», № 5.',
      USER_TEXT,
      'третий пункт',
      'четвёртый пункт',
      'вложенный маркер',
      '№ п/п',
      'После разрыва страницы',
    ];
    let at = -1;
    for (const p of order) {
      const i = d.paragraphs.indexOf(p, at + 1);
      expect(i, p).toBeGreaterThan(at);
      at = i;
    }
    const run = (text: string) => d.runs.find((r) => r.text === text);
    expect(run('жирный фрагмент')).toMatchObject({ bold: true, italic: false });
    expect(run('курсив')).toMatchObject({ bold: false, italic: true });
    expect(run('Обычный текст, ')).toMatchObject({ bold: false, italic: false });
    // Bold rows of the table are bold runs; user text that looks like markup is one plain run.
    expect(run('Наименование')?.bold).toBe(true);
    expect(run(USER_TEXT)).toMatchObject({ bold: false, italic: false });
    expect(d.xml).toContain('{{x}} &lt;b&gt;не жирный&lt;/b&gt; &amp; &quot;кавычки&quot;');
  });

  it('uses real styles, numbering and a page break before the paragraph after <page-break/>', async () => {
    const d = readDocx(await renderDocx(doc(MARKUP)));
    const paragraphXml = (text: string) => {
      const i = d.xml.indexOf(`>${text}<`);
      expect(i, text).toBeGreaterThan(0);
      return d.xml.slice(d.xml.lastIndexOf('<w:p>', i), i);
    };
    expect(paragraphXml('Анкета заявителя / Өтініш берушінің сауалнамасы')).toContain('<w:pStyle w:val="Title"/>');
    expect(paragraphXml('1. Жалпы мәліметтер')).toContain('<w:pStyle w:val="Heading1"/>');
    expect(paragraphXml('* Сноска мелким шрифтом')).toContain('<w:pStyle w:val="Small"/>');
    expect(paragraphXml('После разрыва страницы')).toContain('<w:pageBreakBefore/>');
    const styles = d.parts['word/styles.xml']!;
    expect(styles).toMatch(/<w:style w:type="paragraph" w:styleId="Title">.*?<w:b\/>.*?<\/w:style>/);
    expect(styles).toContain('<w:lang w:val="kk-KZ"/>');

    // Each list has its own numbering; the ordered one starts at 3, its items carry it.
    const numbering = d.parts['word/numbering.xml']!;
    expect(numbering).toMatch(/<w:start w:val="3"\/><w:numFmt w:val="decimal"\/><w:lvlText w:val="%1."\/>/);
    expect(numbering).toMatch(/<w:numFmt w:val="bullet"\/><w:lvlText w:val="•"\/>/);
    const third = paragraphXml('третий пункт');
    const fourth = paragraphXml('четвёртый пункт');
    const nested = paragraphXml('вложенный маркер');
    const numId = (xml: string) => /<w:ilvl w:val="(\d)"\/><w:numId w:val="(\d+)"\/>/.exec(xml)?.slice(1);
    expect(numId(third)).toEqual(numId(fourth));
    expect(numId(nested)?.[0]).toBe('1');
    expect(numId(nested)?.[1]).not.toBe(numId(third)?.[1]);
  });

  it('adds no empty page for a page break at the start or end of a section', async () => {
    const d = readDocx(
      await renderDocx(doc('<section><page-break/><p>а</p><page-break/></section><section><p>ә</p></section>')),
    );
    expect(d.paragraphs).toEqual(['а', 'ә']);
    expect(d.xml).not.toContain('pageBreakBefore');
  });

  it('writes tables cell by cell, with spans, fixed widths and header rows', async () => {
    const d = readDocx(await renderDocx(doc(MARKUP)));
    const [form, long] = d.tables;
    expect(form).toEqual([
      ['№ п/п', 'Наименование', 'Информация'],
      ['1.', 'Атауы', '«Даму» қоғамдық бірлестігі'],
      ['', 'объединённая ячейка'],
      ['2.', 'БСН', '051140010597'],
    ]);
    expect(long).toHaveLength(LONG_ROWS + 2);
    expect(long![0]).toEqual(['№', 'Статья расходов', 'Сумма']);
    expect(long![1]).toEqual(['', '', 'Кол-во', 'Итого, ₸']);
    expect(long![LONG_ROWS + 1]).toEqual([
      `${LONG_ROWS}`,
      `Расход номер ${LONG_ROWS}`,
      `${LONG_ROWS - 1}`,
      `${LONG_ROWS - 1}\u00a0000`,
    ]);

    const tables = d.xml.split('<w:tbl>').slice(1);
    const portrait = tables[0]!;
    const landscape = tables[1]!;
    // Fixed layout, explicit width = text area, grid adding up, a width on every cell.
    for (const [xml, orientation] of [
      [portrait, 'portrait'],
      [landscape, 'landscape'],
    ] as const) {
      expect(xml).toContain('<w:tblLayout w:type="fixed"/>');
      const width = Number(/<w:tblW w:type="dxa" w:w="(\d+)"\/>/.exec(xml)?.[1]);
      expect(width).toBe(contentWidthTwips(orientation));
      const grid = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      expect(grid.reduce((a, b) => a + b, 0)).toBe(width);
      expect((xml.match(/<w:tc>/g) ?? []).length).toBe((xml.match(/<w:tcW w:type="dxa" w:w="\d+"\/>/g) ?? []).length);
    }
    expect(portrait).toMatch(/<w:gridCol w:w="850"\/><w:gridCol w:w="3402"\/><w:gridCol w:w="5103"\/>/);
    expect(portrait).toContain('<w:vMerge w:val="restart"/>');
    expect(portrait).toContain('<w:gridSpan w:val="2"/>');
    expect(portrait).toContain('<w:shd w:fill="D9D9D9" w:color="auto" w:val="clear"/>');
    // Header rows repeat; in a keep-rows table no row splits.
    const rows = landscape.split('<w:tr>').slice(1);
    expect(rows.filter((r) => r.includes('<w:tblHeader/>'))).toHaveLength(2);
    expect(rows.slice(0, 2).every((r) => r.includes('<w:tblHeader/>'))).toBe(true);
    expect(rows.every((r) => r.includes('<w:cantSplit/>'))).toBe(true);
    // Header paragraphs keep with the next row, so a header never ends a page alone.
    expect(rows[1]!.match(/<w:p>/g)).toHaveLength((rows[1]!.match(/<w:keepNext\/>/g) ?? []).length);
    expect(rows[2]).not.toContain('<w:keepNext/>');
    expect(
      portrait
        .split('<w:tr>')
        .slice(2)
        .some((r) => r.includes('<w:cantSplit/>')),
    ).toBe(false);
  });

  it('gives each section its page size: the landscape one wider than high', async () => {
    const d = readDocx(await renderDocx(doc(MARKUP)));
    expect(d.sections).toHaveLength(2);
    expect(d.sections[0]).toEqual({ width: 11906, height: 16838, landscape: false });
    expect(d.sections[1]).toEqual({ width: 16838, height: 11906, landscape: true });
    expect(d.xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(d.xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
  });

  it('names Times New Roman without embedding it, and numbers pages in the footer', async () => {
    const buf = await renderDocx(doc(MARKUP));
    const d = readDocx(buf);
    expect(d.fonts).toEqual(['Times New Roman']);
    expect(Object.keys(unzipSync(buf)).filter((n) => n.startsWith('word/fonts/'))).toEqual([]);
    const footers = Object.entries(d.parts).filter(([name]) => /^word\/footer\d+\.xml$/.test(name));
    expect(footers.length).toBeGreaterThanOrEqual(2);
    for (const [, xml] of footers) expect(xml).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
  });

  it('writes the document properties', async () => {
    const d = readDocx(await renderDocx(doc(MARKUP)));
    const core = d.parts['docProps/core.xml']!;
    expect(core).toContain('<dc:title>Өтінім қосымшалары</dc:title>');
    expect(core).toContain('<dc:creator>ГАМО</dc:creator>');
    expect(core).toContain('<dc:subject>Приложения 2–5</dc:subject>');
    expect(core).toContain('<cp:keywords>грант, ҮЕҰ</cp:keywords>');
    expect(core).toContain('<dc:language>kk-KZ</dc:language>');
    const ru = readDocx(await renderDocx(doc('<p>x &amp; y</p>', { title: 'A & <B>', author: 'C', lang: 'ru' })));
    expect(ru.parts['docProps/core.xml']).toContain('<dc:title>A &amp; &lt;B&gt;</dc:title>');
    expect(ru.parts['docProps/core.xml']).toContain('<dc:language>ru-RU</dc:language>');
  });

  it('gives identical bytes for identical input when the document has a date', async () => {
    const dated = { ...META, date: new Date(1_700_000_000_000) };
    const a = await renderDocx(doc(MARKUP, dated));
    await new Promise((r) => setTimeout(r, 1100)); // let the clock move past a zip time unit (2 s granularity)
    const b = await renderDocx(doc(MARKUP, dated));
    expect(Buffer.compare(a, b)).toBe(0);
    const core = strFromU8(unzipSync(a)['docProps/core.xml']!);
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2023-11-14T22:13:20Z</dcterms:created>');
    // Zip entry time 2023-11-14 22:13:20 UTC in DOS format, in the first local header.
    expect(a.readUInt16LE(10)).toBe((22 << 11) | (13 << 5) | (20 >> 1));
    expect(a.readUInt16LE(12)).toBe(((2023 - 1980) << 9) | (11 << 5) | 14);
    const other = await renderDocx(doc(MARKUP.replace('Атауы', 'Атау'), dated));
    expect(Buffer.compare(a, other)).not.toBe(0);
  });
});

// A real word processor: LibreOffice, when installed, must see the landscape page and repeat the table header.
const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find(existsSync);
describe.skipIf(!soffice)('renderDocx in LibreOffice', () => {
  it('opens with the landscape section and the header repeated on every page of the long table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docx-lo-'));
    try {
      writeFileSync(join(dir, 'doc.docx'), await renderDocx(doc(MARKUP)));
      execFileSync(
        soffice!,
        [
          `-env:UserInstallation=file://${dir}/profile`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          join(dir, 'doc.docx'),
        ],
        { stdio: 'ignore', timeout: 120_000 },
      );
      const pdf = await readPdf(readFileSync(join(dir, 'doc.pdf')));
      const landscape = pdf.pages.filter((p) => p.width > p.height);
      expect(pdf.pages[0]!.width).toBeLessThan(pdf.pages[0]!.height);
      expect(landscape.length).toBeGreaterThanOrEqual(2);
      for (const page of landscape) {
        expect(normalizeSpaces(page.text)).toContain('Статья расходов');
        expect(normalizeSpaces(page.text)).toContain('Итого, ₸');
      }
      const all = landscape.map((p) => normalizeSpaces(p.text)).join(' ');
      for (let i = 1; i <= LONG_ROWS; i++) expect(all).toContain(`Расход номер ${i} `);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
