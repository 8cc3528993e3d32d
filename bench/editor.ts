/**
 * Figures of `annexes edit` (issue: the editor): page load, the time from an edit in the page to the refreshed
 * Annex 5 preview, and the memory of the running editor after 200 edits against after 10. Called by bench/run.ts;
 * `tsx bench/editor.ts` runs this part alone. Needs Debian's Chromium (skipped without it).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const PRICE = '[data-path="[\\"estimate\\",\\"administrative\\",\\"salaries\\",\\"lines\\",0,\\"price\\"]"]';

type Row = (what: string, value: string, target?: string) => void;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const rssMB = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
};

export async function benchEditor(row: Row): Promise<Record<string, unknown> | undefined> {
  if (!existsSync(CHROMIUM)) {
    row('Editor (annexes edit)', 'skipped: no Chromium');
    return undefined;
  }
  const work = mkdtempSync(join(tmpdir(), 'annexes-bench-editor-'));
  const file = join(work, 'app.json');
  copyFileSync(join(ROOT, 'data/gamo-2021.json'), file);
  const child = spawn(process.execPath, [join(ROOT, 'bin/annexes.js'), 'edit', file, '--no-open'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+/.exec(out);
      if (m) resolve(m[0]);
    });
    child.on('exit', () => reject(new Error(`annexes edit ended: ${out}`)));
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const loads: number[] = [];
    for (let i = 0; i < 4; i++) {
      const t0 = performance.now();
      await page.goto(url);
      await page.waitForSelector('[data-path="[\\"applicant\\",\\"bin\\"]"] input');
      loads.push(performance.now() - t0);
    }
    const loadMs = median(loads.slice(1));
    row(
      'Editor: page load (warm, median of 3)',
      `${Math.round(loadMs)} ms (first ${Math.round(loads[0] ?? 0)} ms)`,
      `≤ 1 s ${loadMs <= 1000 ? 'ok' : 'MISSED'}`,
    );

    await page.click('[data-section="a5"]');
    await page.waitForSelector('iframe.preview-frame[data-annex="5"]', { timeout: 120_000 });
    let price = 140000;
    /** One edit of a price, until the preview shows the Annex 5 PDF of the saved version. */
    const edit = async (p: Page) => {
      price += 1;
      const before = await p.getAttribute('iframe.preview-frame', 'data-version');
      const t0 = performance.now();
      await p.fill(PRICE, String(price));
      await p.waitForFunction(
        (v) => {
          const f = document.querySelector('iframe.preview-frame');
          return f !== null && f.getAttribute('data-version') !== v && f.getAttribute('data-annex') === '5';
        },
        before,
        { timeout: 120_000 },
      );
      return performance.now() - t0;
    };
    const times: number[] = [];
    for (let i = 0; i < 10; i++) times.push(await edit(page));
    const previewMs = median(times.slice(3));
    row(
      'Editor: edit → refreshed Annex 5 preview (warm, median of 7)',
      `${Math.round(previewMs)} ms (runs ${Math.round(Math.min(...times.slice(3)))}–${Math.round(Math.max(...times.slice(3)))})`,
      `≤ 0.5 s ${previewMs <= 500 ? 'ok' : 'MISSED'}`,
    );
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const heapMB = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20;
    };
    const server10 = rssMB(child.pid as number);
    const page10 = await heapMB();
    for (let i = 10; i < 200; i++) await edit(page);
    const server200 = rssMB(child.pid as number);
    const page200 = await heapMB();
    const growth = (a: number, b: number) => Math.round(((b - a) / a) * 1000) / 10;
    row(
      'Editor: server memory (RSS) after 200 edits vs 10',
      `${Math.round(server200)} MB vs ${Math.round(server10)} MB (${growth(server10, server200)} %)`,
      `≤ +20 % ${growth(server10, server200) <= 20 ? 'ok' : 'MISSED'}`,
    );
    row(
      'Editor: page JS heap after 200 edits vs 10',
      `${page200.toFixed(1)} MB vs ${page10.toFixed(1)} MB (${growth(page10, page200)} %)`,
      `≤ +20 % ${growth(page10, page200) <= 20 ? 'ok' : 'MISSED'}`,
    );
    return {
      pageLoadMs: Math.round(loadMs),
      editToPreviewMs: Math.round(previewMs),
      editToPreviewRunsMs: times.map(Math.round),
      serverRssMB: { after10: Math.round(server10), after200: Math.round(server200) },
      pageHeapMB: { after10: Math.round(page10 * 10) / 10, after200: Math.round(page200 * 10) / 10 },
    };
  } finally {
    await browser.close();
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await benchEditor((what, value, target = '') =>
    console.log(`  ${what.padEnd(60)} ${value.padEnd(26)} ${target}`),
  );
  console.log(JSON.stringify(r));
}
