/**
 * The filing languages chosen on the editor's page are FILE's `languages`: saved like any other edit (the file's
 * layout kept), and what `annexes build FILE` then makes; the page's downloads and missing-translation counts
 * follow them.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT, runCliAsync } from './helpers/cli-spawn.ts';
import { describeWithBrowser, launchBrowser, type RunningEditor, startEditor, waitSaved } from './helpers/editor.ts';

const SAMPLE = readFileSync(join(ROOT, 'data/gamo-2021.json'), 'utf8');

describeWithBrowser('filing languages in the editor', () => {
  let dir: string;
  let file: string;
  let editor: RunningEditor;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'annexes-edit-langs-'));
    file = join(dir, 'gamo.json');
    writeFileSync(file, SAMPLE);
    editor = await startEditor(file);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
    await page.goto(editor.url);
    await page.waitForSelector('nav.sections');
  });
  afterAll(async () => {
    await browser?.close();
    await editor?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a file without "languages" is filed in both; ticking kk off writes ["ru"], and build makes only ru', async () => {
    expect(JSON.parse(SAMPLE).languages).toBeUndefined();
    expect(await page.isChecked('[data-filing="ru"]')).toBe(true);
    expect(await page.isChecked('[data-filing="kk"]')).toBe(true);
    expect(await page.locator('[data-missing]').count()).toBe(2);

    await page.click('[data-filing="kk"]');
    await waitSaved(page);
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text).languages).toEqual(['ru']);
    // Only the new field is added: the rest of the file is as it was.
    expect(text.replace(/,?\n\s*"languages": \[\s*"ru"\s*\]/, '')).toBe(SAMPLE);
    expect(await page.isChecked('[data-filing="kk"]')).toBe(false);
    expect(await page.locator('[data-missing]').count()).toBe(1);
    expect(await page.locator('[data-missing="kk"]').count()).toBe(0);
    expect(await page.locator('button.download[data-file$=".kk.docx"]').count()).toBe(0);
    expect(await page.locator('button.download[data-file="annex-2.ru.docx"]').count()).toBe(1);

    // The last language cannot be ticked off: an application is filed in one at least.
    await page.click('[data-filing="ru"]');
    expect(await page.isChecked('[data-filing="ru"]')).toBe(true);
    await waitSaved(page);
    expect(JSON.parse(readFileSync(file, 'utf8')).languages).toEqual(['ru']);

    const out = join(dir, 'out');
    const built = await runCliAsync(['build', file, '--format', 'docx', '--out', out]);
    expect(built.code).toBe(0);
    const made = readdirSync(join(out, 'gamo')).sort();
    expect(made.length).toBeGreaterThan(0);
    expect(made.filter((f) => f.includes('.kk.') || f.includes('_kk') || f.includes('-kk'))).toEqual([]);
    expect(made.every((f) => /ru/.test(f))).toBe(true);

    // Ticking kk on again: both, in the form's order.
    await page.click('[data-filing="kk"]');
    await waitSaved(page);
    expect(JSON.parse(readFileSync(file, 'utf8')).languages).toEqual(['ru', 'kk']);
    expect(await page.locator('[data-missing]').count()).toBe(2);
  }, 120_000);
});
