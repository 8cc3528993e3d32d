/**
 * Page and line breaks where LibreOffice puts them, on documents made to hit each case; every line of every page
 * of our PDF equals the line of LibreOffice's PDF of our DOCX (pdftotext, whitespace normalized):
 *
 * - a table row split across a page with a repeated header leaves the rest of the new page its full height
 *   (pdfmake took a border's width from it at each split: fixed by patches/pdfmake+0.3.11.patch);
 * - a heading that keep-with-next moves to a new page has no space before at its top (a soft break, as a word
 *   processor's: the same patch);
 * - in a table row split across pages, a paragraph going on to the new page has its space before at its top, as
 *   LibreOffice lays it out (the same patch);
 * - a word with a slash inside («НПО/инициативные») is not broken after the slash (ICU's rules, which LibreOffice
 *   follows; pdfmake's `linebreak` would break there).
 *
 * - a table's last row goes with the footnote under it (`<table keep-with-next>`, the estimate): the footnote is
 *   never alone at the top of a page (LibreOffice ignores keep-with-next on a table's last row; src/document/keep.ts
 *   nests the row and the footnote in one row, in both formats). The same documents without keep-with-next
 *   show the footnote alone on a page, in both PDFs alike.
 *
 * - the last row of a section's last table, when short, is never split (its lines could leave one alone on the
 *   annex's last page, and LibreOffice has no widow control in a split row): it goes whole to the next page. The
 *   same table followed by a paragraph splits the row, in both PDFs alike.
 *
 * The three patch fixes are switched off by ANNEXES_PDFMAKE_FIXES=0: our pages then differ from LibreOffice's on
 * the same documents, which shows that each case is hit.
 */
import { beforeAll, expect, it, vi } from 'vitest';
import { parseMarkup } from '../src/document/markup.ts';
import type { Document } from '../src/document/model.ts';
import { renderPdf } from '../src/render/pdf/index.ts';
import { describeWithClients, pdfDataToText } from './helpers/clients.ts';
import { filler, pagesOursAndLibreOffice } from './helpers/layout-cases.ts';
import { normalizeSpaces } from './helpers/read-pdf.ts';

const numbered = (n: number, word: string) =>
  Array.from({ length: n }, (_, i) => `${word} ${i + 1} из ${n}`).join('<br/>');
/** Sections, one per value, each starting a page. */
const sections = (values: number[], section: (v: number) => string) =>
  values.map((v) => `<section>${section(v)}</section>`).join('');
/** Spaces in pt, half a point apart: the places around a line's worth of room. */
const steps = (from: number, to: number) => Array.from({ length: (to - from) * 2 + 1 }, (_, i) => from + i / 2);

const FOOTNOTE =
  '* Сноска под таблицей: расходы расшифровываются по всем мероприятиям календарного плана; смета может не ' +
  'отражать все перечисленные виды расходов. Дополнение статьи расходов допускается.';
/** An estimate-like table of 12 rows and a total row, the footnote under it, after `k` lines of filler. */
const tableWithFootnote = (keep: boolean) => (k: number) =>
  [
    filler(k),
    `<table widths="1,5,2" header-rows="1" keep-rows${keep ? ' keep-with-next' : ''}>`,
    '<tr><td>№</td><td>Статья</td><td>Сумма</td></tr>',
    Array.from({ length: 12 }, (_, i) => `<tr><td>${i + 1}</td><td>Статья ${i + 1}</td><td>${i}00</td></tr>`).join(''),
    '<tr><td></td><td>Итого:</td><td>6 600</td></tr></table>',
    `<hr/><p role="small" keep-lines>${FOOTNOTE}</p>`,
  ].join('');
const FOOTNOTE_PLACES = [34, 35, 36, 37, 38, 39, 40, 41, 42];
/** A table whose last row has four lines, after `k` lines of filler; a paragraph after it when `more`. */
const tableEndingAnnex = (more: boolean) => (k: number) =>
  [
    filler(k),
    '<table widths="1,3"><tr><td>Раздел</td><td>Текст</td></tr>',
    `<tr><td>Последняя строка</td><td>${numbered(4, 'Строка')}</td></tr></table>`,
    more ? '<p>Конец.</p>' : '',
  ].join('');
const LAST_ROW_PLACES = [44, 45, 46, 47, 48, 49, 50];

const CASES = {
  // The first row runs over to page 2 under the repeated header; the second row then splits at the foot of page 2.
  'a row split after a row that ran over from the page before': sections(
    steps(0, 12),
    (s) =>
      `${filler(40)}<table widths="1,5" header-rows="1"><tr><td>№</td><td>Текст</td></tr>` +
      `<tr><td>1.</td><td><p space-after="${s}">${numbered(40, 'Первая')}</p></td></tr>` +
      `<tr><td>2.</td><td>${numbered(60, 'Строка')}</td></tr></table>`,
  ),
  // The heading fits at the foot of the page but its table's first line does not: both go to the next page,
  // which the table fills to its foot.
  'a heading moved to a new page by keep-with-next': sections(
    [46, 47, 48, 49, 50],
    (k) =>
      `${filler(k)}<h2>Раздел ${k}</h2><table widths="1,5"><tr><td>1.</td><td>${numbered(80, 'Строка')}</td></tr></table>`,
  ),
  // Paragraphs with space before in a cell of a table with a repeated header, split across pages.
  'spaced paragraphs in a row split across pages': sections(steps(0, 6), (s) =>
    [
      filler(30),
      `<p space-before="0" space-after="${s}">Отступ ${s}</p>`,
      '<table widths="1,5" header-rows="1"><tr><td>№</td><td>Текст</td></tr><tr><td>1.</td><td>',
      Array.from({ length: 20 }, (_, j) => `<p space-before="6">${numbered(4, `Абзац ${j + 1}, строка`)}</p>`).join(''),
      '</td></tr></table>',
    ].join(''),
  ),
  // «НПО/инициативные» at every place along a narrow cell's line.
  'words with a slash inside': sections([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], (n) =>
    [
      '<table widths="2,1"><tr><td>',
      `${'гранты '.repeat(n)}для 10 НПО/инициативные группы и 2019/2020 годы, НПО/инициативных групп`,
      '</td><td>1</td></tr></table>',
    ].join(''),
  ),
  // The table ends at every place around the foot of a page; its footnote comes after it.
  'a table kept with the footnote under it': sections(FOOTNOTE_PLACES, tableWithFootnote(true)),
  'the same table and footnote without keep-with-next': sections(FOOTNOTE_PLACES, tableWithFootnote(false)),
  // The last table of a section ends at every place around the foot of a page.
  'a short last row of a section': sections(LAST_ROW_PLACES, tableEndingAnnex(false)),
  'the same row followed by a paragraph': sections(LAST_ROW_PLACES, tableEndingAnnex(true)),
};
type Case = keyof typeof CASES;
const PATCH_FIXED: Case[] = [
  'a row split after a row that ran over from the page before',
  'a heading moved to a new page by keep-with-next',
  'spaced paragraphs in a row split across pages',
];

const doc = (c: Case): Document => ({
  meta: { title: 'Разрывы страниц', author: 'ГАМО', lang: 'ru' },
  sections: parseMarkup(CASES[c]).sections,
});
/** Every page's lines, whitespace normalized. */
const lines = (pages: string[]) => pages.map((p) => p.split('\n').map(normalizeSpaces).filter(Boolean));

describeWithClients('Page and line breaks as LibreOffice makes them', ['soffice', 'pdftotext'], () => {
  const pages = new Map<Case, { ours: string[][]; lo: string[][]; unfixed: string[][] }>();

  beforeAll(async () => {
    const cases = Object.keys(CASES) as Case[];
    const both = await pagesOursAndLibreOffice(cases.map(doc));
    vi.stubEnv('ANNEXES_PDFMAKE_FIXES', '0');
    const unfixed: string[][] = [];
    for (const c of cases) unfixed.push(await pdfDataToText(await renderPdf(doc(c))));
    vi.unstubAllEnvs();
    for (const [i, c] of cases.entries())
      pages.set(c, { ours: lines(both[i]!.ours), lo: lines(both[i]!.lo), unfixed: lines(unfixed[i]!) });
  }, 300_000);

  it.each(Object.keys(CASES) as Case[])('%s: every page has the same lines', (c) => {
    const { ours, lo } = pages.get(c)!;
    expect(ours.length).toBe(lo.length);
    expect(ours).toEqual(lo);
  });

  /**
   * `bad` (pages that break the rule) finds none in either PDF of `kept`, and some in LibreOffice's PDF of `plain`
   * (the case is hit), as many as in ours.
   */
  const keptAndPlain = (kept: Case, plain: Case, bad: (pages: string[][]) => number) => {
    const k = pages.get(kept)!;
    const p = pages.get(plain)!;
    expect(bad(k.ours)).toBe(0);
    expect(bad(k.lo)).toBe(0);
    expect(bad(p.lo)).toBeGreaterThan(0);
    expect(bad(p.ours)).toBe(bad(p.lo));
  };

  /** Pages whose first line (the repeated header aside) is the footnote's. */
  const footnoteAlone = (pages: string[][]) =>
    pages.filter((p) => p.find((l) => l !== '№ Статья Сумма')?.startsWith('* Сноска')).length;

  it('a table kept with its footnote: the footnote starts no page, in either PDF; without the keep it does', () => {
    keptAndPlain(
      'a table kept with the footnote under it',
      'the same table and footnote without keep-with-next',
      footnoteAlone,
    );
    // Every footnote is whole, under its total row.
    for (const page of pages.get('a table kept with the footnote under it')!.ours) {
      const at = page.findIndex((l) => l.startsWith('* Сноска'));
      if (at >= 0) expect(page.slice(0, at).at(-1)).toMatch(/^(Итого: 6 600|_+)$/);
    }
  });

  /** Pages that hold some but not all four lines of the last row. */
  const rowSplit = (pages: string[][]) =>
    pages.filter((p) => {
      const n = p.filter((l) => /Строка \d из 4/.test(l)).length;
      return n > 0 && n < 4;
    }).length;

  it('a short last row of a section is not split, in either PDF; followed by a paragraph it is, in both alike', () => {
    keptAndPlain('a short last row of a section', 'the same row followed by a paragraph', rowSplit);
  });

  it.each(PATCH_FIXED)('%s: pdfmake without the fixes (ANNEXES_PDFMAKE_FIXES=0) breaks elsewhere', (c) => {
    const { unfixed, lo } = pages.get(c)!;
    expect(unfixed).not.toEqual(lo);
  });
});
