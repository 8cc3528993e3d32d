/**
 * The real `annexes` command as a child process that runs alongside the test: several at once
 * (`runCliAsync`), or one to talk to while it runs (`startCli`: wait for its output, signal it).
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CliResult } from './cli.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/annexes.js', import.meta.url));

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Extra spawn options (uid/gid to run as another user). */
  spawn?: SpawnOptions;
}

export interface CliProcess {
  child: ChildProcess;
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves when the output so far matches (checked on every chunk); rejects after `timeoutMs`. */
  waitFor(test: (out: { stdout: string; stderr: string }) => boolean, timeoutMs?: number): Promise<void>;
  /** Exit code (null when killed by a signal) and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startCli(args: string[], opts: CliOptions = {}): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    // The system locale picks the interface language too: tests start from none (Russian).
    env: { ...process.env, ANNEXES_UI_LANG: '', LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...opts.spawn,
  });
  let stdout = '';
  let stderr = '';
  let closed = false;
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of [...waiters]) w();
  };
  child.stdout?.setEncoding('utf8').on('data', (s: string) => {
    stdout += s;
    notify();
  });
  child.stderr?.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
    notify();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      closed = true;
      notify();
      resolve({ code, signal });
    }),
  );
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    waitFor(test, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (test({ stdout, stderr })) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve();
          } else if (closed) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`the command ended before the expected output\nstdout:\n${stdout}\nstderr:\n${stderr}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for output\nstdout:\n${stdout}\nstderr:\n${stderr}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    exited,
  };
}

/** Runs the command to its end without blocking the test, so that several can run at once. */
export async function runCliAsync(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  const p = startCli(args, opts);
  const { code } = await p.exited;
  return { code: code ?? -1, stdout: p.stdout, stderr: p.stderr };
}
