/**
 * The PDF breaks lines only between words: the words that end and start the lines of the PDF's extracted text
 * (pdftotext) are words of the same document's DOCX, where nothing is laid out (a line may also break after a
 * hyphen or a slash, as in Word).
 * On the sample and on a generated larger application, in both languages, for every PDF.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sampleJson, withEstimateLines, withTeam } from '../bench/generate.ts';
import { loadApplication } from '../src/pipeline/load.ts';
import { renderApplication } from '../src/pipeline/render-application.ts';
import { describeWithClients, pdfToText } from './helpers/clients.ts';
import { readDocx } from './helpers/read-docx.ts';
import type { Json } from './helpers/rendered.ts';

const CASES: { name: string; json: () => Json }[] = [
  { name: 'sample', json: sampleJson },
  { name: 'team of 12, estimate of 120 lines', json: () => withTeam(12, withEstimateLines(120)) },
];

const words = (text: string): string[] => text.split(/[\s\u00a0\u202f\u200b]+/).filter((w) => w !== '');

/**
 * Words at the ends and starts of the PDF's lines that are no word of the DOCX: a word cut in two by a line break
 * shows as two such pieces. (Inside a line, justified text may show a gap after a hyphen: pdfmake spreads the
 * line's spare room over its pieces. That is not a line break, and not looked at here.)
 */
function brokenWords(pdfPages: string[], docxText: string): string[] {
  const known = new Set(words(docxText));
  const hyphen = /[-‐–/]$/;
  const out: string[] = [];
  for (const page of pdfPages) {
    const lines = page.split('\n').map(words);
    /** Whether the k-th word of line i is whole, or the part of a word that a hyphen joins to its neighbour. */
    const whole = (i: number, k: number): boolean => {
      const word = lines[i]![k]!;
      // Page numbers and list markers are drawn by the writers, not typed.
      if (known.has(word) || /^(\d+\.?|•)$/.test(word)) return true;
      const after = k + 1 < lines[i]!.length ? lines[i]![k + 1] : lines[i + 1]?.[0];
      if (hyphen.test(word) && after !== undefined && known.has(word + after)) return true;
      const before = k > 0 ? lines[i]![k - 1] : lines[i - 1]?.at(-1);
      return before !== undefined && hyphen.test(before) && known.has(before + word);
    };
    lines.forEach((line, i) => {
      if (line.length === 0 || !lines[i + 1]?.length) return;
      if (whole(i, line.length - 1) && whole(i + 1, 0)) return;
      out.push(`«${line.at(-1)}» | «${lines[i + 1]![0]}» in «${line.join(' ')}»`);
    });
  }
  return out;
}

let work: string;

describeWithClients('The PDF breaks lines between words only', ['pdftotext'], () => {
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'annexes-words-'));
  });
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  for (const { name, json } of CASES)
    it(`${name}: every word of every PDF is whole (ru, kk)`, async () => {
      const { application } = loadApplication({ value: json() });
      const { files } = await renderApplication(application);
      const byName = new Map(files.map((f) => [f.name, f.data]));
      const broken: string[] = [];
      let checked = 0;
      for (const f of files.filter((f) => f.format === 'pdf')) {
        const path = join(work, f.name);
        writeFileSync(path, f.data);
        const docx = readDocx(byName.get(f.name.replace(/\.pdf$/, '.docx'))!);
        for (const b of brokenWords(await pdfToText(path), docx.text)) broken.push(`${f.name}: ${b}`);
        checked++;
      }
      expect(checked).toBe(10);
      expect(broken).toEqual([]);
    });

  it('the check sees a word cut in two, and lets a line break after a hyphen', () => {
    const text = 'самоуправления» (представительство ЕС в Казахстане), кофе-брейк';
    expect(brokenWords(['самоуправления» (представи\nтельство ЕС в Казахстане)'], text)).toHaveLength(1);
    expect(brokenWords(['самоуправления»\n(представительство ЕС в Казахстане)'], text)).toEqual([]);
    expect(brokenWords(['ЕС кофе-\nбрейк'], text)).toEqual([]);
  });
});
