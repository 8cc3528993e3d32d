/**
 * The tool's own PDFs read by Poppler, the engine of most Linux PDF viewers: every font embedded as a subset with
 * a ToUnicode map (pdffonts), A4 pages in the designed orientation (pdfinfo), and the same text as pdfjs reads
 * (pdftotext): the same letters and digits on every page, and the key strings in both.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Lang } from '../src/model/common.ts';
import {
  describeWithClients,
  type PageBox,
  type PdfFontRow,
  pdfFonts,
  pdfPages,
  pdfToText,
} from './helpers/clients.ts';
import { type AnnexNo, formSequence } from './helpers/form-order.ts';
import { type PdfContent, readPdf } from './helpers/read-pdf.ts';
import { compact, labelText, readingText, renderSample, textOf } from './helpers/rendered.ts';
import { loadSampleJson } from './helpers/sample.ts';

const json = loadSampleJson();
const LANGS: Lang[] = ['ru', 'kk'];
const DOCS = ['annex-2', 'annex-3', 'annex-4', 'annex-5', 'application'] as const;
type Doc = (typeof DOCS)[number];
const annexesOf = (doc: Doc): AnnexNo[] => (doc === 'application' ? [2, 3, 4, 5] : [Number(doc.slice(-1)) as AnnexNo]);

/** Letters and digits of a text with their counts, in NFC: what must survive any text extraction. */
function charCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of text.normalize('NFC')) if (/[\p{L}\p{N}]/u.test(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  return counts;
}

function countDiff(a: Map<string, number>, b: Map<string, number>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k)).map((k) => `${k} ${a.get(k) ?? 0}/${b.get(k) ?? 0}`);
}

/** Key strings of a document: the labels of its forms (those a page break cannot cut) and the sample's values. */
function keyStrings(doc: Doc, lang: Lang): string[] {
  const out: string[] = [];
  for (const a of annexesOf(doc)) {
    out.push(
      ...formSequence(a, json, lang)
        .filter((e) => !e.inRow)
        .map((e) => e.text),
    );
    if (a === 2)
      out.push(json.applicant.bin, textOf(json.applicant.name, lang), textOf(json.applicant.head.fullName, lang));
    if (a === 3) out.push(...json.capacity.team.map((m: { fullName: unknown }) => textOf(m.fullName, lang)));
  }
  return out;
}

let work: string;
const pdfjs = new Map<string, PdfContent>();
const poppler = new Map<string, { pages: PageBox[]; fonts: PdfFontRow[]; text: string[] }>();

describeWithClients('Poppler reads the PDFs', ['pdftotext', 'pdffonts', 'pdfinfo'], () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'annexes-poppler-'));
    const set = await renderSample({ formats: ['pdf'] });
    for (const lang of LANGS)
      for (const doc of DOCS) {
        const name = `${doc}.${lang}`;
        const buf = set.files.get(`${name}.pdf`)!;
        const path = join(work, `${name}.pdf`);
        writeFileSync(path, buf);
        pdfjs.set(name, await readPdf(buf));
        const [pages, fonts, text] = await Promise.all([pdfPages(path), pdfFonts(path), pdfToText(path)]);
        poppler.set(name, { pages, fonts, text });
      }
  }, 300_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  for (const lang of LANGS)
    for (const doc of DOCS) {
      const name = `${doc}.${lang}`;

      it(`${name}: every font embedded, subset, with ToUnicode`, () => {
        const { fonts } = poppler.get(name)!;
        expect(fonts.length).toBeGreaterThanOrEqual(2);
        const bad = fonts.filter((f) => !(f.embedded && f.subset && f.toUnicode));
        expect(bad).toEqual([]);
        // A subset's name is tagged ABCDEF+; the fonts are the vendored Tinos faces.
        for (const f of fonts) expect(f.name).toMatch(/^[A-Z]{6}\+Tinos-(Regular|Bold|Italic|BoldItalic)$/);
      });

      it(`${name}: A4 pages, landscape exactly where the estimate is`, () => {
        const { pages } = poppler.get(name)!;
        expect(pages.length).toBe(pdfjs.get(name)!.pages.length);
        expect(pages.every((p) => p.a4)).toBe(true);
        if (doc === 'annex-5') expect(pages.every((p) => p.landscape)).toBe(true);
        else if (doc !== 'application') expect(pages.some((p) => p.landscape)).toBe(false);
        else {
          // The application is the four annexes one after another, each from a new page.
          const parts = (['annex-2', 'annex-3', 'annex-4', 'annex-5'] as const).map(
            (d) => poppler.get(`${d}.${lang}`)!.pages.length,
          );
          expect(pages.length).toBe(parts.reduce((a, b) => a + b, 0));
          const estimate = parts[3]!;
          const landscape = pages.flatMap((p, i) => (p.landscape ? [i] : []));
          expect(landscape).toEqual(Array.from({ length: estimate }, (_, i) => pages.length - estimate + i));
          // …and the first landscape page is the estimate's first page.
          const text = poppler.get(name)!.text;
          expect(compact(text[landscape[0]!]!)).toContain(compact(labelText(lang, 'annex5.title')));
          expect(compact(text[landscape[0]! - 1]!)).not.toContain(compact(labelText(lang, 'annex5.title')));
        }
      });

      it(`${name}: pdftotext reads the same letters and digits as pdfjs on every page`, () => {
        const ours = pdfjs.get(name)!;
        const { text } = poppler.get(name)!;
        expect(text.length).toBe(ours.pages.length);
        const differences = ours.pages
          .map((p, i) => ({ page: i + 1, diff: countDiff(charCounts(p.text), charCounts(text[i]!)) }))
          .filter((d) => d.diff.length > 0);
        expect(differences).toEqual([]);
        // Neither reader lost the text: the counts are of real text.
        expect(charCounts(text.join('')).size).toBeGreaterThan(20);
      });

      it(`${name}: the key strings are in both texts`, () => {
        const byPdfjs = compact(readingText(pdfjs.get(name)!));
        const byPoppler = compact(poppler.get(name)!.text.join('\n'));
        const keys = keyStrings(doc, lang);
        expect(keys.length).toBeGreaterThan(5);
        const missing = keys
          .map((k) => ({ k, pdfjs: byPdfjs.includes(compact(k)), poppler: byPoppler.includes(compact(k)) }))
          .filter((m) => !m.pdfjs || !m.poppler);
        expect(missing).toEqual([]);
      });
    }
});
