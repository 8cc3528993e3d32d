/**
 * `npm run bench`: speed, memory and scaling figures, side by side with the LibreOffice route, in one run.
 * Prints a table and writes bench/results.json. Nothing here is a test: it measures and reports targets.
 *
 * Rendering uses the tool's defaults (rendering threads, one per core, at most 4) unless a row says otherwise.
 * Run it on an otherwise idle machine: the load average at the start and the end is recorded with the figures.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { benchEditor } from './editor.ts';
import { applicantVariants, SAMPLE_FILE, sampleJson, withEstimateLines } from './generate.ts';
import {
  closeRenderPool,
  defaultWorkerCount,
  fromDist,
  type LoadedApplication,
  loadApplication,
  RenderCache,
  type RenderOptions,
  renderApplication,
} from './package.ts';
import { benchWatchMemory } from './watch-memory.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin/annexes.js');
const work = mkdtempSync(join(tmpdir(), 'annexes-bench-'));
// Removed however the bench ends: a step that throws stops it, and its inputs (5 000-line estimates) would stay.
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const load = () => loadavg().map((x) => round(x, 2));
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGiB: round(totalmem() / 2 ** 30),
    node: process.version,
    renderingThreads: defaultWorkerCount(),
    loadAverageAtStart: load(),
  },
};
const rows: [string, string, string][] = [];
const row = (what: string, value: string, target = '') => {
  rows.push([what, value, target]);
  console.log(`  ${what.padEnd(60)} ${value.padEnd(26)} ${target}`);
};
const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED');

console.log(
  `annexes benchmark — ${results.date}, ${cpus().length} × ${cpus()[0]?.model}, load ${load().join(' ')}, ` +
    `${defaultWorkerCount()} rendering threads\n`,
);

// 1. Full set in process: cold (the first render: threads started, fonts parsed, code compiled) and warm.
const application = loadApplication(SAMPLE_FILE);
let t0 = performance.now();
const cold = await renderApplication(application);
const coldMs = performance.now() - t0;
const warmRuns: number[] = [];
const perKind = new Map<string, number[]>();
for (let i = 0; i < 5; i++) {
  t0 = performance.now();
  const r = await renderApplication(application);
  warmRuns.push(performance.now() - t0);
  for (const f of r.files) {
    const kind = `${f.annex === 'all' ? 'application' : `annex-${f.annex}`}.${f.format}`;
    perKind.set(kind, [...(perKind.get(kind) ?? []), f.ms]);
  }
}
const warmMs = median(warmRuns);
results.fullSet = {
  files: cold.files.length,
  coldMs: round(coldMs),
  warmMedianMs: round(warmMs),
  warmRunsMs: warmRuns.map((x) => round(x)),
  perKindMedianMs: Object.fromEntries([...perKind].map(([k, v]) => [k, round(median(v))])),
};
row(`Full set in process (${cold.files.length} files), cold`, `${round(coldMs)} ms`);
row('Full set in process, warm (median of 5)', `${round(warmMs)} ms`, `≤ 1000 ms ${ok(warmMs <= 1000)}`);
for (const [k, v] of perKind) row(`  ${k} (thread time per language, median)`, `${round(median(v))} ms`);

// 2. The whole CLI run as a process: the first with no rendering caches (as after an install), then three more.
const cli = () => {
  const start = performance.now();
  const r = spawnSync(process.execPath, [BIN, 'build', SAMPLE_FILE, '--out', join(work, 'cli'), '--quiet'], {
    encoding: 'utf8',
    // A cache folder of the bench's own, empty before the first run.
    env: { ...process.env, ANNEXES_CACHE_DIR: join(work, 'cache') },
  });
  if (r.status !== 0) throw new Error(`annexes build failed: ${r.stderr}`);
  return performance.now() - start;
};
const cliFirst = cli();
const cliRuns = [cli(), cli(), cli()];
const cliMs = median(cliRuns);
results.cli = { firstMs: round(cliFirst), medianMs: round(cliMs), runs: cliRuns.map((x) => round(x)) };
row('Whole CLI run `annexes build`, first (empty caches)', `${round(cliFirst)} ms`);
row('Whole CLI run `annexes build` (median of the next 3)', `${round(cliMs)} ms`, `≤ 2500 ms ${ok(cliMs <= 2500)}`);

// 3. The LibreOffice route: our DOCX files converted to PDF by soffice, one call, a fresh profile.
const soffice = ['soffice', 'libreoffice'].find((c) => spawnSync('which', [c]).status === 0);
if (soffice) {
  const docxDir = join(work, 'lo-in');
  const pdfDir = join(work, 'lo-out');
  const docx = cold.files.filter((f) => f.format === 'docx');
  execFileSync('mkdir', ['-p', docxDir, pdfDir]);
  for (const f of docx) writeFileSync(join(docxDir, f.name), f.data);
  const profile = `file://${join(work, 'lo-profile')}`;
  t0 = performance.now();
  const r = spawnSync(
    soffice,
    [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      pdfDir,
      ...docx.map((f) => join(docxDir, f.name)),
    ],
    { encoding: 'utf8', timeout: 600_000 },
  );
  const loMs = performance.now() - t0;
  const converted = readdirSync(pdfDir).filter((f) => f.endsWith('.pdf')).length;
  // Our time for the same PDFs: rendering just those (warm, median of 3), as one waits for them; and the thread
  // time of each added up, as if one thread made them all one after the other.
  const pdfRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    t0 = performance.now();
    await renderApplication(application, { formats: ['pdf'] });
    pdfRuns.push(performance.now() - t0);
  }
  const ours = median(pdfRuns);
  const langs = new Set(cold.files.map((f) => f.lang)).size;
  const oneThread = [...perKind].filter(([k]) => k.endsWith('.pdf')).reduce((s, [, v]) => s + median(v) * langs, 0);
  const ratio = loMs / ours;
  results.libreOffice = {
    ok: r.status === 0,
    files: docx.length,
    converted,
    ms: round(loMs),
    oursMs: round(ours),
    oursOneThreadMs: round(oneThread),
    ratio: round(ratio),
    ratioOneThread: round(loMs / oneThread),
  };
  row(`LibreOffice: ${converted}/${docx.length} DOCX → PDF, one soffice call`, `${round(loMs)} ms`);
  row('  our 10 PDFs of the same documents (warm, median of 3)', `${round(ours)} ms`);
  row('  the same, thread time added up (one thread)', `${round(oneThread)} ms`);
  row(
    '  LibreOffice time / ours',
    `${round(ratio)}× (one thread ${round(loMs / oneThread)}×)`,
    `≥ 10× ${ok(ratio >= 10)}`,
  );
} else {
  results.libreOffice = { skipped: 'soffice is not installed' };
  row('LibreOffice route', 'skipped: soffice is not installed');
}

// 4. Rebuild after a budget edit, the watch path: validate, render what changed (watch keeps the files of the
// previous build, RenderCache), write every file atomically. Timed from the saved file to all 20 files replaced.
const { buildOne } = await fromDist<typeof import('../src/cli/commands/build.ts')>('cli/commands/build.js');
const editFile = join(work, 'edited.json');
const edited = sampleJson();
const watchOptions: RenderOptions = { cache: new RenderCache() };
writeFileSync(editFile, JSON.stringify(edited, null, 2));
if (!(await buildOne(editFile, join(work, 'watch'), watchOptions)).ok) throw new Error('first build failed');
const rebuilds: number[] = [];
for (let i = 0; i < 5; i++) {
  edited.estimate.material.lines[0].price = 381000 + i * 1000; // the sample has 380 000: every save changes it
  writeFileSync(editFile, JSON.stringify(edited, null, 2));
  t0 = performance.now();
  const r = await buildOne(editFile, join(work, 'watch'), watchOptions);
  rebuilds.push(performance.now() - t0);
  if (!r.ok || r.files.length !== 20) throw new Error('rebuild failed');
}
const rebuildMs = median(rebuilds);
results.rebuild = { medianMs: round(rebuildMs), runsMs: rebuilds.map((x) => round(x)), files: 20 };
row('Rebuild after a budget edit, all 20 files replaced', `${round(rebuildMs)} ms`, `≤ 500 ms ${ok(rebuildMs <= 500)}`);

// 5. Scaling: the estimate (Annex 5, ru, DOCX + PDF) of N lines, each size in a fresh process for its peak memory.
const scaling: Record<string, { ms: number; coldMs: number; perFormat: object; peakMB: number; msPerLine: number }> =
  {};
for (const n of [100, 500, 2000, 5000]) {
  const file = join(work, `lines-${n}.json`);
  writeFileSync(file, JSON.stringify(withEstimateLines(n)));
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/scale-one.ts'), file], {
    encoding: 'utf8',
    cwd: ROOT,
  });
  if (r.status !== 0) throw new Error(`scale ${n}: ${r.stderr}`);
  const m = JSON.parse(r.stdout.trim().split('\n').pop() as string) as {
    ms: number;
    coldMs: number;
    perFormat: object;
    peakMB: number;
  };
  scaling[n] = {
    ms: round(m.ms),
    coldMs: round(m.coldMs),
    perFormat: m.perFormat,
    peakMB: round(m.peakMB),
    msPerLine: round(m.ms / n, 3),
  };
  row(
    `Estimate of ${n} lines: render (warm) and peak memory`,
    `${round(m.ms)} ms, ${round(m.peakMB)} MB`,
    n === 5000 ? `≤ 10 s, ≤ 500 MB ${ok(m.ms <= 10000 && m.peakMB <= 500)}` : '',
  );
}
const perLineRatio = (scaling[5000]?.msPerLine ?? 0) / (scaling[500]?.msPerLine ?? 1);
results.scaling = { ...scaling, perLineRatio5000to500: round(perLineRatio, 2) };
row('  time per line at 5 000 / at 500', `${round(perLineRatio, 2)}×`, `≤ 2× ${ok(perLineRatio <= 2)}`);

// 5b. The estimate as a workbook: export and import of a 2 000-line estimate, each in a fresh process (the
// first run is what a one-shot `annexes estimate export|import` costs), with the process's peak memory.
const workbookFile = join(work, 'workbook-2000.json');
const workbook = join(work, 'workbook-2000.xlsx');
writeFileSync(workbookFile, JSON.stringify(withEstimateLines(2000), null, 2));
const workbookRows: Record<string, { coldMs: number; warmMs: number; peakMB: number }> = {};
for (const mode of ['export', 'import'] as const) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'bench/spreadsheet-one.ts'), mode, workbookFile, workbook],
    { encoding: 'utf8', cwd: ROOT },
  );
  if (r.status !== 0) throw new Error(`workbook ${mode}: ${r.stderr}`);
  const m = JSON.parse(r.stdout.trim().split('\n').pop() as string) as { coldMs: number; ms: number; peakMB: number };
  workbookRows[mode] = { coldMs: round(m.coldMs), warmMs: round(m.ms), peakMB: round(m.peakMB) };
  row(
    `Estimate of 2 000 lines: ${mode} of the workbook (first / warm), peak memory`,
    `${round(m.coldMs)} / ${round(m.ms)} ms, ${round(m.peakMB)} MB`,
    `≤ 2 s ${ok(m.coldMs <= 2000)}`,
  );
}
results.workbook = { lines: 2000, ...workbookRows };

// 6. Batch: 50 different applications (ru, 10 files each), in this thread one after the other vs on the
// rendering threads, two applications in flight so that one is prepared while the other renders.
const batch = applicantVariants(50).map((json) => loadApplication({ value: json }));
const renderBatch = async (apps: LoadedApplication[], opts: RenderOptions, inFlight: number) => {
  let next = 0;
  const lane = async () => {
    while (next < apps.length) await renderApplication(apps[next++] as LoadedApplication, opts);
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
};
const serialOpts: RenderOptions = { langs: ['ru'], workers: 0 };
const poolOpts: RenderOptions = { langs: ['ru'] };
// Both warm: the writers loaded and compiled in this thread and in the rendering threads.
await renderBatch(batch.slice(0, 2), serialOpts, 1);
await renderBatch(batch.slice(0, 2), poolOpts, 2);
const serialStart = performance.now();
await renderBatch(batch, serialOpts, 1);
const serialMs = performance.now() - serialStart;
const poolStart = performance.now();
await renderBatch(batch, poolOpts, 2);
const poolMs = performance.now() - poolStart;
const speedup = serialMs / poolMs;
const threads = defaultWorkerCount();
results.batch = {
  applications: batch.length,
  serialPerSecond: round(batch.length / (serialMs / 1000), 2),
  poolPerSecond: round(batch.length / (poolMs / 1000), 2),
  threads,
  speedup: round(speedup, 2),
};
row(
  `Batch of ${batch.length} applications (ru, 10 files each), one thread`,
  `${round(batch.length / (serialMs / 1000), 2)} /s`,
);
row(
  `  on ${threads} rendering threads`,
  `${round(batch.length / (poolMs / 1000), 2)} /s`,
  `≥ 1.6× ${ok(speedup >= 1.6)} (${round(speedup, 2)}×)`,
);

// The editor (annexes edit): page load, edit → preview, memory over 200 edits.
results.editor = await benchEditor(row);

// watch over 300 saves: resident memory against its first build's peak.
results.watchMemory = await benchWatchMemory(row);

await closeRenderPool();
(results.machine as Record<string, unknown>).loadAverageAtEnd = load();
const resultsFile = fileURLToPath(new URL('./results.json', import.meta.url));
writeFileSync(resultsFile, `${JSON.stringify({ ...results, table: rows }, null, 2)}\n`);
// In the repository's JSON style (short arrays on one line), when the formatter is at hand.
spawnSync(join(ROOT, 'node_modules/.bin/biome'), ['format', '--write', resultsFile], { stdio: 'ignore' });
console.log(`\nload average at the end: ${load().join(' ')}\nwritten: bench/results.json`);
