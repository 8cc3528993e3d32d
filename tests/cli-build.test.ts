/** `annexes build` as a user runs it: exit codes, what it prints and exactly which files it writes. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from './helpers/cli-spawn.ts';
import { loadSampleJson, SAMPLE_PATH } from './helpers/sample.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'annexes-cli-build-'));
});

const names = (langs: string[], bases: string[], formats: string[]) =>
  langs.flatMap((l) => bases.flatMap((b) => formats.map((f) => `${b}.${l}.${f}`))).sort();

/** A complete file of its kind: a PDF from its header to its end-of-file marker, a DOCX that unzips. */
function expectComplete(path: string): void {
  const data = readFileSync(path);
  expect(data.length, path).toBeGreaterThan(1000);
  if (path.endsWith('.pdf')) {
    expect(data.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(data.subarray(-32).toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
  } else {
    expect(Object.keys(unzipSync(data))).toContain('word/document.xml');
  }
}

function writeApp(name: string, mutate?: (app: ReturnType<typeof loadSampleJson>) => void): string {
  const app = structuredClone(loadSampleJson());
  mutate?.(app);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(app, null, 2));
  return file;
}

describe('annexes build, default options', () => {
  it('writes the 20 documents of the sample and reports them as JSON (--json)', async () => {
    const out = join(dir, 'all');
    const r = await runCliAsync(['build', SAMPLE_PATH, '--out', out, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      input: string;
      ok: boolean;
      files: { path: string; bytes: number }[];
      problems: { severity: string; path: (string | number)[]; line: number | null; message: string }[];
    }[];
    expect(report).toHaveLength(1);
    const [result] = report;
    expect(result!.ok).toBe(true);
    const expected = names(['ru', 'kk'], ['annex-2', 'annex-3', 'annex-4', 'annex-5', 'application'], ['docx', 'pdf']);
    expect(expected).toHaveLength(20);
    expect(readdirSync(join(out, 'gamo-2021')).sort()).toEqual(expected);
    expect(result!.files.map((f) => f.path.split('/').at(-1)).sort()).toEqual(expected);
    for (const f of result!.files) {
      expect(f.path.startsWith(join(out, 'gamo-2021'))).toBe(true);
      expect(statSync(f.path).size).toBe(f.bytes);
      expectComplete(f.path);
    }
    // The sample is valid; its paper estimate's totals differ from the lines: warnings with their line.
    expect(result!.problems.length).toBeGreaterThan(0);
    for (const p of result!.problems) {
      expect(p.severity).toBe('warning');
      expect(p.line).toBeGreaterThan(0);
    }
    expect(result!.problems.map((p) => p.path.join('.'))).toContain('estimate.declaredTotal');
  });
});

describe('annexes build, subsets and output', () => {
  it('--lang kk --format pdf --annex 2,5 writes exactly those PDFs and the combined one', async () => {
    const out = join(dir, 'subset');
    const r = await runCliAsync([
      'build',
      SAMPLE_PATH,
      '--out',
      out,
      '--lang',
      'kk',
      '--format',
      'pdf',
      '--annex',
      '2,5',
    ]);
    expect(r.code).toBe(0);
    const files = readdirSync(join(out, 'gamo-2021')).sort();
    expect(files).toEqual(['annex-2.kk.pdf', 'annex-5.kk.pdf', 'application.kk.pdf']);
    for (const f of files) {
      expectComplete(join(out, 'gamo-2021', f));
      // One line per file: path, size, time.
      expect(r.stdout).toMatch(new RegExp(`gamo-2021/${f.replace('.', '\\.')}  \\d+ КБ  \\d+ мс`));
    }
    expect(r.stdout).toMatch(/Готово: файлов 3 \(\d+ КБ\) за \d+,\d с/);
    // Warnings go to stderr, in Russian by default.
    expect(r.stderr).toMatch(/gamo-2021\.json:\d+:\d+ {2}estimate\.declaredTotal {2}предупреждение: /);
  });

  it('one annex in two languages writes no combined document', async () => {
    const out = join(dir, 'one-annex');
    const r = await runCliAsync([
      'build',
      SAMPLE_PATH,
      '--out',
      out,
      '--lang',
      'ru,kk',
      '--format',
      'docx',
      '--annex',
      '4',
    ]);
    expect(r.code).toBe(0);
    expect(readdirSync(join(out, 'gamo-2021')).sort()).toEqual(['annex-4.kk.docx', 'annex-4.ru.docx']);
  });

  it('--quiet prints only the problems', async () => {
    const out = join(dir, 'quiet');
    const r = await runCliAsync([
      'build',
      SAMPLE_PATH,
      '--out',
      out,
      '--quiet',
      '--annex',
      '2',
      '--lang',
      'ru',
      '--format',
      'docx',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/предупреждение/);
    expect(r.stderr).not.toMatch(/Готово|annex-2/);
    expect(readdirSync(join(out, 'gamo-2021'))).toEqual(['annex-2.ru.docx']);
  });

  it('several files at once: the valid ones are written, the invalid one writes nothing, exit 1', async () => {
    const a = writeApp('a.json');
    const b = writeApp('b.json');
    const c = writeApp('c.json', (app) => {
      app.applicant.bin = '123';
    });
    const out = join(dir, 'several');
    const args = (o: string) => ['build', a, c, b, '--out', o, '--annex', '2', '--lang', 'ru', '--format', 'docx'];
    const [ru, en] = await Promise.all([
      runCliAsync(args(out)),
      runCliAsync([...args(join(dir, 'several-en')), '--ui-lang', 'en']),
    ]);
    expect(ru.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['a', 'b']);
    expect(readdirSync(join(out, 'a'))).toEqual(['annex-2.ru.docx']);
    expect(readdirSync(join(out, 'b'))).toEqual(['annex-2.ru.docx']);
    expect(ru.stderr).toMatch(new RegExp(`${c}:\\d+:\\d+  applicant\\.bin  `));
    expect(ru.stderr).toContain(`${c}: документы не созданы, прежние файлы не тронуты`);
    expect(ru.stdout).toMatch(/Готово: файлов 2/);
    expect(en.code).toBe(1);
    expect(en.stderr).toContain(`${c}: no documents written, the previous files are untouched`);
    expect(en.stdout).toMatch(/Done: 2 file\(s\)/);
  });

  it('invalid data: exit 1, the problems with their lines, no folder created', async () => {
    const bad = writeApp('broken.json', (app) => {
      app.estimate.administrative.salaries.lines[0].price = -1;
      delete app.applicant.bin;
    });
    const out = join(dir, 'broken-out');
    const r = await runCliAsync(['build', bad, '--out', out, '--json']);
    expect(r.code).toBe(1);
    const [result] = JSON.parse(r.stdout);
    expect(result.ok).toBe(false);
    expect(result.files).toEqual([]);
    const errors = result.problems.filter((p: { severity: string }) => p.severity === 'error');
    expect(errors.map((p: { path: unknown[] }) => p.path.join('.'))).toEqual(
      expect.arrayContaining(['estimate.administrative.salaries.lines.0.price', 'applicant.bin']),
    );
    expect(existsSync(out)).toBe(false);
    // Without --json: the problems and the failure, no «done» summary.
    const plain = await runCliAsync(['build', bad, '--out', out]);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/applicant\.bin/);
    expect(plain.stdout).not.toMatch(/Готово/);
  });
});

describe('annexes build, wrong command lines (exit 2, nothing written)', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown language', ['--lang', 'en'], /параметр --lang: допустимы ru, kk, получено «en»/],
    ['an unknown format', ['--format', 'odt'], /параметр --format: допустимы docx, pdf, получено «odt»/],
    ['an annex that does not exist', ['--annex', '2,6'], /параметр --annex: допустимы 2, 3, 4, 5, получено «6»/],
    ['an unknown interface language', ['--ui-lang', 'fr'], /язык интерфейса: ru, kk или en/],
    ['an unknown option', ['--colour'], /ошибка: неизвестный параметр «--colour»/],
    ['a missing labels file', ['--labels', '/nonexistent/labels.json'], /файл не найден: \/nonexistent\/labels\.json/],
  ];
  it.each(cases)('%s', async (_name, extra, message) => {
    const out = join(dir, `usage-${extra.join('')}`.replace(/[^\w-]/g, '_'));
    const r = await runCliAsync(['build', SAMPLE_PATH, '--out', out, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('no file given', async () => {
    const r = await runCliAsync(['build']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ошибка: не указан обязательный аргумент «files»/);
  });

  it('an unknown command', async () => {
    const r = await runCliAsync(['buidl', SAMPLE_PATH]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ошибка: неизвестная команда «buidl»/);
  });
});
