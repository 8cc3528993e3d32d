/**
 * A 100 000-character word in a printed text of the DOCX: the writer gives it invisible break opportunities
 * (zero-width spaces), as the PDF writer does, and leaves every ordinary word as typed. LibreOffice converts the
 * document, and what it prints (read back with Poppler) holds the whole word, in order, wrapped over many lines
 * that end where the DOCX allows a break — not one line cut off at the cell's edge, nor cut at any letter.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadApplication } from '../src/pipeline/load.ts';
import { renderApplication } from '../src/pipeline/render-application.ts';
import { convertWithLibreOffice, describeWithClients, pdfPages, pdfToText } from './helpers/clients.ts';
import { type DocxContent, readDocx } from './helpers/read-docx.ts';
import { loadSampleJson } from './helpers/sample.ts';

const LENGTH = 100_000;
const WORD = 'ж'.repeat(LENGTH);
const ZWSP = '\u200b';

const sample = loadSampleJson();
/** Ordinary texts of the sample printed in annex 4, as typed. */
const ORDINARY: string[] = sample.project.basics.tasks.map((t: { ru: string }) => t.ru);

let work: string;
let docx: DocxContent;
/** The DOCX paragraph holding the word. */
let word: string;
let pdf: string;

describeWithClients('DOCX: a 100 000-character word wraps in LibreOffice', ['soffice', 'pdftotext', 'pdfinfo'], () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'annexes-docx-long-word-'));
    const json = loadSampleJson();
    json.project.basics.goal = { ru: WORD, kk: WORD };
    const { application } = loadApplication({ value: json });
    const { files } = await renderApplication(application, { annexes: [4], langs: ['ru'], formats: ['docx'] });
    expect(files.map((f) => f.name)).toEqual(['annex-4.ru.docx']);
    const file = join(work, 'annex-4.ru.docx');
    writeFileSync(file, files[0]!.data);
    docx = readDocx(files[0]!.data);
    const holding = docx.paragraphs.filter((p) => p.includes('жжжжжжжжжж'));
    expect(holding).toHaveLength(1);
    word = holding[0]!;
    // One soffice call; a conversion that does not finish in three minutes fails the test.
    [pdf] = (await convertWithLibreOffice([file], join(work, 'pdf'), 180_000)).pdfs as [string];
  }, 300_000);
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('the DOCX holds the word whole, in short pieces, and every other text as typed', () => {
    expect(word.replaceAll(ZWSP, '')).toBe(WORD);
    const pieces = word.split(ZWSP);
    // Break opportunities all along the word, no stretch without one longer than a line of the narrowest cell.
    expect(pieces.length).toBeGreaterThan(LENGTH / 100);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(60);
    // Nothing else gets a zero-width space: the sample's texts are in the document exactly as typed.
    expect(docx.paragraphs.filter((p) => p !== word && p.includes(ZWSP))).toEqual([]);
    for (const text of ORDINARY) expect(docx.paragraphs).toContain(text);
  });

  it('LibreOffice prints the whole word over many lines, each ending at a break opportunity', async () => {
    const pages = await pdfToText(pdf);
    expect((await pdfPages(pdf)).length).toBe(pages.length);
    // The lines that are nothing but the word's letter (the sample has none), in order.
    const lines = pages
      .join('\n')
      .replaceAll(ZWSP, '')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /^ж+$/.test(l));
    expect(lines.join('')).toBe(WORD);
    // Wrapped, not one line running off the page: many lines, none longer than the longest piece of the DOCX.
    expect(lines.length).toBeGreaterThan(LENGTH / 60);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(60);
    // A page holds at most some 70 lines of the form's text: the page count follows the number of lines.
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(lines.length / 70));
    expect(pages.length).toBeLessThan(lines.length / 20 + 10);
    // Each line ends where the DOCX has a zero-width space (or at the word's end), never inside a piece.
    const offsets = (parts: string[]): number[] => {
      let at = 0;
      return parts.map((part) => {
        at += part.length;
        return at;
      });
    };
    const breaks = new Set(offsets(word.split(ZWSP)));
    const ends = offsets(lines);
    expect(ends.filter((e) => !breaks.has(e))).toEqual([]);
  });
});
