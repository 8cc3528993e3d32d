/**
 * `annexes edit` in a real browser (Debian's Chromium through playwright-core): what a person sees and does on the
 * page, and what reaches the file and the preview PDF (read with pdftotext).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from './helpers/cli-spawn.ts';
import { pdfToText } from './helpers/clients.ts';
import {
  atPath,
  describeWithBrowser,
  launchBrowser,
  type RunningEditor,
  screenshot,
  startEditor,
  waitSaved,
} from './helpers/editor.ts';

const SAMPLE = readFileSync(join(ROOT, 'data/gamo-2021.json'), 'utf8');
const SALARY_LINE = ['estimate', 'administrative', 'salaries', 'lines', 0];
const SALARY_LINES = ['estimate', 'administrative', 'salaries', 'lines'];
/** The sample's grand total (README, `annexes totals`). */
const SAMPLE_TOTAL = 32_051_320;

const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');

describeWithBrowser('annexes edit in Chromium', () => {
  let dir: string;
  let file: string;
  let editor: RunningEditor;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const scriptErrors: string[] = [];
  const readFile = () => JSON.parse(readFileSync(file, 'utf8'));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'annexes-edit-page-'));
    file = join(dir, 'gamo.json');
    writeFileSync(file, SAMPLE);
    editor = await startEditor(file);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    page = await context.newPage();
    page.on('pageerror', (e) => scriptErrors.push(e.message));
    await page.goto(editor.url);
    await page.waitForSelector('nav.sections');
  });
  afterAll(async () => {
    await browser?.close();
    await editor?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const section = async (id: string) => {
    await page.click(`[data-section="${id}"]`);
    await page.waitForSelector(`main[data-section="${id}"]`);
  };
  const grandTotal = () => page.textContent(atPath(['estimate'], 'data-total'));
  /** The PDF the preview frame shows, read by pdftotext. */
  const previewText = async (p: Page, version: string) => {
    await p.waitForSelector(`iframe.preview-frame[data-version="${version}"]`, { timeout: 60_000 });
    const base64 = await p.evaluate(async () => {
      const src = (document.querySelector('iframe.preview-frame') as HTMLIFrameElement).src.split('#')[0] as string;
      const bytes = new Uint8Array(await (await fetch(src)).arrayBuffer());
      let s = '';
      for (const b of bytes) s += String.fromCharCode(b);
      return btoa(s);
    });
    const pdf = join(dir, `preview-${version}.pdf`);
    writeFileSync(pdf, Buffer.from(base64, 'base64'));
    return (await pdfToText(pdf)).join('\n');
  };
  const fileVersion = async () =>
    (await (await page.request.get(`${editor.origin}/api/document?token=${editor.token}`)).json()).version as string;

  it('opens the sample: the sections in the form order with the forms own labels; a screenshot of every annex', async () => {
    const nav = await page.$$eval('nav [data-section]', (els) => els.map((e) => e.getAttribute('data-section')));
    expect(nav.filter((s) => s?.startsWith('a'))).toEqual([
      'a2',
      ...[1, 2, 3, 4, 5].map((n) => `a3.${n}`),
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `a4.${n}`),
      'a5',
    ]);
    const labels = JSON.parse(readFileSync(join(ROOT, 'templates/2015-413/labels.ru.json'), 'utf8'));
    expect(await page.textContent('main')).toContain(`3. ${labels['annex2.row.bin'].text}`);
    expect(await page.inputValue(`${atPath(['applicant', 'bin'])} input`)).toBe('051140010597');
    for (const id of ['a2', 'a3.4', 'a4.1', 'a4.7', 'a5']) {
      await section(id);
      await page.waitForSelector(`iframe.preview-frame[data-annex="${id.slice(1, 2)}"]`, { timeout: 60_000 });
      await page.waitForTimeout(500);
      await screenshot(page, `annex-${id}`);
    }
    expect(await page.textContent('main h2')).toContain(labels['annex5.title'].text);
    expect(await grandTotal()).toBe(grouped(SAMPLE_TOTAL));
  });

  it('a changed price moves the grand total on the page, in the preview PDF and in the file by quantity × delta', async () => {
    await section('a5');
    const price = page.locator(`input${atPath([...SALARY_LINE, 'price'])}`);
    expect(await price.inputValue()).toBe('140\u00a0000');
    // 9 months × 1 234,56 more; typed as an accountant types it.
    await price.fill('141 234,56');
    const expected = '32\u00a0062\u00a0431,04'; // 32 051 320 + 9 × 1 234,56 = 32 062 431,04
    await page.waitForFunction(
      ([sel, text]) => document.querySelector(sel as string)?.textContent === text,
      [atPath(['estimate'], 'data-total'), expected],
    );
    expect(await page.textContent(atPath(SALARY_LINE, 'data-total'))).toBe('1\u00a0271\u00a0111,04');
    await waitSaved(page);
    expect(readFile().estimate.administrative.salaries.lines[0].price).toBe(141234.56);
    // The file changed in that one place only.
    const changed = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l, i) => l !== SAMPLE.split('\n')[i]);
    expect(changed).toEqual([expect.stringMatching(/"price": 141234\.56/)]);
    const text = await previewText(page, await fileVersion());
    expect(text).toContain('32 062 431,04');
    expect(text).toContain('141 234,56');
    // «140 000» and «1234.5» are read the same way.
    await price.fill('140000');
    await waitSaved(page);
    expect(readFile().estimate.administrative.salaries.lines[0].price).toBe(140000);
    expect(await grandTotal()).toBe(grouped(SAMPLE_TOTAL));
    await price.fill('1234.5');
    await waitSaved(page);
    expect(readFile().estimate.administrative.salaries.lines[0].price).toBe(1234.5);
    await price.fill('140 000');
    await waitSaved(page);
    expect(readFileSync(file, 'utf8')).toBe(SAMPLE);
  });

  it('adds, reorders and deletes lines', async () => {
    await section('a5');
    const original = readFile().estimate.administrative.salaries.lines;
    await page.click(`[data-add-line="${JSON.stringify(SALARY_LINES).replace(/"/g, '\\"')}"]`);
    const added = [...SALARY_LINES, original.length];
    await page.fill(`${atPath(added)} input[data-lang="ru"]`, 'Водитель');
    await page.fill(`input${atPath([...added, 'quantity'])}`, '3');
    await page.fill(`input${atPath([...added, 'price'])}`, '50 000');
    await page.waitForFunction(
      ([sel, text]) => document.querySelector(sel as string)?.textContent === text,
      [atPath(['estimate'], 'data-total'), grouped(SAMPLE_TOTAL + 150_000)],
    );
    await waitSaved(page);
    let lines = readFile().estimate.administrative.salaries.lines;
    expect(lines).toHaveLength(original.length + 1);
    expect(lines.at(-1)).toEqual({ name: { ru: 'Водитель' }, unit: 'piece', quantity: 3, price: 50000 });
    // Up: the new line becomes the one before last.
    await page.click(`${atPath(added)} button[title="Выше"]`);
    await waitSaved(page);
    lines = readFile().estimate.administrative.salaries.lines;
    expect(lines.map((l: { name: { ru: string } }) => l.name.ru)).toEqual([
      ...original.slice(0, -1).map((l: { name: { ru: string } }) => l.name.ru),
      'Водитель',
      original.at(-1).name.ru,
    ]);
    await page.click(`${atPath([...SALARY_LINES, original.length - 1])} button[title="Удалить"]`);
    await waitSaved(page);
    expect(readFile().estimate.administrative.salaries.lines).toEqual(original);
    expect(await grandTotal()).toBe(grouped(SAMPLE_TOTAL));
  });

  it('toggles a month of the calendar plan; a shorter project has a shorter grid', async () => {
    await section('a4.7');
    const months = () => readFile().project.calendar.activities[0].months;
    expect(months()).toEqual([1, 2]);
    await page.click('button.month-toggle[data-activity="0"][data-month="5"]');
    await waitSaved(page);
    expect(months()).toEqual([1, 2, 5]);
    expect(await page.getAttribute('button.month-toggle[data-activity="0"][data-month="5"]', 'aria-pressed')).toBe(
      'true',
    );
    await page.click('button.month-toggle[data-activity="0"][data-month="5"]');
    await waitSaved(page);
    expect(months()).toEqual([1, 2]);
    expect(await page.$$eval('table.calendar-grid thead th.month', (t) => t.length)).toBe(9);
    await page.fill(`${atPath(['project', 'calendar', 'durationMonths'])} input`, '12');
    await page.waitForFunction(() => document.querySelectorAll('table.calendar-grid thead th.month').length === 12);
    await waitSaved(page);
    expect(readFile().project.calendar.durationMonths).toBe(12);
    await page.fill(`${atPath(['project', 'calendar', 'durationMonths'])} input`, '9');
    await waitSaved(page);
    expect(readFileSync(file, 'utf8')).toBe(SAMPLE);
  });

  it('takes Kazakh text as typed, and counts texts that lack a language', async () => {
    // The address of Annex 2 row 4: a text printed in both languages (the project title is metadata only and
    // serves both languages, so it is never counted as missing).
    const address = ['applicant', 'address'];
    const original = JSON.parse(SAMPLE).applicant.address;
    await section('a2');
    const kk = 'Жоба: әғқңөұүһі ӘҒҚҢӨҰҮҺІ — «тест»';
    await page.fill(`${atPath(address)} textarea[data-lang="kk"], ${atPath(address)} input[data-lang="kk"]`, kk);
    await waitSaved(page);
    expect(readFile().applicant.address.kk).toBe(kk);
    expect(await page.textContent('[data-missing="kk"]')).toBe('kk: 0 текстов не заполнено');
    await page.fill(`${atPath(address)} textarea[data-lang="kk"], ${atPath(address)} input[data-lang="kk"]`, '');
    await waitSaved(page);
    expect(readFile().applicant.address).toEqual({ ru: original.ru });
    await page.waitForFunction(() => document.querySelector('[data-missing="kk"]')?.textContent?.startsWith('kk: 1 '));
    expect(
      await page.getAttribute(
        `${atPath(address)} textarea[data-lang="kk"], ${atPath(address)} input[data-lang="kk"]`,
        'class',
      ),
    ).toContain('missing');
    // The jump goes to the text.
    await section('a4.1');
    await page.click('[data-missing="kk"]');
    await page.waitForSelector('main[data-section="a2"]');
    // The cursor goes into the Kazakh box of that text, not its Russian one.
    await page.waitForFunction(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return el?.dataset.lang === 'kk' && el.value === '';
    });
    expect(await page.evaluate(() => document.activeElement?.closest('[data-path]')?.getAttribute('data-path'))).toBe(
      JSON.stringify(address),
    );
    await page.fill(
      `${atPath(address)} textarea[data-lang="kk"], ${atPath(address)} input[data-lang="kk"]`,
      original.kk,
    );
    await waitSaved(page);
    expect(readFileSync(file, 'utf8')).toBe(SAMPLE);
  });

  it('a BIN with a wrong check digit: the message sits at the field and in the list, which leads to it; the file parses', async () => {
    await section('a2');
    const bin = `${atPath(['applicant', 'bin'])} input`;
    await page.fill(bin, '051140010598');
    await waitSaved(page);
    const message = 'БИН с ошибкой: не сходится контрольная цифра';
    await page.waitForSelector(`${atPath(['applicant', 'bin'])} .field-problems li.error`);
    expect(await page.textContent(`${atPath(['applicant', 'bin'])} .field-problems`)).toContain(message);
    expect(readFile().applicant.bin).toBe('051140010598');
    await screenshot(page, 'bin-problem');
    await section('a5');
    await page.click(`.problem-list [data-problem="${JSON.stringify(['applicant', 'bin']).replace(/"/g, '\\"')}"]`);
    await page.waitForSelector('main[data-section="a2"]');
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.value === '051140010598');
    await page.fill(bin, '051140010597');
    await waitSaved(page);
    await page.waitForFunction(() => !document.querySelector('.field-problems li.error'));
    expect(readFileSync(file, 'utf8')).toBe(SAMPLE);
  });

  it('an edit of the file from outside reloads the page', async () => {
    await section('a2');
    const value = JSON.parse(SAMPLE);
    value.applicant.address.ru = 'г. Актау, изменено в текстовом редакторе';
    writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
    await page.waitForFunction(
      (sel) =>
        (document.querySelector(sel) as HTMLInputElement | null)?.value === 'г. Актау, изменено в текстовом редакторе',
      `${atPath(['applicant', 'address'])} input[data-lang="ru"]`,
      { timeout: 20_000 },
    );
    expect(await page.textContent('.reloaded-banner')).toContain('данные обновлены');
    writeFileSync(file, SAMPLE);
    await page.waitForFunction(
      (sel) =>
        (document.querySelector(sel) as HTMLInputElement | null)?.value !== 'г. Актау, изменено в текстовом редакторе',
      `${atPath(['applicant', 'address'])} input[data-lang="ru"]`,
    );
  });

  it('two tabs on one file: each sees the others saves; a change made over an outside edit is refused and reload is offered', async () => {
    const other = await context.newPage();
    await other.goto(editor.url);
    await other.waitForSelector('nav.sections');
    const site = (p: Page) => p.inputValue(`${atPath(['applicant', 'website'])} input`);
    await page.fill(`${atPath(['applicant', 'website'])} input`, 'www.tab-one.kz');
    await waitSaved(page);
    await other.waitForFunction(
      (sel) => (document.querySelector(sel) as HTMLInputElement | null)?.value === 'www.tab-one.kz',
      `${atPath(['applicant', 'website'])} input`,
    );
    expect(await site(other)).toBe('www.tab-one.kz');
    // Tab two types while the file is changed from outside before its save arrives.
    await other.route('**/api/document*', async (route) => {
      if (route.request().method() === 'PUT') await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await other.fill(`${atPath(['applicant', 'website'])} input`, 'www.tab-two.kz');
    await other.waitForTimeout(300);
    const outside = JSON.parse(readFileSync(file, 'utf8'));
    outside.applicant.website = 'www.outside.kz';
    writeFileSync(file, `${JSON.stringify(outside, null, 2)}\n`);
    await other.waitForSelector('.conflict-banner', { timeout: 20_000 });
    expect(await other.textContent('.conflict-banner')).toContain('НЕ записаны');
    await other.waitForTimeout(2000);
    expect(readFile().applicant.website).toBe('www.outside.kz');
    await other.unroute('**/api/document*');
    await other.click('.conflict-banner button.reload');
    await other.waitForFunction(
      (sel) => (document.querySelector(sel) as HTMLInputElement | null)?.value === 'www.outside.kz',
      `${atPath(['applicant', 'website'])} input`,
    );
    await other.close();
    writeFileSync(file, SAMPLE);
    await page.waitForFunction(
      (sel) => (document.querySelector(sel) as HTMLInputElement | null)?.value === 'www.gamo.kz',
      `${atPath(['applicant', 'website'])} input`,
    );
  });

  it('shows hostile text literally: markup, template syntax, entities and quotes never become page structure', async () => {
    const hostile = [
      '<img src=x onerror="window.__pwned=1"><b>жирный?</b></td></tr>',
      '{{name}} {{{x}}} {{#each rows}}row{{/each}}',
      '&amp; &nbsp; &lt;b&gt; &#x41; AT&T',
      `"двойные" 'одинарные' «ёлочки» \\ C:\\путь\\n`,
      '<script>window.__pwned=2</script>',
    ];
    const value = JSON.parse(SAMPLE);
    value.applicant.name = { ru: hostile[0], kk: hostile[1] };
    value.project.calendar.activities[0].title = { ru: hostile[0], kk: hostile[4] };
    value.project.calendar.activities[1].title = { ru: hostile[2], kk: hostile[3] };
    value.estimate.administrative.salaries.lines[0].name = { ru: hostile[4], kk: hostile[2] };
    writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
    await section('a2');
    await page.waitForFunction(
      ([sel, v]) => (document.querySelector(sel as string) as HTMLTextAreaElement | null)?.value === v,
      [`${atPath(['applicant', 'name'])} textarea[data-lang="ru"]`, hostile[0]],
      { timeout: 20_000 },
    );
    expect(await page.inputValue(`${atPath(['applicant', 'name'])} textarea[data-lang="kk"]`)).toBe(hostile[1]);
    await section('a4.7');
    const titles = await page.$$eval('table.calendar-grid tbody th.activity-col', (ths) =>
      ths.slice(0, 2).map((t) => t.textContent),
    );
    expect(titles).toEqual([`1. ${hostile[0]}`, `2. ${hostile[2]}`]);
    await page.click('[data-ui="kk"]');
    await page.waitForFunction(
      (t) => document.querySelector('table.calendar-grid tbody th.activity-col')?.textContent === t,
      `1. ${hostile[4]}`,
    );
    await page.click('[data-ui="ru"]');
    await section('a5');
    expect(await page.inputValue(`${atPath([...SALARY_LINE, 'name'])} input[data-lang="ru"]`)).toBe(hostile[4]);
    // Nothing of it became an element or ran.
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.$$eval('main img, main b, main script, aside img', (els) => els.length)).toBe(0);
    await screenshot(page, 'hostile-text');
    writeFileSync(file, SAMPLE);
    await page.waitForFunction(
      ([sel, v]) => (document.querySelector(sel as string) as HTMLInputElement | null)?.value === v,
      [`${atPath([...SALARY_LINE, 'name'])} input[data-lang="ru"]`, 'Руководитель проекта'],
    );
  });

  it('downloads every document and the set as a zip', async () => {
    const download = async (name: string) => {
      // The click is dispatched on the button itself: a click at its place on the screen could land elsewhere
      // while the preview above it is still being laid out again (seen under load: no download request at all).
      const [d] = await Promise.all([
        page.waitForEvent('download', { timeout: 180_000 }),
        page.dispatchEvent(`button.download[data-file="${name}"]`, 'click'),
      ]);
      const path = join(dir, d.suggestedFilename());
      await d.saveAs(path);
      return path;
    };
    const pdf = await download('annex-5.kk.pdf');
    expect((await pdfToText(pdf)).join('\n')).toContain('32 051 320');
    const docx = await download('application.ru.docx');
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    const zip = await download('documents.zip');
    const { unzipSync } = await import('fflate');
    const names = Object.keys(unzipSync(readFileSync(zip))).sort();
    expect(names).toHaveLength(20);
    expect(names).toContain('annex-2.ru.docx');
    expect(names).toContain('application.kk.pdf');
  }, 300_000);

  it('ran without a script error on the page', () => {
    expect(scriptErrors).toEqual([]);
  });
});
