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

  it.each(PATCH_FIXED)('%s: pdfmake without the fixes (ANNEXES_PDFMAKE_FIXES=0) breaks elsewhere', (c) => {
    const { unfixed, lo } = pages.get(c)!;
    expect(unfixed).not.toEqual(lo);
  });
});
