/** Paths and exit codes as documented: the caller's folder for the npm script, exit 2 for a missing input. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCliAsync } from './helpers/cli-spawn.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'annexes-paths-'));
  writeFileSync(join(dir, 'mine.json'), readFileSync(join(ROOT, 'data', 'gamo-2021.json')));
});

describe('a missing input file is a command-line mistake: exit 2', () => {
  it.each([
    ['validate', ['validate', 'nowhere.json']],
    ['build', ['build', 'nowhere.json', '--out', 'x']],
    ['totals', ['totals', 'nowhere.json']],
    ['watch', ['watch', 'nowhere.json']],
  ])('%s', async (_name, args) => {
    const r = await runCliAsync(args, { cwd: dir, env: { ANNEXES_WATCH_MAX_BUILDS: '1' } });
    expect(r.stderr).toMatch(/nowhere\.json {2}\$ {2}файл не найден|файл не найден: nowhere\.json/);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });
});

describe('npm run annexes -- … works on the caller’s files', () => {
  it('resolves the file against the folder npm was started from (INIT_CWD)', async () => {
    // What npm does for `npm run annexes -- validate mine.json` started in `dir`: the script runs in the
    // package folder, with the caller's folder in INIT_CWD.
    const r = await runCliAsync(['validate', 'mine.json'], {
      cwd: ROOT,
      env: { npm_lifecycle_event: 'annexes', INIT_CWD: dir },
    });
    expect(r.stderr).not.toContain('файл не найден');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('mine.json: ошибок: 0');
  });

  it('another npm script (npm start) keeps the package folder', async () => {
    const r = await runCliAsync(['validate', 'data/gamo-2021.json'], {
      cwd: ROOT,
      env: { npm_lifecycle_event: 'start', INIT_CWD: dir },
    });
    expect(r.code).toBe(0);
  });
});

describe('--help points to what an installed user has', () => {
  it('ends with `annexes help COMMAND` and the path of the package README, which exists', async () => {
    const r = await runCliAsync(['--help']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-2)).toContain('annexes help КОМАНДА');
    const readme = lines.at(-1)!.trim();
    expect(readme).toBe(join(ROOT, 'README.md'));
    expect(existsSync(readme)).toBe(true);
    expect(r.stdout).not.toContain('docs/commands.md');
    expect(r.stdout).toContain('npx annexes validate');
  });
});
