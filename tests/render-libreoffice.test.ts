/**
 * LibreOffice opens every DOCX the tool writes (Russian and Kazakh, the four annexes and the whole application)
 * and converts it to PDF; what it prints is read back with Poppler. One soffice call converts all ten files.
 * Expected text comes from the sample JSON and the label catalogues, not from the code under test.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Lang } from '../src/model/common.ts';
import { convertWithLibreOffice, describeWithClients, type PageBox, pdfPages, pdfToText } from './helpers/clients.ts';
import { type AnnexNo, formSequence } from './helpers/form-order.ts';
import { readDocx } from './helpers/read-docx.ts';
import { compact, grouped, type Json, labelText, renderSample, textOf } from './helpers/rendered.ts';
import { loadSampleJson } from './helpers/sample.ts';

const json = loadSampleJson();
const LANGS: Lang[] = ['ru', 'kk'];
const ANNEXES: AnnexNo[] = [2, 3, 4, 5];
const DOCS = ['annex-2', 'annex-3', 'annex-4', 'annex-5', 'application'] as const;
type Doc = (typeof DOCS)[number];
const annexesOf = (doc: Doc): AnnexNo[] => (doc === 'application' ? ANNEXES : [Number(doc.slice(-1)) as AnnexNo]);

/** The Kazakh letters that Russian lacks. */
const KAZAKH = [...'әғқңөұүһіӘҒҚҢӨҰҮҺІ'];

/** The grand total of the estimate, summed here from the sample's lines in whole tiyn (integers, exact). */
function sampleTotal(): string {
  let tiyn = 0n;
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      if (Array.isArray(o.lines))
        for (const l of o.lines) {
          // quantity × price in tiyn; the sample's quantities are whole.
          expect(Number.isInteger(l.quantity)).toBe(true);
          tiyn += BigInt(l.quantity) * BigInt(Math.round(l.price * 100));
        }
      for (const [k, x] of Object.entries(o)) if (k !== 'lines') visit(x);
    }
  };
  visit(json.estimate);
  expect(tiyn % 100n).toBe(0n);
  return grouped(String(tiyn / 100n));
}

/** What must be printed in each annex: its fixed labels and values of the sample (all whitespace ignored). */
function expectedTexts(annex: AnnexNo, lang: Lang): string[] {
  // Labels of a table row that a page break may cut are left to the order tests of the tool's own PDF.
  const texts = formSequence(annex, json, lang)
    .filter((e) => !e.inRow)
    .map((e) => e.text);
  const a = json.applicant;
  if (annex === 2) texts.push(a.bin, textOf(a.name, lang), textOf(a.head.fullName, lang), a.email);
  if (annex === 3) for (const m of json.capacity.team) texts.push(textOf(m.fullName, lang));
  if (annex === 4) texts.push(textOf(json.project.basics.tasks[0], lang));
  if (annex === 5) texts.push(sampleTotal());
  return texts;
}

/** Letters (any script) of a text with their counts, in NFC. */
function letterCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of text.normalize('NFC')) if (/\p{L}/u.test(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  return counts;
}

/** pdftotext page texts without the page numbers that end each page. */
const withoutPageNumbers = (pages: string[]) => pages.map((p) => p.replace(/\n\s*\d+\s*$/, '\n'));

/**
 * Whether a text is printed: whole, or cut by a page break inside its table cell at a word boundary (LibreOffice
 * carries the rest of the cell over to the next page, after the repeated header and the other cells' first parts).
 */
function printedIn(pages: string[], text: string): boolean {
  if (compact(pages.join('\n')).includes(compact(text))) return true;
  const words = text.split(/\s+/);
  return pages.some((page, i) => {
    const next = pages[i + 1];
    if (next === undefined) return false;
    for (let k = 1; k < words.length; k++)
      if (
        compact(page).includes(compact(words.slice(0, k).join(''))) &&
        compact(next).includes(compact(words.slice(k).join('')))
      )
        return true;
    return false;
  });
}

let work: string;
const docxText = new Map<string, string>();
const oursPages = new Map<string, PageBox[]>();
const loText = new Map<string, string[]>();
const loPages = new Map<string, PageBox[]>();
let conversion: { stdout: string; stderr: string; ms: number };

describeWithClients(
  'LibreOffice opens and prints every DOCX',
  ['soffice', 'pdftotext', 'pdfinfo', 'serif-font'],
  () => {
    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'annexes-lo-'));
      const set = await renderSample();
      const docxFiles: string[] = [];
      for (const lang of LANGS)
        for (const doc of DOCS) {
          const name = `${doc}.${lang}`;
          const docx = set.files.get(`${name}.docx`)!;
          const pdf = set.files.get(`${name}.pdf`)!;
          writeFileSync(join(work, `${name}.docx`), docx);
          writeFileSync(join(work, `${name}.ours.pdf`), pdf);
          docxFiles.push(join(work, `${name}.docx`));
          docxText.set(name, readDocx(docx).text);
          oursPages.set(name, await pdfPages(join(work, `${name}.ours.pdf`)));
        }
      const t0 = performance.now();
      const { pdfs, stdout, stderr } = await convertWithLibreOffice(docxFiles, join(work, 'lo'), 540_000);
      conversion = { stdout, stderr, ms: performance.now() - t0 };
      for (const [i, pdf] of pdfs.entries()) {
        const name = `${DOCS[i % DOCS.length]}.${LANGS[Math.floor(i / DOCS.length)]}`;
        loText.set(name, withoutPageNumbers(await pdfToText(pdf)));
        loPages.set(name, await pdfPages(pdf));
      }
    }, 600_000);

    afterAll(() => {
      if (work) rmSync(work, { recursive: true, force: true });
    });

    it('converts all ten documents in one call without an error', () => {
      expect(loText.size).toBe(10);
      expect(conversion.stderr).not.toMatch(/error|could not be loaded|failed to load/i);
      expect(conversion.stdout.match(/convert .* -> /g)).toHaveLength(10);
      console.info(`LibreOffice converted 10 DOCX files in ${(conversion.ms / 1000).toFixed(1)} s`);
    });

    for (const lang of LANGS)
      for (const doc of DOCS) {
        const name = `${doc}.${lang}`;

        it(`${name}: prints the form's labels and the sample's values`, () => {
          const pages = loText.get(name)!;
          const expected = annexesOf(doc).flatMap((a) => expectedTexts(a, lang));
          expect(expected.length).toBeGreaterThan(5);
          const missing = expected.filter((t) => !printedIn(pages, t));
          expect(missing).toEqual([]);
          for (const a of annexesOf(doc))
            expect(compact(pages.join(''))).toContain(compact(labelText(lang, `annex${a}.title`)));
        });

        it(`${name}: loses no letter of the DOCX (Kazakh letters included)`, () => {
          const inDocx = letterCounts(docxText.get(name)!);
          const inPdf = letterCounts(loText.get(name)!.join('\n'));
          // Repeated table headers add letters on every page; nothing may be missing.
          const lost = [...inDocx]
            .filter(([c, n]) => (inPdf.get(c) ?? 0) < n)
            .map(([c, n]) => `${c} ${inPdf.get(c) ?? 0}/${n}`);
          expect(lost).toEqual([]);
          const kazakh = KAZAKH.filter((c) => inDocx.has(c));
          if (lang === 'kk') expect(kazakh.length).toBeGreaterThanOrEqual(5);
          for (const c of kazakh) expect(inPdf.get(c) ?? 0, c).toBeGreaterThan(0);
        });

        it(`${name}: A4 pages in the designed orientation, page count within one of ours`, () => {
          const pages = loPages.get(name)!;
          const ours = oursPages.get(name)!;
          expect(pages.every((p) => p.a4)).toBe(true);
          expect(Math.abs(pages.length - ours.length)).toBeLessThanOrEqual(1);
          if (doc === 'annex-5') expect(pages.every((p) => p.landscape)).toBe(true);
          else if (doc === 'application') {
            // Annex 5 comes last: the landscape pages are one run at the end, and it starts with the estimate.
            const first = pages.findIndex((p) => p.landscape);
            expect(first).toBeGreaterThan(0);
            expect(pages.slice(first).every((p) => p.landscape)).toBe(true);
            const estimatePages = loPages.get(`annex-5.${lang}`)!.length;
            expect(pages.length - first).toBe(estimatePages);
          } else expect(pages.some((p) => p.landscape)).toBe(false);
        });
      }

    it('the landscape part of the application starts with the estimate’s title', async () => {
      for (const lang of LANGS) {
        const file = join(work, 'lo', `application.${lang}.pdf`);
        const pages = await pdfPages(file);
        const texts = await pdfToText(file);
        const first = pages.findIndex((p) => p.landscape);
        expect(compact(texts[first]!)).toContain(compact(labelText(lang, 'annex5.title')));
        expect(compact(texts[first - 1]!)).not.toContain(compact(labelText(lang, 'annex5.title')));
      }
    });
  },
);
