/**
 * What a reader must never see at a page break, checked on the text of each page of a PDF (pdftotext, drawing
 * order), whoever made it — the tool or LibreOffice from the tool's DOCX:
 *
 *   pageBreakProblems(pages, 'ru')   // [] when every page is fine; else one line per problem, naming the page
 *
 * - a page that ends with a section heading, an instruction under a heading or a calendar year's title (they
 *   keep with what follows them), or with a table's header row (the header goes with the first body row), unless
 *   it is the last page of a document or of an annex;
 * - the estimate's footnote not whole on one page, or on another page than the total row;
 * - a page with fewer than three lines of text (page number aside).
 *
 * The texts come from the label catalogues, not from the code under test.
 */
import type { Lang } from '../../src/model/common.ts';
import { catalogue, compact, labelText } from './rendered.ts';

/** A page's lines without the page number the footer prints. */
export function contentLines(page: string): string[] {
  const lines = page.split('\n').filter((l) => l.trim() !== '');
  for (let i = lines.length - 1; i >= 0; i--)
    if (/^\s*\d+\s*$/.test(lines[i]!)) {
      lines.splice(i, 1);
      break;
    }
  return lines;
}

/** The printed page number of a page (the footer's number), if any. */
export function pageNumber(page: string): number | undefined {
  const line = page
    .split('\n')
    .filter((l) => /^\s*\d+\s*$/.test(l))
    .at(-1);
  return line === undefined ? undefined : Number(line.trim());
}

/** Headings and the texts kept with them: section headings, instructions, calendar year titles. */
function keptTexts(lang: Lang): string[] {
  const labels = catalogue(lang);
  const keys = Object.keys(labels).filter((k) => /^annex[2-5]\.section\d+(\.instruction)?$/.test(k));
  const years = [1, 2, 3].flatMap((n) =>
    [
      [1, 12],
      [13, 24],
      [13, 18],
      [25, 36],
    ].map(([from, to]) => labelText(lang, 'calendar.year', { n, from: from!, to: to! })),
  );
  return [...keys.map((k) => labels[k]!.text), ...years];
}

/** Last cells of the tables' header rows (a page ending with one ends with a header). */
function headerEnds(lang: Lang): string[] {
  const keys = [
    'annex3.experience.col.results',
    'annex3.team.col.duties',
    'annex4.targetGroups.col.benefit',
    'annex4.risks.col.mitigation',
    'annex4.media.col.frequency',
    'annex5.col.grant',
  ];
  return keys.filter((k) => k in catalogue(lang)).map((k) => labelText(lang, k));
}

export function pageBreakProblems(pages: string[], lang: Lang): string[] {
  const problems: string[] = [];
  const kept = keptTexts(lang).map(compact);
  const headers = headerEnds(lang).map(compact);
  const footnote = compact(labelText(lang, 'annex5.footnote'));
  const total = compact(labelText(lang, 'annex5.total'));
  pages.forEach((page, i) => {
    const lines = contentLines(page);
    const text = compact(lines.join(''));
    const at = `page ${i + 1}`;
    if (lines.length < 3) problems.push(`${at}: ${lines.length} line(s) of text: ${lines.join(' / ')}`);
    // The last page of a document, or of an annex in the whole application (the next page is numbered 1 again).
    const last = i === pages.length - 1 || pageNumber(pages[i + 1]!) === 1;
    if (!last) {
      for (const k of kept) if (text.endsWith(k)) problems.push(`${at} ends with «${k.slice(0, 60)}»`);
      for (const h of headers) if (text.endsWith(h)) problems.push(`${at} ends with the table header «${h}»`);
    }
    // The footnote's first words on a page: it starts there, and must end there, after the total row.
    if (text.includes(footnote.slice(0, 30))) {
      if (!text.includes(footnote)) problems.push(`${at}: the estimate's footnote is cut`);
      else if (!text.slice(0, text.indexOf(footnote)).includes(total))
        problems.push(`${at}: the estimate's footnote is not under the total row`);
    }
  });
  return problems;
}
