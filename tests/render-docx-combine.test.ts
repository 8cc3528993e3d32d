/**
 * The combined application DOCX joined from the annexes' DOCX files (src/render/docx/combine.ts) against the plain
 * way (ANNEXES_SPEEDUPS=0: written by docx from the combined document model): the same file, byte for byte, for the
 * sample in both languages and for larger applications (long estimate tables written in runs, a large team, an
 * 18-month project whose Annex 4 has sections of its own in both orientations), with
 * the annexes written once; and the same pages and text in LibreOffice.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Packer } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { withDuration, withEstimateLines, withTeam } from '../bench/generate.ts';
import { loadApplication } from '../src/pipeline/load.ts';
import { renderApplication } from '../src/pipeline/render-application.ts';
import { combineDocx } from '../src/render/docx/combine.ts';
import { convertWithLibreOffice, describeWithClients, pdfPages, pdfToText } from './helpers/clients.ts';
import { readDocx } from './helpers/read-docx.ts';
import { SAMPLE_PATH } from './helpers/sample.ts';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** Every file dated, so that equal documents are equal bytes. */
const DATE = new Date(1_700_000_000_000);

/** The DOCX files of an application, in this thread, with the speed-ups on or off; and docx's documents written. */
async function docxFiles(source: Parameters<typeof loadApplication>[0], speedups: boolean) {
  vi.stubEnv('ANNEXES_SPEEDUPS', speedups ? '' : '0');
  const toBuffer = vi.spyOn(Packer, 'toBuffer');
  try {
    const { files } = await renderApplication(loadApplication(source), { formats: ['docx'], workers: 0, date: DATE });
    return { files: new Map(files.map((f) => [f.name, f.data])), written: toBuffer.mock.calls.length };
  } finally {
    toBuffer.mockRestore();
    vi.unstubAllEnvs();
  }
}

const CASES: [string, Parameters<typeof loadApplication>[0]][] = [
  ['the sample', SAMPLE_PATH],
  ['an estimate of 600 lines (tables in runs)', { value: withEstimateLines(600) }],
  ['a team of 25', { value: withTeam(25) }],
  ['a project of 18 months', { value: withDuration(18) }],
];

describe('the combined DOCX joined from the annexes', () => {
  for (const [name, source] of CASES) {
    it(`is the file docx writes for the whole document: ${name}`, async () => {
      const joined = await docxFiles(source, true);
      const plain = await docxFiles(source, false);
      expect([...joined.files.keys()]).toEqual([...plain.files.keys()]);
      for (const lang of ['ru', 'kk']) {
        const file = `application.${lang}.docx`;
        const a = joined.files.get(file) as Buffer;
        const b = plain.files.get(file) as Buffer;
        expect(a.equals(b), `${file}: bytes`).toBe(true);
        // Not an empty match: the whole application is in it, each annex in a section of its own.
        const read = readDocx(a);
        expect(read.sections.length).toBeGreaterThanOrEqual(4);
        for (const n of [2, 3, 4, 5]) {
          const annex = readDocx(joined.files.get(`annex-${n}.${lang}.docx`) as Buffer);
          const at = read.paragraphs.indexOf(annex.paragraphs[0] as string);
          expect(at, `annex ${n} in ${file}`).toBeGreaterThanOrEqual(0);
        }
      }
      // The plain way has docx write the four annexes and the whole, in both languages.
      expect(plain.written).toBe(10);
      // Joined, the whole costs docx nothing more (long tables add the documents of their runs).
      if (!name.includes('runs')) expect(joined.written).toBe(8);
      else expect(joined.written).toBeGreaterThan(8);
    }, 300_000);
  }

  it('numbers the lists, footers and styles of every annex in the whole', async () => {
    const { files } = await docxFiles(SAMPLE_PATH, true);
    const parts = [2, 3, 4, 5].map((n) => unzipSync(files.get(`annex-${n}.ru.docx`) as Buffer));
    const whole = unzipSync(files.get('application.ru.docx') as Buffer);
    const count = (xml: string, pattern: RegExp) => xml.match(pattern)?.length ?? 0;
    const text = (entries: Record<string, Uint8Array>, path: string) => strFromU8(entries[path] as Uint8Array);
    // Every list instance of every part, once, under numbers of its own (1 is docx's default bullets).
    const lists = parts.reduce((n, p) => n + count(text(p, 'word/numbering.xml'), /<w:num w:numId="(?!1")/g), 0);
    expect(lists).toBeGreaterThan(10);
    const numIds = [...text(whole, 'word/numbering.xml').matchAll(/<w:num w:numId="(\d+)"/g)].map((m) => Number(m[1]));
    expect(numIds).toEqual(Array.from({ length: lists + 1 }, (_, i) => i + 1));
    // A footer per section, each referenced once.
    const footers = Object.keys(whole).filter((p) => /^word\/footer\d+\.xml$/.test(p));
    expect(footers).toHaveLength(4);
    const refs = [...text(whole, 'word/document.xml').matchAll(/<w:footerReference [^>]*r:id="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(new Set(refs).size).toBe(4);
    // The union of the parts' styles.
    const styleIds = (xml: string) => new Set([...xml.matchAll(/<w:style [^>]*w:styleId="([^"]+)"/g)].map((m) => m[1]));
    const all = styleIds(text(whole, 'word/styles.xml'));
    for (const p of parts) for (const id of styleIds(text(p, 'word/styles.xml'))) expect(all.has(id), id).toBe(true);
  }, 120_000);

  it('refuses parts that are not DOCX documents of the writer', () => {
    expect(() => combineDocx([], { title: 't', author: 'a', lang: 'ru' })).toThrow(/nothing to combine/);
  });

  describeWithClients('in LibreOffice', ['soffice', 'pdftotext', 'pdfinfo'], () => {
    const dir = mkdtempSync(join(tmpdir(), 'annexes-docx-combine-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('opens with the pages and text of the annexes one after the other', async () => {
      const { files } = await docxFiles(SAMPLE_PATH, true);
      const names = ['annex-2', 'annex-3', 'annex-4', 'annex-5', 'application'];
      for (const n of names) writeFileSync(join(dir, `${n}.kk.docx`), files.get(`${n}.kk.docx`) as Buffer);
      const { pdfs } = await convertWithLibreOffice(
        names.map((n) => join(dir, `${n}.kk.docx`)),
        dir,
      );
      const texts = await Promise.all(pdfs.map((p) => pdfToText(p)));
      const whole = texts.pop() as string[];
      expect(whole).toEqual(texts.flat());
      const pages = await Promise.all(pdfs.map((p) => pdfPages(p)));
      const wholePages = pages.pop();
      expect(wholePages).toEqual(pages.flat());
      // Landscape pages of Annex 5 among portrait ones: each part keeps its page setup.
      expect(new Set(wholePages?.map((p) => p.width > p.height))).toEqual(new Set([true, false]));
    }, 300_000);
  });
});
