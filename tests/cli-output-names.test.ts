/** Output names that every system accepts: no reserved device names, no trailing dots, no forbidden characters. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeName } from '../src/output/names.ts';
import { outputFolder } from '../src/output/write-set.ts';
import { ROOT, runCliAsync } from './helpers/cli-spawn.ts';

describe('safeName', () => {
  it.each([
    ['con', 'con_'],
    ['CON', 'CON_'],
    ['nul.backup', 'nul_.backup'],
    ['com1', 'com1_'],
    ['lpt9.x', 'lpt9_.x'],
    ['aux', 'aux_'],
    ['app.', 'app'],
    ['app .', 'app_'],
    ['a<b>c:d"e|f?g*h', 'a_b_c_d_e_f_g_h'],
    ['tab\there', 'tab_here'],
    ['..hidden', 'hidden'],
    ['заявка-2026', 'заявка-2026'],
    ['console', 'console'],
    ['com10', 'com10'],
    ['', 'application'],
    ['...', 'application'],
  ])('%j → %j', (raw, safe) => {
    expect(safeName(raw, 'application')).toBe(safe);
  });

  it('keeps names short', () => {
    expect(safeName('a'.repeat(300), 'x')).toHaveLength(100);
  });
});

describe('build output folders', () => {
  it('con.json builds into out/con_, app..json into out/app', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'annexes-names-'));
    const sample = readFileSync(join(ROOT, 'data', 'gamo-2021.json'), 'utf8').replace(/"\$schema": "[^"]*",/, '');
    for (const name of ['con.json', 'app..json']) writeFileSync(join(dir, name), sample);
    const out = join(dir, 'out');
    const r = await runCliAsync(
      ['build', 'con.json', 'app..json', '--out', out, '--annex', '5', '--format', 'pdf', '--lang', 'kk', '--quiet'],
      { cwd: dir },
    );
    // The sample's paper-estimate warnings only.
    expect(r.stderr).not.toMatch(/ошибка|не созданы/);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['app', 'con_']);
    expect(readdirSync(join(out, 'con_'))).toEqual(['annex-5.kk.pdf']);
    expect(outputFolder(out, 'x/LPT1.json')).toBe(join(out, 'LPT1_'));
  });
});
