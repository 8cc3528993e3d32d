/**
 * The calendar plan of Annex 4 for a project longer than a year (bench/generate.ts: the sample stretched to 18
 * months), as printed by both writers: our PDF, and LibreOffice's PDF of our DOCX, both read with Poppler's word
 * boxes (pdftotext -bbox).
 *
 * - every month header («Месяц 10», «10-ай») stands on one line: its words share one baseline, side by side;
 * - the year-2 grid stands off the year-1 grid: its title is at least GAP_PT below the lowest text above it on the
 *   page (the last row of the year-1 grid), or it starts a page;
 * - LibreOffice paginates the DOCX as we paginate the PDF: same page count, same first line on each page, and no
 *   page break either PDF must not have (tests/helpers/page-rules.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withDuration } from '../bench/generate.ts';
import type { Lang } from '../src/model/common.ts';
import { loadApplication } from '../src/pipeline/load.ts';
import { renderApplication } from '../src/pipeline/render-application.ts';
import { convertWithLibreOffice, describeWithClients, type PdfWord, pdfToText, pdfWords } from './helpers/clients.ts';
import { contentLines, pageBreakProblems } from './helpers/page-rules.ts';
import { compact, labelText } from './helpers/rendered.ts';

const LANGS: Lang[] = ['ru', 'kk'];
const MONTHS = 18;
/** Less than the 12 pt a heading stands off a table, more than the cell padding and line gap of adjoining rows. */
const GAP_PT = 10;

type Writer = 'ours' | 'LibreOffice';
const WRITERS: Writer[] = ['ours', 'LibreOffice'];

interface Printed {
  words: PdfWord[][];
  text: string[];
}

/** Where the words of `label` stand one after another on one baseline (the boxes of its first word). */
function onOneLine(page: PdfWord[], label: string): PdfWord[] {
  const parts = label.split(/[\s\u00a0]+/).filter((w) => w !== '');
  return page.filter((first, i) => {
    if (first.text !== parts[0]) return false;
    let at = first;
    for (const part of parts.slice(1)) {
      const next = page.find(
        (w, j) =>
          j !== i &&
          w.text === part &&
          Math.abs(w.yMin - at.yMin) < 1 &&
          w.xMin > at.xMax - 0.5 &&
          w.xMin < at.xMax + (at.yMax - at.yMin),
      );
      if (!next) return false;
      at = next;
    }
    return true;
  });
}

let work: string;
const printed = new Map<string, Printed>();
const key = (lang: Lang, writer: Writer) => `${lang}.${writer}`;

describeWithClients(
  `Annex 4: the calendar plan of a ${MONTHS}-month project in both writers`,
  ['soffice', 'pdftotext', 'serif-font'],
  () => {
    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'annexes-calendar-'));
      mkdirSync(join(work, 'lo'));
      const { application } = loadApplication({ value: withDuration(MONTHS) });
      expect(application.project.calendar.durationMonths).toBe(MONTHS);
      const { files } = await renderApplication(application, { annexes: [4], langs: LANGS });
      const docx: string[] = [];
      for (const f of files) {
        const path = join(work, f.name);
        writeFileSync(path, f.data);
        if (f.format === 'docx') docx.push(path);
      }
      expect(docx).toHaveLength(LANGS.length);
      const { pdfs } = await convertWithLibreOffice(docx, join(work, 'lo'));
      for (const [i, lo] of pdfs.entries()) {
        const lang = LANGS.find((l) => docx[i]!.endsWith(`.${l}.docx`))!;
        const ours = join(work, `annex-4.${lang}.pdf`);
        printed.set(key(lang, 'ours'), { words: await pdfWords(ours), text: await pdfToText(ours) });
        printed.set(key(lang, 'LibreOffice'), { words: await pdfWords(lo), text: await pdfToText(lo) });
      }
    }, 300_000);
    afterAll(() => {
      if (work) rmSync(work, { recursive: true, force: true });
    });

    for (const lang of LANGS)
      for (const writer of WRITERS) {
        it(`${lang}, ${writer}: each of the ${MONTHS} month headers is printed on one line`, () => {
          const { words } = printed.get(key(lang, writer))!;
          const wrapped = Array.from({ length: MONTHS }, (_, i) => labelText(lang, 'calendar.month', { n: i + 1 }))
            .map((label) => ({ label, found: words.flatMap((page) => onOneLine(page, label)).length }))
            .filter((h) => h.found !== 1);
          expect(wrapped).toEqual([]);
        });

        it(`${lang}, ${writer}: the year-2 grid stands at least ${GAP_PT} pt below the year-1 grid`, () => {
          const { words } = printed.get(key(lang, writer))!;
          const title = labelText(lang, 'calendar.year', { n: 2, from: 13, to: MONTHS });
          const found = words.flatMap((page, p) => onOneLine(page, title).map((w) => ({ p, top: w.yMin })));
          expect(found).toHaveLength(1);
          const { p, top } = found[0]!;
          // The year-1 grid ends on this page, above the title (else the title starts the page).
          const year1 = labelText(lang, 'calendar.year', { n: 1, from: 1, to: 12 });
          expect(onOneLine(words[p]!, year1).length + (words[p - 1] ? onOneLine(words[p - 1]!, year1).length : 0)).toBe(
            1,
          );
          const above = words[p]!.filter((w) => w.yMax <= top + 0.5 && w.yMin < top - 1).map((w) => w.yMax);
          if (above.length === 0) return;
          expect(top - Math.max(...above)).toBeGreaterThanOrEqual(GAP_PT);
        });
      }

    for (const lang of LANGS)
      it(`${lang}: LibreOffice's PDF of the DOCX has our pages, each starting with the same line, none badly broken`, () => {
        const firstLine = (page: string) => compact(contentLines(page)[0] ?? '');
        const ours = printed.get(key(lang, 'ours'))!.text;
        const lo = printed.get(key(lang, 'LibreOffice'))!.text;
        expect(lo.length).toBe(ours.length);
        expect(lo.map(firstLine)).toEqual(ours.map(firstLine));
        expect(pageBreakProblems(ours, lang)).toEqual([]);
        expect(pageBreakProblems(lo, lang)).toEqual([]);
      });
  },
);
