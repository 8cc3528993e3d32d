/**
 * Helpers of the editor's tests (`annexes edit`): the real command as a child process, and Debian's Chromium
 * driven by playwright-core. Without Chromium or Poppler the browser tests are skipped with a warning, except under
 * CI=true, where the missing client fails the run.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { type CliProcess, ROOT, startCli } from './cli-spawn.ts';
import { findTool, ON_CI } from './clients.ts';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** Screenshots of the page, to look at. */
export const SHOTS = join(ROOT, '.vitest-tmp', 'editor');

export function describeWithBrowser(title: string, body: () => void): void {
  const missing = [
    ...(existsSync(CHROMIUM) ? [] : ['chromium (apt-get install chromium)']),
    ...(findTool('pdftotext') ? [] : ['pdftotext (apt-get install poppler-utils)']),
  ];
  if (missing.length === 0) {
    describe(title, body);
    return;
  }
  const message = `!! ${title}: ${missing.join(', ')} not found — these tests ${ON_CI ? 'FAIL (CI=true)' : 'are SKIPPED'}`;
  console.warn(message);
  if (ON_CI)
    describe(title, () => {
      it('needs a browser', () => {
        throw new Error(message);
      });
    });
  else describe.skip(title, body);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
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
}

export interface RunningEditor {
  cli: CliProcess;
  url: string;
  origin: string;
  port: number;
  token: string;
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const ADDRESS = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]+)/;

/** `annexes edit FILE --no-open`, running until stopped (Ctrl+C). */
export async function startEditor(file: string, args: string[] = []): Promise<RunningEditor> {
  const cli = startCli(['edit', file, '--no-open', ...args], { env: { ANNEXES_UI_LANG: 'ru' } });
  await cli.waitFor(({ stdout }) => ADDRESS.test(stdout), 60_000);
  const m = ADDRESS.exec(cli.stdout) as RegExpExecArray;
  const port = Number(m[1]);
  return {
    cli,
    url: m[0],
    origin: `http://127.0.0.1:${port}`,
    port,
    token: m[2] as string,
    async stop() {
      if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGINT');
      return cli.exited;
    },
  };
}

/** Waits until the page says that everything typed is in the file. */
export async function waitSaved(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('.save-status')?.getAttribute('data-status') === 'saved',
    undefined,
    {
      timeout: 20_000,
    },
  );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** The CSS selector of the element that carries a JSON path (fields, lines, rows). */
export const atPath = (path: (string | number)[], attr = 'data-path') =>
  `[${attr}="${CSS_escape(JSON.stringify(path))}"]`;
const CSS_escape = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
