import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseMarkup } from '../src/document/markup.ts';
import type { Document, DocumentMeta } from '../src/document/model.ts';
import { MARGINS_MM, mmToPt } from '../src/document/page.ts';
import { renderDocx } from '../src/render/docx/index.ts';
import { renderPdf } from '../src/render/pdf/index.ts';
import { filler } from './helpers/layout-cases.ts';
import { normalizeSpaces, type PdfContent, readPdf } from './helpers/read-pdf.ts';

const META: DocumentMeta = {
  title: 'Приложения к заявке',
  author: 'ГАМО',
  subject: 'Өтінім қосымшалары',
  lang: 'ru',
  keywords: ['грант', 'ҮЕҰ'],
};
const doc = (markup: string, meta: DocumentMeta = META): Document => ({ meta, sections: parseMarkup(markup).sections });
const render = async (markup: string, meta?: DocumentMeta): Promise<PdfContent> =>
  readPdf(await renderPdf(doc(markup, meta)));
/** Lines of all pages, whitespace normalized, each with its page index. */
const linesOf = (pdf: PdfContent) =>
  pdf.pages.flatMap((p, page) => p.text.split('\n').map((text) => ({ page, text: normalizeSpaces(text) })));

const KAZAKH = 'ә ғ қ ң ө ұ ү һ і Ә Ғ Қ Ң Ө Ұ Ү Һ І';
const SAMPLE = `Мемлекеттік грант ${KAZAKH} — «кавычки» № 5, сумма 1\u00a0250\u00a0000,00 ₸ – тире; ЁЖЩЪЫЭЮЯ ёжщъыэюя`;
const USER_TEXT = `{{x}} <b>не жирный</b> & "кавычки" 'апостроф' \`=`;
const escaped = (s: string) =>
  s.replace(
    /[&<>"'`=]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' })[c]!,
  );

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('renderPdf: text, fonts, metadata', () => {
  const markup = `<section>
    <p align="right">Приложение 2<br/>к Правилам</p>
    <h1>Анкета заявителя</h1>
    <h2>1. Жалпы мәліметтер</h2>
    <p>Обычный текст, <b>жирный фрагмент</b> и <i>курсив</i>.</p>
    <p>${escaped(SAMPLE)}</p>
    <p>${escaped(USER_TEXT)}</p>
    <ol start="3"><li>третий пункт</li><li>четвёртый пункт</li></ol>
    <table widths="1,4,6" header-rows="1"><tr bold shade><td>№</td><td>Наименование</td><td>Информация</td></tr>
      <tr><td>1.</td><td>Атауы</td><td>«Даму» қоғамдық бірлестігі</td></tr><tr><td/><td colspan="2">объединённая</td></tr></table>
    <hr/><p role="small">* сноска</p>
    <page-break/><p>Вторая страница</p>
  </section>
  <section orientation="landscape"><p>Альбомная страница</p></section>`;

  it('writes the text in reading order, with bold and italic in their faces', async () => {
    const pdf = await render(markup);
    const page1 = normalizeSpaces(pdf.pages[0]!.text);
    const order = [
      'Приложение 2 к Правилам',
      'Анкета заявителя',
      '1. Жалпы мәліметтер',
      'Обычный текст, жирный фрагмент и курсив.',
      normalizeSpaces(SAMPLE),
      USER_TEXT,
      '3. третий пункт 4. четвёртый пункт',
      '№ Наименование Информация',
      '1. Атауы «Даму» қоғамдық бірлестігі',
      'объединённая',
      '* сноска',
    ];
    let at = -1;
    for (const s of order) {
      const i = page1.indexOf(s, at + 1);
      expect(i, s).toBeGreaterThan(at);
      at = i;
    }
    // Amounts with no-break spaces stay on one line.
    expect(pdf.pages[0]!.text.split('\n').map(normalizeSpaces)).toContain('1 250 000,00 ₸ – тире; ЁЖЩЪЫЭЮЯ ёжщъыэюя');
    const fontOf = (text: string) => pdf.pages[0]!.pieces.find((p) => p.text === text)?.font;
    expect(fontOf('жирный')).toBe('Tinos-Bold');
    expect(fontOf('курсив')).toBe('Tinos-Italic');
    expect(fontOf('Обычный')).toBe('Tinos-Regular');
    expect(fontOf('Анкета')).toBe('Tinos-Bold');
    expect(fontOf('Наименование')).toBe('Tinos-Bold');
    expect(fontOf('Атауы')).toBe('Tinos-Regular');
    // The user text that looks like markup is plain text in the regular face.
    const user = pdf.pages[0]!.pieces.filter((p) => /<\/?b>/.test(p.text));
    expect(user.length).toBeGreaterThan(0);
    expect(new Set(user.map((p) => p.font))).toEqual(new Set(['Tinos-Regular']));
  });

  it('starts each section on a new page in its orientation and numbers the pages', async () => {
    const pdf = await render(markup);
    expect(pdf.pages.map((p) => [Math.round(p.width), Math.round(p.height)])).toEqual([
      [595, 842],
      [595, 842],
      [842, 595],
    ]);
    expect(normalizeSpaces(pdf.pages[1]!.text)).toBe('Вторая страница 2');
    expect(normalizeSpaces(pdf.pages[2]!.text)).toBe('Альбомная страница 3');
  });

  it('adds no empty page for a page break at the start or end of a section', async () => {
    const pdf = await render('<section><page-break/><p>а</p><page-break/></section><section><p>ә</p></section>');
    expect(pdf.pages.map((p) => normalizeSpaces(p.text))).toEqual(['а 1', 'ә 2']);
  });

  it('embeds only the Tinos faces and writes the metadata', async () => {
    const pdf = await render(markup, { ...META, lang: 'kk' });
    expect(pdf.fonts).toEqual(['Tinos-Bold', 'Tinos-Italic', 'Tinos-Regular']);
    expect(pdf.info).toMatchObject({
      Title: 'Приложения к заявке',
      Author: 'ГАМО',
      Subject: 'Өтінім қосымшалары',
      Keywords: 'грант, ҮЕҰ',
      Language: 'kk-KZ',
    });
    expect((await render('<p>x</p>')).info.Language).toBe('ru-RU');
  });

  it('has a glyph for every character used, in all four faces', () => {
    const dir = fileURLToPath(new URL('../fonts/', import.meta.url));
    const text = SAMPLE + USER_TEXT + '•…%()[]/\\+-*:;!?.,0123456789\u202f\u00a0';
    for (const face of ['Regular', 'Bold', 'Italic', 'BoldItalic']) {
      const font = fontkit.openSync(`${dir}Tinos-${face}.ttf`) as fontkit.Font;
      const missing = [...new Set(text)].filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0)!));
      expect(missing, face).toEqual([]);
    }
  });

  it('gives identical bytes for identical input when the document has a date', async () => {
    const dated = { ...META, date: new Date(1_700_000_000_000) };
    const a = await renderPdf(doc(markup, dated));
    const b = await renderPdf(doc(markup, dated));
    expect(Buffer.compare(a, b)).toBe(0);
    expect((await readPdf(a)).info.CreationDate).toBe('D:20231114221320Z');
    const other = await renderPdf(doc(markup.replace('Атауы', 'Атау'), dated));
    expect(Buffer.compare(a, other)).not.toBe(0);
  });
});

describe('renderPdf: tables across pages', () => {
  it('repeats the header rows on every page of a long landscape table and loses no row', async () => {
    const rows = 150;
    const pdf = await render(`<section orientation="landscape"><p>Смета</p>
      <table widths="1,6,2,3" header-rows="2" keep-rows>
        <tr bold shade><td rowspan="2">№</td><td rowspan="2">Статья расходов</td><td colspan="2">Сумма</td></tr>
        <tr bold shade><td>Кол-во</td><td>Итого, ₸</td></tr>
        ${Array.from({ length: rows }, (_, i) => `<tr><td>${i + 1}</td><td>Расход номер ${i + 1}</td><td>${i}</td><td>${i}&#160;000</td></tr>`).join('')}
      </table></section>`);
    expect(pdf.pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pdf.pages) {
      expect(page.width).toBeGreaterThan(page.height);
      const lines = page.text.split('\n').map(normalizeSpaces);
      expect(lines).toContain('№ Статья расходов Сумма');
      expect(lines).toContain('Кол-во Итого, ₸');
    }
    const lines = linesOf(pdf).map((l) => l.text);
    for (let i = 1; i <= rows; i++) {
      expect(lines.filter((l) => l === `${i} Расход номер ${i} ${i - 1} ${i - 1} 000`)).toHaveLength(1);
    }
  });

  it('breaks a 40-line cell across pages with every line, in order, inside the text area', async () => {
    const cell = Array.from({ length: 40 }, (_, i) => `Строка ${i + 1} из 40`).join('<br/>');
    const pdf = await render(`<section>${filler(30)}
      <table widths="1,5" header-rows="1"><tr bold><td>№</td><td>Описание</td></tr>
      <tr><td>1.</td><td>${cell}</td></tr><tr><td>2.</td><td>После</td></tr></table></section>`);
    const found = linesOf(pdf).filter((l) => /Строка \d+ из 40$/.test(l.text));
    expect(found.map((l) => l.text.replace(/^1\. /, ''))).toEqual(
      Array.from({ length: 40 }, (_, i) => `Строка ${i + 1} из 40`),
    );
    expect(new Set(found.map((l) => l.page)).size).toBe(2);
    // The header repeats on the second page, and nothing is drawn into the margins.
    expect(normalizeSpaces(pdf.pages[1]!.text)).toMatch(/^№ Описание Строка/);
    const bottom = mmToPt(MARGINS_MM.portrait.bottom);
    const top = 841.89 - mmToPt(MARGINS_MM.portrait.top);
    for (const page of pdf.pages) {
      for (const p of page.pieces.filter((p) => p.text.startsWith('Строка'))) {
        expect(p.y).toBeGreaterThan(bottom);
        expect(p.y + p.size).toBeLessThan(top + 1);
      }
    }
  });

  const rowsOf = (keep: boolean) => `<section>${filler(7)}
    <table widths="1,5" ${keep ? 'keep-rows' : ''}>
    ${Array.from({ length: 30 }, (_, r) => `<tr><td>${r + 1}</td><td>${Array.from({ length: 6 }, (_, k) => `Ряд ${r + 1} строка ${k + 1}`).join('<br/>')}</td></tr>`).join('')}
    </table></section>`;
  const pagesOfRows = (pdf: PdfContent) => {
    const pages = new Map<number, Set<number>>();
    for (const l of linesOf(pdf)) {
      const m = /Ряд (\d+) строка \d+$/.exec(l.text);
      if (m) pages.set(Number(m[1]), (pages.get(Number(m[1])) ?? new Set()).add(l.page));
    }
    return pages;
  };

  it('never splits a row of a keep-rows table (and does split rows otherwise)', async () => {
    const kept = pagesOfRows(await render(rowsOf(true)));
    expect(kept.size).toBe(30);
    expect([...kept.values()].every((pages) => pages.size === 1)).toBe(true);
    expect(new Set([...kept.values()].flatMap((p) => [...p])).size).toBeGreaterThan(1);
    const loose = pagesOfRows(await render(rowsOf(false)));
    expect([...loose.values()].some((pages) => pages.size === 2)).toBe(true);
  });

  it('keeps all the text of a keep-rows row taller than a page', async () => {
    const cell = Array.from({ length: 80 }, (_, i) => `Пункт ${i + 1}`).join('<br/>');
    const pdf = await render(`<section><table widths="1,5" header-rows="1" keep-rows><tr><td>№</td><td>Текст</td></tr>
      <tr><td>1.</td><td>короткий</td></tr><tr><td>2.</td><td>${cell}</td></tr><tr><td>3.</td><td>конец</td></tr></table></section>`);
    const lines = linesOf(pdf).map((l) => l.text.replace(/^2\. /, ''));
    for (let i = 1; i <= 80; i++) expect(lines.filter((l) => l === `Пункт ${i}`)).toHaveLength(1);
    expect(lines).toContain('3. конец');
  });

  it('draws body rowspans across a page break without losing or repeating text', async () => {
    const groups = 30;
    const pdf =
      await render(`<section><table widths="2,3,3" header-rows="1"><tr bold><td>Мероприятие</td><td>Срок</td><td>Результат</td></tr>
      ${Array.from({ length: groups }, (_, g) => `<tr><td rowspan="3">Іс-шара ${g + 1}</td><td>срок ${g + 1}.1</td><td>итог ${g + 1}.1</td></tr><tr><td>срок ${g + 1}.2</td><td>итог ${g + 1}.2</td></tr><tr><td>срок ${g + 1}.3</td><td>итог ${g + 1}.3</td></tr>`).join('')}
      </table></section>`);
    expect(pdf.pages.length).toBeGreaterThanOrEqual(2);
    const all = linesOf(pdf)
      .map((l) => l.text)
      .join('\n');
    for (let g = 1; g <= groups; g++) {
      expect(all.match(new RegExp(`Іс-шара ${g}(?!\\d)`, 'g'))).toHaveLength(1);
      for (let k = 1; k <= 3; k++) {
        expect(all.match(new RegExp(`срок ${g}\\.${k} итог ${g}\\.${k}`, 'g'))).toHaveLength(1);
      }
    }
  });
});

describe('renderPdf: keep with next', () => {
  // A heading before a table whose first row must stay whole: wherever the filler puts the heading, it ends up on
  // the page where the table starts. Short tables go with their heading as one block; long ones (with a header
  // repeated on each page) make the heading move by itself.
  const row = (n: number) =>
    `<tr><td>${n}.</td><td>${Array.from({ length: 8 }, (_, i) => `Ряд ${n} строка ${i + 1}`).join('<br/>')}</td></tr>`;
  const markup = (fill: number, keep: boolean, rows: number) => `<section>${filler(fill)}
    <h2${keep ? '' : ' keep-with-next="false"'}>Раздел с таблицей</h2>
    <table widths="1,5" header-rows="1" keep-rows><tr bold><td>№</td><td>Содержание</td></tr>
    ${Array.from({ length: rows }, (_, i) => row(i + 1)).join('')}</table>
    </section>`;
  const samePage = (pdf: PdfContent) => {
    const lines = linesOf(pdf);
    const heading = lines.find((l) => l.text === 'Раздел с таблицей')!;
    const first = lines.find((l) => l.text.endsWith('Ряд 1 строка 1'))!;
    return heading.page === first.page;
  };
  const fills = Array.from({ length: 10 }, (_, i) => 38 + i);

  it.each([
    ['a short table', 1],
    ['a long table', 12],
  ])('moves a heading to the next page with %s', async (_name, rows) => {
    const kept = await Promise.all(fills.map(async (n) => samePage(await render(markup(n, true, rows)))));
    expect(kept.every(Boolean)).toBe(true);
    const loose = await Promise.all(fills.map(async (n) => samePage(await render(markup(n, false, rows)))));
    expect(loose.some((same) => !same)).toBe(true);
  });
});

describe('render time', () => {
  it('renders a 40-page document quickly once warm', async () => {
    const para = (i: number) =>
      `<p>Абзац ${i}. Қазақстан Республикасының азаматтық қоғамын дамыту, үкіметтік емес ұйымдардың әлеуетін арттыру және әлеуметтік жобаларды іске асыру мақсатында мемлекеттік гранттар беріледі. Общественное объединение реализует проект «Развитие» на сумму 1&#160;250&#160;000 ₸.</p>`;
    let m = '<section><h1>Заявка</h1>';
    for (let s = 0; s < 36; s++) {
      m += `<h2>Раздел ${s + 1}</h2>${Array.from({ length: 6 }, (_, i) => para(i)).join('')}<ul><li>пункт один</li><li>пункт два</li></ul>`;
    }
    m +=
      '</section><section orientation="landscape"><table widths="1,6,2,2,2,3" header-rows="1"><tr bold shade><td>№</td><td>Статья</td><td>Ед.</td><td>Кол-во</td><td>Цена</td><td>Сумма</td></tr>';
    for (let r = 0; r < 320; r++) {
      m += `<tr><td>${r + 1}</td><td>Расходы на служебные командировки (суточные, проживание, проезд) № ${r}</td><td>чел.</td><td>${r}</td><td>12&#160;500</td><td>1&#160;250&#160;000,00</td></tr>`;
    }
    m += '</table></section>';
    const big = doc(m);
    const first = await renderPdf(big);
    await renderDocx(big);
    const pages = (await readPdf(first)).pages.length;
    expect(pages).toBeGreaterThanOrEqual(40);
    const times = { pdf: Number.POSITIVE_INFINITY, docx: Number.POSITIVE_INFINITY };
    for (let i = 0; i < 3; i++) {
      let t = performance.now();
      await renderPdf(big);
      times.pdf = Math.min(times.pdf, performance.now() - t);
      t = performance.now();
      await renderDocx(big);
      times.docx = Math.min(times.docx, performance.now() - t);
    }
    console.log(`${pages} pages: PDF ${times.pdf.toFixed(0)} ms, DOCX ${times.docx.toFixed(0)} ms (best of 3, warm)`);
    // Generous bounds: shared test machines are slow; the point is to catch a slowdown by an order of magnitude.
    expect(times.pdf).toBeLessThan(3000);
    expect(times.docx).toBeLessThan(3000);
  });
});
