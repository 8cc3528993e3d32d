/**
 * `annexes watch` when the ground moves under it: the watched file's whole folder is deleted (the watch on it
 * dies with it), then made again. The watcher says so, keeps running, and builds the file when it is back; a
 * long unbroken word saved under watch is built like any other text; a rendering thread that runs out of memory
 * (ANNEXES_THREAD_MEMORY_MB) is reported, the previous documents stay, and the next save is built on a new thread.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, withEstimateLines } from '../bench/generate.ts';
import { type CliProcess, runCliAsync, startCli } from './helpers/cli-spawn.ts';
import { readDocx } from './helpers/read-docx.ts';
import { readPdf } from './helpers/read-pdf.ts';
import { loadSampleJson } from './helpers/sample.ts';

let dir: string;
let watcher: CliProcess | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'annexes-hostile-watch-'));
});
afterAll(() => {
  if (watcher && watcher.child.exitCode === null) watcher.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const builds = (w: CliProcess) => w.stdout.match(/документы обновлены/g)?.length ?? 0;

function appWith(name: string): string {
  const app = loadSampleJson();
  app.applicant.name = { ru: name, kk: name };
  return JSON.stringify(app, null, 2);
}

describe('watch when the watched folder is deleted', () => {
  it('reports it, keeps running, and builds the file again when it is back', async () => {
    const folder = join(dir, 'project');
    mkdirSync(folder);
    const file = join(folder, 'app.json');
    writeFileSync(file, appWith('Первое название'));
    const out = join(dir, 'out');
    watcher = startCli(['watch', file, '--annex', '2', '--lang', 'ru', '--format', 'pdf', '--out', out]);
    const w = watcher;
    await w.waitFor(() => builds(w) === 1);

    rmSync(folder, { recursive: true });
    await w.waitFor(
      ({ stderr }) => stderr.includes('удалён (или удалена его папка): жду, когда он появится снова'),
      10_000,
    );
    // Still running a while later: it did not end silently.
    await new Promise((r) => setTimeout(r, 1500));
    expect(w.child.exitCode).toBeNull();
    expect(w.child.signalCode).toBeNull();

    mkdirSync(folder);
    writeFileSync(file, appWith('Второе название'));
    await w.waitFor(({ stderr }) => stderr.includes('снова на месте: слежу дальше'), 10_000);
    await w.waitFor(() => builds(w) === 2, 60_000);
    const pdf = await readPdf(readFileSync(join(out, 'app', 'annex-2.ru.pdf')));
    expect(pdf.pages.map((p) => p.text).join('\n')).toContain('Второе название');

    w.child.kill('SIGINT');
    const { code } = await w.exited;
    expect(code).toBe(0);
    expect(w.stderr).not.toMatch(/внутренняя ошибка|\n\s+at /);
  }, 120_000);
});

describe('watch and a long unbroken word', () => {
  it('a save with a 25 000-character word rebuilds in seconds, and watching goes on', async () => {
    const folder = join(dir, 'long');
    mkdirSync(folder);
    const file = join(folder, 'app.json');
    writeFileSync(file, appWith('Название'));
    const out = join(dir, 'out-long');
    const w = startCli(['watch', file, '--annex', '4', '--lang', 'ru', '--format', 'pdf', '--out', out]);
    watcher = w;
    await w.waitFor(() => builds(w) === 1);
    const app = JSON.parse(appWith('Название'));
    app.project.basics.goal = 'ё'.repeat(25_000);
    const t0 = performance.now();
    writeFileSync(file, JSON.stringify(app, null, 2));
    await w.waitFor(() => builds(w) === 2, 60_000);
    expect(performance.now() - t0).toBeLessThan(45_000);
    writeFileSync(file, appWith('Ещё одно сохранение'));
    await w.waitFor(() => builds(w) === 3, 60_000);
    w.child.kill('SIGINT');
    expect((await w.exited).code).toBe(0);
  }, 150_000);
});

/**
 * The rendering threads get a heap of 40 MB: enough for an estimate of 20 lines, far too little for one of
 * 5 000. Two threads, so the documents (DOCX and PDF of annex 5, Russian and Kazakh) are made on them on any
 * machine; the two PDFs, the largest jobs, go first and fail within a second.
 */
const THREADS = { ANNEXES_WORKERS: '2', ANNEXES_THREAD_MEMORY_MB: '40' };

/** An application with an estimate of `lines` lines, the first one named `name`. */
function estimateOf(lines: number, name: string): string {
  const app = withEstimateLines(lines);
  const first = app.estimate.direct.activities
    .flatMap((a: Json) => [a.handouts, a.services?.individuals, a.services?.legalEntities])
    .find((g: Json | undefined) => g?.lines?.length > 0).lines[0];
  first.name = { ru: name, kk: name };
  return JSON.stringify(app, null, 2);
}

const oom =
  /вёрстке документов не хватило памяти: поток вёрстки остановлен на пределе 40 МБ \(ANNEXES_THREAD_MEMORY_MB\)\. Документы не созданы, прежние файлы не тронуты/;

describe('watch when a rendering thread runs out of memory', () => {
  it('says so, keeps the previous documents, and builds the next save on a new thread', async () => {
    const folder = join(dir, 'memory');
    mkdirSync(folder);
    const file = join(folder, 'app.json');
    writeFileSync(file, estimateOf(20, 'Картриджи'));
    const out = join(dir, 'out-memory');
    const docs = join(out, 'app');
    const w = startCli(['watch', file, '--annex', '5', '--lang', 'ru,kk', '--out', out], { env: THREADS });
    watcher = w;
    await w.waitFor(() => builds(w) === 1);
    const names = ['annex-5.kk.docx', 'annex-5.kk.pdf', 'annex-5.ru.docx', 'annex-5.ru.pdf'];
    expect(readdirSync(docs).sort()).toEqual(names);
    const before = names.map((n) => readFileSync(join(docs, n)));
    expect(readDocx(before[2]!).text).toContain('Картриджи');

    // 5 000 lines: the thread laying them out reaches its limit and is stopped.
    writeFileSync(file, estimateOf(5000, 'Скоросшиватели'));
    await w.waitFor(({ stderr }) => oom.test(stderr) && /слежу дальше/.test(stderr), 120_000);
    expect(w.stderr).toMatch(/^\d\d:\d\d:\d\d {2}слежу дальше: документы обновятся после следующего сохранения$/m);
    expect(w.child.exitCode).toBeNull();
    expect(builds(w)).toBe(1);
    // The previous documents, byte for byte, and nothing else in the folder.
    expect(readdirSync(docs).sort()).toEqual(names);
    expect(names.filter((n, i) => !readFileSync(join(docs, n)).equals(before[i]!))).toEqual([]);

    // The next save is built: the pool has a new thread in place of the one that died.
    writeFileSync(file, estimateOf(20, 'Степлеры'));
    await w.waitFor(() => builds(w) === 2, 120_000);
    expect(readDocx(readFileSync(join(docs, 'annex-5.ru.docx'))).text).toContain('Степлеры');
    const pdf = await readPdf(readFileSync(join(docs, 'annex-5.kk.pdf')));
    expect(pdf.pages.map((p) => p.text).join('\n')).toContain('Степлеры');

    w.child.kill('SIGINT');
    expect((await w.exited).code).toBe(0);
    expect(w.stderr).not.toMatch(/внутренняя ошибка|\n\s+at |FATAL ERROR/);
  }, 300_000);

  it('build says so in the interface language, writes nothing and exits with 2', async () => {
    const file = join(dir, 'big.json');
    writeFileSync(file, estimateOf(5000, 'Скоросшиватели'));
    const out = join(dir, 'out-big');
    const r = await runCliAsync(['build', file, '--annex', '5', '--lang', 'ru', '--out', out, '--ui-lang', 'kk'], {
      env: THREADS,
    });
    expect(r.stderr).toContain(
      'құжаттарды беттеуге жад жетпеді: беттеу ағыны 40 МБ шегінде тоқтатылды (ANNEXES_THREAD_MEMORY_MB). ' +
        'Құжаттар жасалмады, бұрынғы файлдар өзгертілмеді',
    );
    expect(r.stderr).not.toMatch(/ішкі қатесі|\n\s+at |FATAL ERROR/);
    expect(r.code).toBe(2);
    expect(existsSync(join(out, 'big'))).toBe(false);
  }, 120_000);

  it('a limit that is not a whole number of megabytes is refused before anything is built', async () => {
    const file = join(dir, 'small.json');
    writeFileSync(file, estimateOf(20, 'Картриджи'));
    const out = join(dir, 'out-bad-limit');
    for (const [value, lang, message] of [
      ['40MB', 'en', 'ANNEXES_THREAD_MEMORY_MB must be a whole number of megabytes, at least 1: "40MB"'],
      ['0', 'ru', 'ANNEXES_THREAD_MEMORY_MB должна быть целым числом мегабайт, не меньше 1: «0»'],
    ] as const) {
      const r = await runCliAsync(['watch', file, '--out', out, '--ui-lang', lang], {
        // Should it start watching all the same, it stops after one build instead of hanging the test.
        env: { ANNEXES_THREAD_MEMORY_MB: value, ANNEXES_WATCH_MAX_BUILDS: '1' },
      });
      expect(r.stderr.trim()).toBe(message);
      expect(r.code).toBe(2);
    }
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
