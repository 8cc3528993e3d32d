/**
 * `annexes watch` over many saves: the resident memory of the watching process after N rebuilds, against the peak
 * of its first build (a single build of the same documents). Linux only (reads /proc/PID/status); elsewhere the
 * row says it was skipped.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SAMPLE_FILE } from './generate.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin/annexes.js');

type Row = (what: string, value: string, target?: string) => void;

/** VmRSS and VmHWM of a process, MB. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Rebuilds to time: 300 (about 5–8 minutes here), or BENCH_WATCH_REBUILDS. */
const REBUILDS = Number(process.env.BENCH_WATCH_REBUILDS ?? 300);

export async function benchWatchMemory(row: Row, rebuilds = REBUILDS): Promise<Record<string, number> | undefined> {
  if (!existsSync('/proc/self/status') || !(rebuilds > 0)) {
    row(
      'watch: memory over rebuilds',
      existsSync('/proc/self/status') ? 'skipped (BENCH_WATCH_REBUILDS=0)' : 'skipped (no /proc)',
    );
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'annexes-bench-watch-'));
  const file = join(dir, 'app.json');
  const sample = JSON.parse(readFileSync(SAMPLE_FILE, 'utf8'));
  writeFileSync(file, JSON.stringify(sample, null, 2));
  // The whole set (20 files), as `annexes watch FILE` makes it.
  const child = spawn(process.execPath, [BIN, 'watch', file, '--out', join(dir, 'out'), '--ui-lang', 'en'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ANNEXES_CACHE_DIR: join(dir, 'cache') },
  });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  const builds = () => output.match(/documents rebuilt/g)?.length ?? 0;
  const until = async (n: number) => {
    const start = Date.now();
    while (builds() < n) {
      if (Date.now() - start > 60_000) throw new Error(`watch did not rebuild (${n}):\n${output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  try {
    await until(1);
    const single = memoryOf(child.pid as number).peak;
    let at10 = 0;
    const line = sample.estimate.direct.activities[0].services.individuals.lines[0];
    for (let i = 1; i <= rebuilds; i++) {
      line.price = Number(line.price) + 1;
      writeFileSync(file, JSON.stringify(sample, null, 2));
      await until(i + 1);
      if (i === 10) at10 = memoryOf(child.pid as number).rss;
    }
    const after = memoryOf(child.pid as number);
    // VmHWM: the highest resident size the process had at any time of the run.
    const ratio = after.rss / single;
    row(
      `watch: resident memory after ${rebuilds} rebuilds (20 files each)`,
      `${Math.round(after.rss)} MB (after 10: ${Math.round(at10)} MB; highest ${Math.round(after.peak)} MB)`,
      `≤ 2× the first build's ${Math.round(single)} MB ${ratio <= 2 ? 'ok' : 'MISSED'} (${ratio.toFixed(2)}×)`,
    );
    return { firstBuildPeakMB: single, rssAfter10MB: at10, rssAfterMB: after.rss, peakMB: after.peak, rebuilds };
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}
