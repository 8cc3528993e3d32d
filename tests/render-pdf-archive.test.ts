/**
 * Navigation and archiving of the PDFs, read with Poppler and qpdf:
 * - bookmarks: each annex PDF opens its title, then its sections; the whole application has the four annexes,
 *   each with its sections, each bookmark on the page where its heading is printed;
 * - PDF/A-2b: XMP metadata that says so and repeats the document information (user text escaped), an sRGB
 *   output intent, every font embedded, the document language, the title shown by viewers; qpdf finds the file
 *   sound.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Lang } from '../src/model/common.ts';
import {
  describeWithClients,
  type PdfBookmark,
  pdfBookmarks,
  pdfFonts,
  pdfInfo,
  pdfToText,
  qpdfCheck,
} from './helpers/clients.ts';
import { compact, labelText, renderSample } from './helpers/rendered.ts';

const LANGS: Lang[] = ['ru', 'kk'];
/** The sections of each annex, by the keys of their headings. */
const SECTIONS: Record<number, number> = { 2: 0, 3: 5, 4: 10, 5: 0 };
const sectionKeys = (n: number) => Array.from({ length: SECTIONS[n]! }, (_, i) => `annex${n}.section${i + 1}`);

let work: string;
const files = new Map<string, string>();

/** Whether the page a bookmark opens prints its title (whitespace aside). */
async function onItsPage(file: string, marks: PdfBookmark[]): Promise<string[]> {
  const pages = (await pdfToText(file)).map(compact);
  const wrong: string[] = [];
  const walk = (ms: PdfBookmark[]) => {
    for (const m of ms) {
      if (!pages[m.page - 1]?.includes(compact(m.title))) wrong.push(`${m.title} → page ${m.page}`);
      walk(m.children);
    }
  };
  walk(marks);
  return wrong;
}

describeWithClients('PDF bookmarks and PDF/A-2b', ['pdftotext', 'pdfinfo', 'pdffonts', 'qpdf'], () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'annexes-pdfa-'));
    // User text with XML's special characters goes into the metadata.
    const set = await renderSample({ formats: ['pdf'] }, (json) => {
      json.applicant.name = { ru: 'Ассоциация «A & B» <Мангистау>', kk: 'Қауымдастық «A & B» <Маңғыстау>' };
    });
    for (const [name, data] of set.files) {
      files.set(name, join(work, name));
      writeFileSync(join(work, name), data);
    }
  });
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  for (const lang of LANGS) {
    for (const n of [2, 3, 4, 5])
      it(`annex-${n}.${lang}.pdf: one bookmark for the annex, its sections under it, each on its page`, async () => {
        const file = files.get(`annex-${n}.${lang}.pdf`)!;
        const marks = await pdfBookmarks(file);
        expect(marks.map((m) => compact(m.title))).toEqual([compact(labelText(lang, `annex${n}.title`))]);
        expect(marks[0]!.page).toBe(1);
        expect(marks[0]!.children.map((m) => compact(m.title))).toEqual(
          sectionKeys(n).map((k) => compact(labelText(lang, k))),
        );
        expect(await onItsPage(file, marks)).toEqual([]);
      });

    it(`application.${lang}.pdf: the four annexes with their sections, each bookmark on its page`, async () => {
      const file = files.get(`application.${lang}.pdf`)!;
      const marks = await pdfBookmarks(file);
      expect(marks.map((m) => compact(m.title))).toEqual(
        [2, 3, 4, 5].map((n) => compact(labelText(lang, `annex${n}.title`))),
      );
      for (const [i, n] of [2, 3, 4, 5].entries())
        expect(marks[i]!.children.map((m) => compact(m.title))).toEqual(
          sectionKeys(n).map((k) => compact(labelText(lang, k))),
        );
      expect(await onItsPage(file, marks)).toEqual([]);
      // Annex by annex, in page order.
      const starts = marks.map((m) => m.page);
      expect([...starts].sort((a, b) => a - b)).toEqual(starts);
      expect(starts[0]).toBe(1);
    });
  }

  it('every PDF is PDF/A-2b: XMP metadata, output intent, embedded fonts, language, title shown', async () => {
    for (const [name, file] of files) {
      const lang: Lang = name.includes('.kk.') ? 'kk' : 'ru';
      await qpdfCheck(file);
      const info = await pdfInfo(file);
      expect(info, name).toMatch(/^Metadata Stream:\s+yes$/m);
      const xmp = await pdfInfo(file, true);
      expect(xmp, name).toContain('<pdfaid:part>2</pdfaid:part>');
      expect(xmp, name).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
      // The XMP repeats the document information, user text escaped.
      const title = /^Title:\s+(.*)$/m.exec(info)![1]!;
      const author = /^Author:\s+(.*)$/m.exec(info)![1]!;
      expect(author).toBe(lang === 'ru' ? 'Ассоциация «A & B» <Мангистау>' : 'Қауымдастық «A & B» <Маңғыстау>');
      const xmlEscaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      expect(xmp, name).toContain(`<rdf:li>${xmlEscaped(author)}</rdf:li>`);
      expect(xmp, name).toContain(`<rdf:li xml:lang="x-default">${xmlEscaped(title)}</rdf:li>`);
      expect(xmp, name).not.toContain(author);
      const fonts = await pdfFonts(file);
      expect(fonts.length).toBeGreaterThan(0);
      expect(fonts.filter((f) => !f.embedded || !f.toUnicode)).toEqual([]);

      const doc = await PDFDocument.load(await import('node:fs').then((fs) => fs.readFileSync(file)), {
        updateMetadata: false,
      });
      const intents = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
      const intent = intents.lookup(0, PDFDict);
      expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFA1'));
      expect(intent.get(PDFName.of('DestOutputProfile'))).toBeDefined();
      const prefs = doc.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict);
      expect(prefs.get(PDFName.of('DisplayDocTitle'))).toBe(PDFBool.True);
      expect(String(doc.catalog.lookup(PDFName.of('Lang'))?.toString())).toContain(lang === 'kk' ? 'kk-KZ' : 'ru-RU');
    }
    expect(files.size).toBe(10);
  });
});
