/**
 * Renders the estimate (Annex 5, Russian, DOCX and PDF) of one generated application twice in this process and
 * prints the second (warm) render's time and the process's peak memory, rendering threads included.
 */
import { performance } from 'node:perf_hooks';
import { closeRenderPool, loadApplication, renderApplication } from './package.ts';

const application = loadApplication(process.argv[2] as string);
const opts = { langs: ['ru' as const], annexes: [5 as const] };
let t0 = performance.now();
await renderApplication(application, opts);
const coldMs = performance.now() - t0;
t0 = performance.now();
const { files } = await renderApplication(application, opts);
const ms = performance.now() - t0;
const perFormat = Object.fromEntries(files.map((f) => [f.format, Math.round(f.ms)]));
await closeRenderPool();
console.log(JSON.stringify({ ms, coldMs, perFormat, peakMB: process.resourceUsage().maxRSS / 1024 }));
