/**
 * `--labels FILE`: the user's wording of a fixed label replaces the catalogue's in the documents of that language
 * only; a key the catalogue does not have fails the build with a did-you-mean hint.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.ts';
import { normalizeSpaces as n, readPdf } from './helpers/read-pdf.ts';
import { compact, file, labelText, readingText, renderSample } from './helpers/rendered.ts';
import { SAMPLE_PATH } from './helpers/sample.ts';

const TITLE = 'Әлеуметтік жобаның шығыстар сметасы (ұйымның өз нұсқасы)';

const dir = mkdtempSync(join(tmpdir(), 'annexes-kk-labels-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
};

describe('a labels file replacing annex5.title in Kazakh', () => {
  it('changes the title of the Kazakh PDF (through the CLI)', async () => {
    const labels = write('title.json', `// our wording\n${JSON.stringify({ kk: { 'annex5.title': TITLE } })}`);
    const out = join(dir, 'out-title');
    const r = runCli([
      'build',
      SAMPLE_PATH,
      '--lang',
      'kk',
      '--annex',
      '5',
      '--format',
      'pdf',
      '--labels',
      labels,
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const pdf = await readPdf(readFileSync(join(out, 'gamo-2021', 'annex-5.kk.pdf')));
    const first = n(readingText(pdf, [0]));
    expect(first).toContain(TITLE);
    expect(compact(first)).not.toContain(compact(labelText('kk', 'annex5.title')));
    // The header around it is the catalogue's.
    expect(first.indexOf(labelText('kk', 'common.form'))).toBeLessThan(first.indexOf(TITLE));
    expect(pdf.info.Title).toBe(labelText('kk', 'common.documentSubject', { n: 5, title: TITLE }));
  });

  it('leaves the Russian documents alone', async () => {
    const r = await renderSample({ annexes: [5], formats: ['pdf'], labelOverrides: { kk: { 'annex5.title': TITLE } } });
    const ru = n(readingText(await readPdf(file(r, 'annex-5.ru.pdf')), [0]));
    const kk = n(readingText(await readPdf(file(r, 'annex-5.kk.pdf')), [0]));
    expect(ru).toContain(labelText('ru', 'annex5.title'));
    expect(ru).not.toContain(TITLE);
    expect(kk).toContain(TITLE);
  });
});

describe('a labels file with an unknown key', () => {
  it('fails with exit code 1 and suggests the key meant, writing nothing', () => {
    const labels = write('typo.json', { kk: { 'annex5.titel': TITLE } });
    const out = join(dir, 'out-typo');
    const r = runCli([
      'build',
      SAMPLE_PATH,
      '--lang',
      'kk',
      '--annex',
      '5',
      '--format',
      'pdf',
      '--labels',
      labels,
      '--out',
      out,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(labels);
    expect(r.stderr).toContain('annex5.titel');
    // «возможно, «annex5.title»?» / "did you mean "annex5.title"?"
    expect(r.stderr).toMatch(/annex5\.titel[\s\S]*annex5\.title\b/);
    expect(existsSync(join(out, 'gamo-2021'))).toBe(false);
  });

  it('suggests nothing for a key that resembles none', () => {
    const labels = write('far.json', { kk: { 'completely.unrelated.key': 'x' } });
    const r = runCli([
      'build',
      SAMPLE_PATH,
      '--lang',
      'kk',
      '--annex',
      '5',
      '--format',
      'pdf',
      '--labels',
      labels,
      '--out',
      join(dir, 'out-far'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('completely.unrelated.key');
    expect(r.stderr).not.toMatch(/annex\d\./);
  });
});
