/**
 * `annexes watch` when the ground moves under it: the watched file's whole folder is deleted (the watch on it
 * dies with it), then made again. The watcher says so, keeps running, and builds the file when it is back; a
 * long unbroken word saved under watch is built like any other text.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliProcess, startCli } from './helpers/cli-spawn.ts';
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
