/**
 * The speed-ups patched into pdfmake and pdfkit at install (patches/) must not change what a reader sees: the
 * sample and the scale cases, rendered by the real command in child processes with the speed-ups on and with
 * ANNEXES_SPEEDUPS=0, give PDFs with the same pages, the same text and every piece of text at the same place in
 * the same font and size (read back with pdf.js), and the same DOCX files.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { withEstimateLines, withTeam } from '../bench/generate.ts';
import { runCliAsync } from './helpers/cli-spawn.ts';
import { readPdf } from './helpers/read-pdf.ts';
import { loadSampleJson, SAMPLE_PATH } from './helpers/sample.ts';

const work = mkdtempSync(join(tmpdir(), 'annexes-speedups-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Builds `input` with the given switch into a folder of its own; the files by name, and the time taken. */
async function build(input: string, args: string[], speedups: boolean) {
  const out = join(work, `${input.replace(/\W/g, '_')}-${speedups ? 'on' : 'off'}`);
  const t0 = performance.now();
  const r = await runCliAsync(['build', input, '--out', out, '--quiet', ...args], {
    // The layout facts the speed-ups keep go to a cache folder of this test's own.
    env: {
      SOURCE_DATE_EPOCH: '1700000000',
      ANNEXES_SPEEDUPS: speedups ? '' : '0',
      XDG_CACHE_HOME: join(work, 'cache'),
    },
  });
  const ms = performance.now() - t0;
  // Warnings of the data (the sample's own estimate) go to stderr; the run must succeed.
  expect(r.code, r.stderr).toBe(0);
  const [dir] = readdirSync(out);
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(join(out, dir as string)).sort())
    files.set(name, readFileSync(join(out, dir as string, name)));
  return { files, ms };
}

/** What a reader of the PDF sees: pages, their text, and each piece of text with its font, size and place. */
async function seen(pdf: Buffer) {
  const { pages } = await readPdf(pdf);
  return pages.map((p) => ({
    size: [p.width, p.height],
    text: p.text,
    pieces: p.pieces.map((x) => [x.text, x.font, x.size, x.x, x.y]),
  }));
}

async function expectSameWithAndWithout(input: string, args: string[], minPages: number) {
  const on = await build(input, args, true);
  const off = await build(input, args, false);
  console.info(`${input}: ${Math.round(on.ms)} ms with the speed-ups, ${Math.round(off.ms)} ms without`);
  expect([...on.files.keys()]).toEqual([...off.files.keys()]);
  let pages = 0;
  for (const [name, data] of on.files) {
    const other = off.files.get(name) as Buffer;
    if (name.endsWith('.pdf')) {
      const a = await seen(data);
      const b = await seen(other);
      expect(a.length, `${name}: pages`).toBe(b.length);
      expect(
        a.map((p) => p.text),
        `${name}: text`,
      ).toEqual(b.map((p) => p.text));
      expect(a, `${name}: glyph positions`).toEqual(b);
      pages += a.length;
    }
    // Nothing else differs either, down to the bytes.
    expect(data.equals(other), `${name}: bytes`).toBe(true);
  }
  expect(pages).toBeGreaterThanOrEqual(minPages);
}

describe('the speed-ups patched into pdfmake and pdfkit', () => {
  it('are installed (npm ci applies patches/)', () => {
    const require = createRequire(import.meta.url);
    const pdfkit = readFileSync(require.resolve('pdfkit'), 'utf8');
    const pdfmakeDir = join(require.resolve('pdfmake/package.json'), '..');
    expect(pdfkit).toContain("process.env.ANNEXES_SPEEDUPS !== '0'");
    for (const file of ['js/StyleContextStack.js', 'js/TextInlines.js', 'js/DocMeasure.js', 'js/LayoutBuilder.js'])
      expect(readFileSync(join(pdfmakeDir, file), 'utf8')).toContain("process.env.ANNEXES_SPEEDUPS !== '0'");
  });

  it('leave the sample’s documents as they are (both languages, every file)', async () => {
    await expectSameWithAndWithout(SAMPLE_PATH, [], 40);
  }, 600_000);

  it('leave an estimate of 2 000 lines as it is', async () => {
    const input = join(work, 'estimate-2000.json');
    writeFileSync(input, JSON.stringify(withEstimateLines(2000)));
    await expectSameWithAndWithout(input, ['--lang', 'ru', '--annex', '5', '--format', 'pdf'], 50);
  }, 600_000);

  // Annex 3 of the sample is laid out three times (headings moved to their tables), each pass reusing the texts
  // measured in the first: a word wider than its cell, which the layout splits, must come out whole in each pass.
  it('leave a word split across lines of a cell, in an annex laid out more than once, as it is', async () => {
    const app = loadSampleJson();
    app.capacity.team[0].fullName = 'Ахметова Жибекаманбаевнаахметоваоченьдлинноеимя Аманбаевна';
    const input = join(work, 'long-name.json');
    writeFileSync(input, JSON.stringify(app));
    await expectSameWithAndWithout(input, ['--lang', 'ru', '--annex', '3', '--format', 'pdf'], 5);
  }, 600_000);

  it('leave a team of 50 members as it is', async () => {
    const input = join(work, 'team-50.json');
    writeFileSync(input, JSON.stringify(withTeam(50)));
    await expectSameWithAndWithout(input, ['--lang', 'ru', '--annex', '3', '--format', 'pdf'], 10);
  }, 600_000);
});
