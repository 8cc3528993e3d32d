/**
 * Exports the estimate of one generated application as a workbook, or imports such a workbook back into it, in a
 * fresh process: prints the first (cold, as a one-shot command runs) and a second (warm) time of the step and the
 * process's peak memory.
 *
 *   node --import tsx bench/spreadsheet-one.ts export app.json book.xlsx
 *   node --import tsx bench/spreadsheet-one.ts import app.json book.xlsx
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fromDist, loadApplication } from './package.ts';

const { exportEstimateWorkbook } =
  await fromDist<typeof import('../src/spreadsheet/export.ts')>('spreadsheet/export.js');
const { importEstimateWorkbook } =
  await fromDist<typeof import('../src/spreadsheet/import.ts')>('spreadsheet/import.js');

const [mode, file, bookPath] = process.argv.slice(2) as [string, string, string];
const fileText = readFileSync(file, 'utf8');
const { application, warnings } = loadApplication({ text: fileText });
const step = async () => {
  if (mode === 'export') writeFileSync(bookPath, await exportEstimateWorkbook(application, 'ru'));
  else {
    const r = await importEstimateWorkbook({
      book: readFileSync(bookPath),
      bookName: bookPath,
      fileText,
      application,
      fileName: file,
      fileDiagnostics: warnings,
      uiLang: 'en',
    });
    if (!r.ok || r.changed) throw new Error(`the round trip changed the estimate: ${r.errors.join('\n')}`);
  }
};
let t0 = performance.now();
await step();
const coldMs = performance.now() - t0;
t0 = performance.now();
await step();
const ms = performance.now() - t0;
console.log(JSON.stringify({ coldMs, ms, peakMB: process.resourceUsage().maxRSS / 1024 }));
