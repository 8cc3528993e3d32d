/**
 * Widow and orphan control, in both writers alike: a paragraph of the body split by a page break leaves at least
 * two of its lines at the foot of the page and two at the top of the next; a list item's marker goes with the
 * first line of its text. Table cells have none, in both (LibreOffice has none in rows split across pages).
 *
 * Each case is a document of sections that each put one paragraph at another place across a page's foot (a
 * page holds 52 filler lines): from wholly on the page to wholly on the next. Our PDF is read with pdftotext, and
 * so is LibreOffice's PDF of our DOCX of the same document, which must have the same pages.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseMarkup } from '../src/document/markup.ts';
import type { Document } from '../src/document/model.ts';
import { renderDocx } from '../src/render/docx/index.ts';
import { renderPdf } from '../src/render/pdf/index.ts';
import { describeWithClients, pdfDataToText } from './helpers/clients.ts';
import { filler, pagesOursAndLibreOffice } from './helpers/layout-cases.ts';
import { readDocx } from './helpers/read-docx.ts';
import { normalizeSpaces } from './helpers/read-pdf.ts';

/** Lines of the paragraph under test, each naming itself: «Абзац, строка 2 из 5». */
const numbered = (n: number) => Array.from({ length: n }, (_, i) => `Абзац, строка ${i + 1} из ${n}`).join('<br/>');
/** A paragraph of words that wraps by itself: «слово001 слово002 …», about 12 to a line. */
const wrapped = (words: number) =>
  Array.from({ length: words }, (_, i) => `слово${String(i + 1).padStart(3, '0')}`).join(' ');

const CASES = {
  'a paragraph of 2 lines': `<p>${numbered(2)}</p>`,
  'a paragraph of 3 lines': `<p>${numbered(3)}</p>`,
  'a paragraph of 4 lines': `<p>${numbered(4)}</p>`,
  'a paragraph of 6 lines': `<p>${numbered(6)}</p>`,
  'a wrapped paragraph': `<p>${wrapped(60)}</p>`,
  'a list item of 3 lines': `<ul><li>Пункт списка</li><li>${numbered(3)}</li></ul>`,
  'a table cell of 4 lines': `<table widths="1,5"><tr><td>1.</td><td>${numbered(4)}</td></tr></table>`,
};
type Case = keyof typeof CASES;

/** One section per place: the paragraph after 45 to 53 filler lines, then a little more text. */
const markup = (what: string) =>
  Array.from({ length: 9 }, (_, i) => `<section>${filler(45 + i)}${what}${filler(3)}</section>`).join('');
const doc = (c: Case): Document => ({
  meta: { title: 'Висячие строки', author: 'ГАМО', lang: 'ru' },
  sections: parseMarkup(markup(CASES[c])).sections,
});

/** Lines of the text under test on each page it is on (pages without it left out), whitespace normalized. */
function partsPerPage(pages: string[]): string[][] {
  return pages
    .map((page) =>
      page
        .split('\n')
        .filter((l) => /Абзац|слово\d/.test(l))
        .map(normalizeSpaces),
    )
    .filter((lines) => lines.length > 0);
}

/** Parts of the text under test that break the rules: one line alone at a page's foot or top. */
function loneLines(pages: string[]): string[] {
  return partsPerPage(pages)
    .filter((lines) => {
      // A paragraph of one part is whole: fine at any length.
      const first = lines.some((l) => /строка 1 из|слово001/.test(l));
      const last = lines.some((l) => /строка (\d+) из \1$|слово060/.test(l));
      return lines.length === 1 && !(first && last);
    })
    .map((lines) => lines[0]!);
}

/** Whether a list item's marker is on another page than the first line of its text. */
const markerLeft = (pages: string[]): boolean =>
  pages.some((page) => page.includes('строка 1 из 3') !== /•\s*Абзац, строка 1 из 3/.test(page));

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('renderPdf: widow and orphan control', () => {
  const render = async (c: Case): Promise<string[]> => pdfDataToText(await renderPdf(doc(c)));

  it.each(Object.keys(CASES).filter((c) => !c.includes('cell')) as Case[])(
    'leaves no line of %s alone at a page’s foot or top (and does without the rule)',
    async (c) => {
      const pages = await render(c);
      expect(loneLines(pages)).toEqual([]);
      if (c.includes('list')) expect(markerLeft(pages)).toBe(false);
      // The places tried leave lone lines where nothing moves them: ANNEXES_WIDOW_CONTROL=0.
      vi.stubEnv('ANNEXES_WIDOW_CONTROL', '0');
      expect(loneLines(await render(c))).not.toEqual([]);
    },
  );

  it('leaves lines of a table cell where they fall, as LibreOffice does', async () => {
    expect(loneLines(await render('a table cell of 4 lines'))).not.toEqual([]);
  });
});

describe('renderDocx: widow and orphan control', () => {
  /** The widow control of the document defaults and of each paragraph style that sets it (styleId → on). */
  async function widowControl(): Promise<{ defaults: boolean; styles: Record<string, boolean> }> {
    const styles = readDocx(await renderDocx(doc('a table cell of 4 lines'))).parts['word/styles.xml']!;
    const on = (xml: string) => /<w:widowControl\/>|<w:widowControl w:val="(true|1|on)"\/>/.test(xml);
    const defaults = styles.match(/<w:docDefaults>.*?<\/w:docDefaults>/s)![0];
    const set = [...styles.matchAll(/<w:style [^>]*w:styleId="([^"]+)".*?<\/w:style>/gs)].filter((m) =>
      m[0].includes('<w:widowControl'),
    );
    return { defaults: on(defaults), styles: Object.fromEntries(set.map((m) => [m[1]!, on(m[0])])) };
  }

  it('is on for the document and off in the table text styles (Word applies it in cells, LibreOffice not)', async () => {
    expect(await widowControl()).toEqual({ defaults: true, styles: { TableText: false } });
  });

  it('is off everywhere with ANNEXES_WIDOW_CONTROL=0', async () => {
    vi.stubEnv('ANNEXES_WIDOW_CONTROL', '0');
    expect((await widowControl()).defaults).toBe(false);
  });
});

describeWithClients('LibreOffice’s pages of our DOCX, with widow and orphan control', ['soffice', 'pdftotext'], () => {
  const pages = new Map<Case, { ours: string[]; lo: string[] }>();

  beforeAll(async () => {
    const cases = Object.keys(CASES) as Case[];
    const both = await pagesOursAndLibreOffice(cases.map(doc));
    for (const [i, c] of cases.entries()) pages.set(c, both[i]!);
  }, 300_000);

  const firstLines = (pages: string[]) => pages.map((p) => normalizeSpaces(p.split('\n')[0]!));

  it.each(Object.keys(CASES) as Case[])('%s: the same pages, each starting with the same line', (c) => {
    const { ours, lo } = pages.get(c)!;
    expect(lo.length).toBe(ours.length);
    expect(firstLines(lo)).toEqual(firstLines(ours));
    expect(partsPerPage(lo)).toEqual(partsPerPage(ours));
  });
});
