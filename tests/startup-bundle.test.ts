/**
 * The cached bundles the command and its rendering threads start from: made on first use, made again when a
 * source changes, and the command works the same with them turned off.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledEntry, cacheDir } from '../src/startup/bundle-cache.mjs';
import { ROOT, runCli } from './helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'annexes-bundle-'));
const name = `test-${process.pid}`;
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  for (const ext of ['mjs', 'mjs.map', 'json']) rmSync(join(cacheDir(), `${name}.${ext}`), { force: true });
});

/** Runs the entry from its bundle in a new process, as bin/annexes.js does; prints what the entry exports. */
function runBundled(entry: string, env: Record<string, string> = {}): { value: string; bundle: string } {
  const script = `
    const { bundledEntry } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'src/startup/bundle-cache.mjs')).href)});
    const url = await bundledEntry(new URL(${JSON.stringify(pathToFileURL(entry).href)}), ${JSON.stringify(name)});
    const m = await import(url ? url.href : ${JSON.stringify(pathToFileURL(entry).href)});
    console.log(JSON.stringify({ value: m.value, bundle: url ? url.href : '' }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

describe('the bundle cache', () => {
  it('bundles an entry with the sources it imports, and bundles it again when one of them changes', () => {
    const entry = join(dir, 'entry.ts');
    const dep = join(dir, 'dep.ts');
    writeFileSync(entry, "import { n } from './dep.ts';\nexport const value: string = 'value ' + n;\n");
    writeFileSync(dep, 'export const n: number = 1;\n');
    const first = runBundled(entry);
    expect(first).toEqual({ value: 'value 1', bundle: pathToFileURL(join(cacheDir(), `${name}.mjs`)).href });
    expect(readFileSync(join(cacheDir(), `${name}.mjs`), 'utf8')).toMatch(/["']value ["'] \+ n/);
    writeFileSync(dep, 'export const n: number = 22;\n');
    expect(runBundled(entry).value).toBe('value 22');
  });

  it('is turned off by ANNEXES_BUNDLE=0', async () => {
    const saved = process.env.ANNEXES_BUNDLE;
    process.env.ANNEXES_BUNDLE = '0';
    try {
      expect(await bundledEntry(pathToFileURL(join(dir, 'entry.ts')), `${name}-off`)).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.ANNEXES_BUNDLE;
      else process.env.ANNEXES_BUNDLE = saved;
    }
  });

  it('is not needed by the command: without it, it runs from the sources', () => {
    const on = runCli(['totals', 'data/gamo-2021.json', '--json']);
    const off = runCli(['totals', 'data/gamo-2021.json', '--json'], { env: { ANNEXES_BUNDLE: '0' } });
    expect(on.code).toBe(0);
    expect(off.code).toBe(0);
    expect(off.stdout).toBe(on.stdout);
    expect(JSON.parse(on.stdout).total.total).toBe(32051320);
  });
});
