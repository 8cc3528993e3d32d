import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputFolder, writeRenderedFiles } from '../src/output/write-set.ts';
import { runCli } from './helpers/cli.ts';
import { SAMPLE_PATH } from './helpers/sample.ts';

describe('output folders', () => {
  it('two inputs that map to one folder are refused before anything is written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'annexes-clash-'));
    copyFileSync(SAMPLE_PATH, join(dir, 'a b.json'));
    copyFileSync(SAMPLE_PATH, join(dir, 'a_b.json'));
    const r = runCli([
      'build',
      join(dir, 'a b.json'),
      join(dir, 'a_b.json'),
      '--out',
      join(dir, 'out'),
      '--format',
      'docx',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('попадут в одну папку');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('temporary files left by a killed build are removed by the next one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'annexes-stale-'));
    const folder = outputFolder(root, 'x.json');
    mkdirSync(folder, { recursive: true });
    // PID 2^22+1 is above Linux's pid_max default: no such process.
    const stale = join(folder, '.annex-2.ru.pdf.4194305.0123abcd.tmp');
    const foreign = join(folder, 'notes.tmp');
    writeFileSync(stale, '%PDF-half');
    writeFileSync(foreign, 'kept');
    await writeRenderedFiles(folder, [
      { name: 'annex-2.ru.pdf', lang: 'ru', format: 'pdf', annex: 2, data: Buffer.from('%PDF-1.7 …%%EOF'), ms: 1 },
    ]);
    expect(readdirSync(folder).sort()).toEqual(['annex-2.ru.pdf', 'notes.tmp']);
  });
});
