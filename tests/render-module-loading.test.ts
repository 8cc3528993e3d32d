/**
 * Each library the writers use is loaded once per thread, and in its cheaper form. fontkit, restructure and
 * linebreak ship an ES build beside their CommonJS one, and pdfkit requires the CommonJS one: importing them would
 * load a second copy (and parse the fonts again with it). pdf-lib and pdfmake are CommonJS only: imported, Node
 * first scans their files for the names they export. Checked on `annexes build` of the sample in one thread,
 * with a module hook (node:module's register) that lists everything the ES module loader loads.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.ts';

/** What the ES module loader loaded from node_modules while the command ran: package, format, file. */
function esLoads(): { pkg: string; format: string; file: string }[] {
  const dir = mkdtempSync(join(tmpdir(), 'annexes-loading-'));
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `export async function load(url, context, next) {
      const r = await next(url, context);
      if (url.includes('/node_modules/')) console.error('ES-LOAD ' + r.format + ' ' + url);
      return r;
    }`,
  );
  const register = join(dir, 'register.mjs');
  writeFileSync(
    register,
    `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hooks).href)});`,
  );
  const out = join(dir, 'out');
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      pathToFileURL(register).href,
      join(ROOT, 'bin/annexes.js'),
      'build',
      'data/gamo-2021.json',
      '--out',
      out,
      '--quiet',
    ],
    { cwd: ROOT, env: { ...process.env, ANNEXES_WORKERS: '0' }, encoding: 'utf8', timeout: 120_000 },
  );
  expect(r.status, r.stderr).toBe(0);
  expect(readdirSync(join(out, 'gamo-2021'))).toHaveLength(20);
  return r.stderr
    .split('\n')
    .filter((l) => l.startsWith('ES-LOAD '))
    .map((l) => {
      const [, format, url] = l.split(' ') as [string, string, string];
      const file = url.slice(url.lastIndexOf('/node_modules/') + '/node_modules/'.length);
      const parts = file.split('/');
      const pkg = file.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] as string);
      return { pkg, format, file };
    });
}

describe('annexes build, in one thread', () => {
  it('loads the libraries pdfkit requires once, and pdf-lib and pdfmake without the ES loader', () => {
    const loads = esLoads();
    // The hook sees the ES loader at work (the command's own dependencies that are ES modules).
    expect(loads.some((l) => l.pkg === 'docx' && l.format === 'module')).toBe(true);
    for (const pkg of ['fontkit', 'restructure', 'linebreak'])
      expect(loads.filter((l) => l.pkg === pkg && l.format === 'module').map((l) => l.file)).toEqual([]);
    for (const pkg of ['pdf-lib', 'pdfmake']) expect(loads.filter((l) => l.pkg === pkg).map((l) => l.file)).toEqual([]);
  }, 180_000);
});
