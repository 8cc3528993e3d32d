/**
 * `annexes watch` as a child process: edits of the watched file rebuild the documents (the new total shows in
 * the PDF), an invalid save keeps the previous PDF byte for byte, a save by rename is seen, saves during a build
 * lead to exactly one more build, and SIGTERM stops it cleanly.
 */
import { mkdtempSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliProcess, startCli } from './helpers/cli-spawn.ts';
import { normalizeSpaces, readPdf } from './helpers/read-pdf.ts';
import { loadSampleJson } from './helpers/sample.ts';

/** The sample's grand total (the published figure of the real application). */
const SAMPLE_TOTAL = 32051320;
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let dir: string;
let file: string;
let pdf: string;
let watcher: CliProcess;
const sample = loadSampleJson();
const line0 = sample.estimate.administrative.salaries.lines[0] as { quantity: number; price: number };

/** The sample with the first salary line at another price, as 2-space JSON, and the grand total it gives. */
function withPrice(price: number): { text: string; total: number } {
  const app = structuredClone(sample);
  app.estimate.administrative.salaries.lines[0].price = price;
  return { text: JSON.stringify(app, null, 2), total: SAMPLE_TOTAL + line0.quantity * (price - line0.price) };
}

const builds = () => watcher.stdout.match(/документы обновлены/g)?.length ?? 0;
const kept = () => watcher.stderr.match(/прежние документы оставлены без изменений/g)?.length ?? 0;

async function pdfText(): Promise<string> {
  const doc = await readPdf(readFileSync(pdf));
  return normalizeSpaces(doc.pages.map((p) => p.text).join('\n'));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'annexes-cli-watch-'));
  file = join(dir, 'app.json');
  pdf = join(dir, 'out', 'app', 'annex-5.ru.pdf');
  writeFileSync(file, withPrice(line0.price).text);
  watcher = startCli(['watch', 'app.json', '--lang', 'ru', '--format', 'pdf', '--annex', '5', '--out', 'out'], {
    cwd: dir,
  });
  await watcher.waitFor(() => builds() === 1);
});

afterAll(() => {
  if (watcher.child.exitCode === null) watcher.child.kill('SIGKILL');
});

describe('annexes watch', () => {
  it('builds once at the start and says what it watches and how long the build took', async () => {
    expect(watcher.stdout).toMatch(/^Слежу за app\.json: документы обновятся после каждого сохранения/);
    expect(watcher.stdout).toMatch(
      /^\d\d:\d\d:\d\d {2}документы обновлены: файлов 1 \(\d+ КБ\) за \d+,\d с → out\/app$/m,
    );
    expect(readdirSync(join(dir, 'out', 'app'))).toEqual(['annex-5.ru.pdf']);
    expect(await pdfText()).toContain(grouped(SAMPLE_TOTAL));
  });

  it('rebuilds when a budget line is edited: the new total is in the PDF', async () => {
    const edit = withPrice(line0.price + 10000);
    writeFileSync(file, edit.text);
    await watcher.waitFor(() => builds() === 2);
    const text = await pdfText();
    expect(text).toContain(grouped(edit.total));
    expect(text).not.toContain(grouped(SAMPLE_TOTAL));
  });

  it('an invalid save prints the problems and keeps the previous PDF byte for byte', async () => {
    const before = readFileSync(pdf);
    const mtime = statSync(pdf).mtimeMs;
    const app = structuredClone(sample);
    app.estimate.administrative.salaries.lines[0].price = 'сто тысяч';
    const text = JSON.stringify(app, null, 2);
    writeFileSync(file, text);
    await watcher.waitFor(() => kept() === 1);
    const line = text.split('\n').findIndex((l) => l.includes('"сто тысяч"')) + 1;
    expect(watcher.stderr).toMatch(
      new RegExp(`app\\.json:${line}:\\d+ {2}estimate\\.administrative\\.salaries\\.lines\\[0\\]\\.price {2}`),
    );
    expect(watcher.stderr).toMatch(/\d\d:\d\d:\d\d {2}Данные с ошибками: прежние документы оставлены без изменений/);
    expect(builds()).toBe(2);
    expect(readFileSync(pdf).equals(before)).toBe(true);
    expect(statSync(pdf).mtimeMs).toBe(mtime);
  });

  it("sees an editor's save by rename (a temporary file renamed over the original)", async () => {
    const edit = withPrice(line0.price + 20000);
    const tmp = join(dir, '.app.json.swp');
    writeFileSync(tmp, edit.text);
    renameSync(tmp, file);
    await watcher.waitFor(() => builds() === 3);
    expect(await pdfText()).toContain(grouped(edit.total));
  });

  it('saves during a build lead to exactly one more build, of the last version', async () => {
    // A large estimate makes the build take seconds, so the next two saves surely land while it runs.
    const slow = (price: number) => {
      const app = structuredClone(sample);
      app.estimate.administrative.salaries.lines[0].price = price;
      app.estimate.material.lines.push(
        ...Array.from({ length: 1500 }, (_, i) => ({
          name: `Расходник № ${i + 1}`,
          unit: 'piece',
          quantity: 1,
          price: 1,
        })),
      );
      return JSON.stringify(app, null, 2);
    };
    const prices = [777001, 777002, 777003];
    const before = builds();
    writeFileSync(file, slow(prices[0]!));
    await sleep(400); // past the debounce: the first build is running
    writeFileSync(file, slow(prices[1]!));
    await sleep(150);
    writeFileSync(file, slow(prices[2]!));
    await watcher.waitFor(() => builds() === before + 2, 120_000);
    // Give a third build, if there were one, the time to show.
    await sleep(3000);
    expect(builds()).toBe(before + 2);
    const text = await pdfText();
    expect(text).toContain(grouped(prices[2]!));
    expect(text).not.toContain(grouped(prices[1]!));
  });

  it('stops cleanly on SIGTERM: exit 0, no temporary files left', async () => {
    watcher.child.kill('SIGTERM');
    const { code, signal } = await watcher.exited;
    expect(signal).toBeNull();
    expect(code).toBe(0);
    expect(readdirSync(join(dir, 'out', 'app'))).toEqual(['annex-5.ru.pdf']);
  });

  it('stops by itself after ANNEXES_WATCH_MAX_BUILDS builds; its exit code is that of the last build', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "applicant": ');
    const env = { ANNEXES_WATCH_MAX_BUILDS: '1' };
    const good = startCli(['watch', 'app.json', '--annex', '2', '--format', 'docx', '--lang', 'kk', '--out', 'out2'], {
      cwd: dir,
      env,
    });
    const invalid = startCli(['watch', 'bad.json', '--out', 'out3'], { cwd: dir, env });
    const [g, i] = await Promise.all([good.exited, invalid.exited]);
    expect(g.code).toBe(0);
    expect(readdirSync(join(dir, 'out2', 'app'))).toEqual(['annex-2.kk.docx']);
    expect(i.code).toBe(1);
    expect(invalid.stderr).toMatch(/bad\.json:1:\d+ {2}\$ {2}/);
    expect(invalid.stderr).toMatch(/прежние документы оставлены без изменений/);
  });
});
