/**
 * Progress while documents are rendered: on a terminal, a line rewritten as each file is ready; nothing extra
 * when stdout is not a terminal, or with --quiet / --json. The terminal is a real pseudo-terminal (util-linux
 * `script`), as a user's shell would give.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCliAsync } from './helpers/cli-spawn.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'annexes-progress-'));
});

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
/** util-linux `script` (Debian's essential bsdutils): runs a command on a new pseudo-terminal. */
const SCRIPT = 'script';

/** Runs the command on a pseudo-terminal; returns what the terminal received. */
function onTerminal(args: string[]): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, BIN, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(SCRIPT, ['-qec', command, '/dev/null'], {
      cwd: ROOT,
      env: { ...process.env, ANNEXES_UI_LANG: '', LC_ALL: '', LANG: 'C.UTF-8', COLUMNS: '200' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const BUILD = (out: string, ...extra: string[]) => [
  'build',
  'data/gamo-2021.json',
  '--out',
  out,
  '--annex',
  '2,5',
  '--format',
  'pdf',
  '--lang',
  'ru',
  ...extra,
];

describe('progress of a build', () => {
  it('on a terminal: a line per ready file, rewritten in place and erased before the results', async () => {
    const out = join(dir, 'tty');
    const r = await onTerminal(BUILD(out));
    expect(r.code).toBe(0);
    expect(r.output).toContain('data/gamo-2021.json: проверка и вёрстка…');
    for (let n = 1; n <= 3; n++) expect(r.output).toContain(`data/gamo-2021.json: готово ${n} из 3`);
    expect(r.output).toContain('\r\x1b[K');
    // What stays on the screen after the last erase: the written files and the summary.
    const after = r.output.slice(r.output.lastIndexOf('\r\x1b[K') + 3);
    expect(after).not.toContain('готово 3 из 3');
    expect(after).toMatch(/annex-5\.ru\.pdf/);
    expect(readdirSync(join(out, 'gamo-2021')).sort()).toEqual([
      'annex-2.ru.pdf',
      'annex-5.ru.pdf',
      'application.ru.pdf',
    ]);
  });

  it('nothing extra with --quiet on a terminal', async () => {
    const r = await onTerminal(BUILD(join(dir, 'tty-quiet'), '--quiet'));
    expect(r.code).toBe(0);
    expect(r.output).not.toContain('готово');
    expect(r.output).not.toContain('\x1b[K');
  });

  it('nothing extra when stdout is not a terminal, nor with --json', async () => {
    const [plain, json] = await Promise.all([
      runCliAsync(BUILD(join(dir, 'pipe'))),
      runCliAsync(BUILD(join(dir, 'pipe-json'), '--json')),
    ]);
    expect(plain.code).toBe(0);
    expect(plain.stdout + plain.stderr).not.toMatch(/готово|проверка и вёрстка|\r/);
    expect(plain.stdout).toContain('annex-5.ru.pdf');
    expect(JSON.parse(json.stdout)[0].files).toHaveLength(3);
  });
});
