/** `annexes estimate export|import`: the estimate as an XLSX workbook and back. */
import { readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { computeEstimate, walkLines } from '../../budget/index.ts';
import { compareApplications } from '../../compare/compare.ts';
import { comparisonReport, formatComparisonTable } from '../../compare/report.ts';
import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import { loadLabels } from '../../i18n/labels.ts';
import type { Application } from '../../model/application.ts';
import { writeFileAtomic } from '../../output/atomic.ts';
import { sheetText } from '../../spreadsheet/messages.ts';
import type { UiLang } from '../../validation/messages.ts';
import { formatDiagnostic } from '../../validation/report.ts';
import { validateFile } from '../../validation/validate.ts';
import { EXIT, UserError } from '../exit-codes.ts';
import { commandAfter, help } from '../help-text.ts';
import { documentLang, parseUiLang, ui } from '../ui.ts';

/** The application of a file, or its problems printed and exit code 1. */
export function loadOrReport(
  file: string,
  lang: UiLang,
): { application: Application; text: string; diagnostics: Diagnostic[] } | undefined {
  const result = validateFile(file);
  if (!result.ok || !result.application) {
    if (result.diagnostics.some((d) => d.key === 'file.missing'))
      throw new UserError(ui(lang, 'fileNotFound', { path: file }), EXIT.usage);
    for (const d of result.diagnostics) console.error(formatDiagnostic(file, d, lang));
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    console.error(ui(lang, 'summary', { file, errors, warnings: result.diagnostics.length - errors }));
    process.exitCode = EXIT.invalidInput;
    return undefined;
  }
  return { application: result.application, text: result.source.text, diagnostics: result.diagnostics };
}

export function registerEstimate(program: Command, helpLang: UiLang = 'en'): void {
  const estimate = program
    .command('estimate')
    .description(help(helpLang, 'estimate.description'))
    .addHelpText('after', commandAfter(helpLang, 'estimate'));

  estimate
    .command('export')
    .description(help(helpLang, 'estimate.export.description'))
    .argument('<file>', help(helpLang, 'arg.file'))
    .requiredOption('--xlsx <book>', help(helpLang, 'estimate.export.opt.xlsx'))
    .option('--lang <lang>', help(helpLang, 'estimate.export.opt.lang'))
    .addHelpText('after', commandAfter(helpLang, 'estimate.export'))
    .action(async (file: string, opts: { xlsx: string; lang?: string }, cmd: Command) => {
      const lang = parseUiLang(cmd.optsWithGlobals().uiLang);
      const docLang = documentLang(lang, opts.lang);
      const loaded = loadOrReport(file, lang);
      if (!loaded) return;
      // The workbook library is loaded only by the commands that use it (it would slow every command's start).
      const { exportEstimateWorkbook, sheetNames } = await import('../../spreadsheet/export.ts');
      const book = await exportEstimateWorkbook(loaded.application, docLang);
      const out = resolve(opts.xlsx);
      await mkdir(dirname(out), { recursive: true });
      await writeFileAtomic(out, book);
      const computed = computeEstimate(loaded.application.estimate, loaded.application.project.calendar);
      console.log(
        sheetText(lang, 'exported', {
          out: opts.xlsx,
          lines: [...walkLines(computed)].length,
          sheet: sheetNames(docLang).estimate,
        }),
      );
      process.exitCode = EXIT.ok;
    });

  estimate
    .command('import')
    .description(help(helpLang, 'estimate.import.description'))
    .argument('<book>', help(helpLang, 'estimate.import.arg.book'))
    .argument('<file>', help(helpLang, 'estimate.import.arg.file'))
    .option('--dry-run', help(helpLang, 'estimate.import.opt.dryRun'))
    .addHelpText('after', commandAfter(helpLang, 'estimate.import'))
    .action(async (bookPath: string, file: string, opts: { dryRun?: boolean }, cmd: Command) => {
      const lang = parseUiLang(cmd.optsWithGlobals().uiLang);
      let size: number;
      try {
        size = statSync(bookPath).size;
      } catch {
        throw new UserError(ui(lang, 'fileNotFound', { path: bookPath }), EXIT.usage);
      }
      const loaded = loadOrReport(file, lang);
      if (!loaded) return;
      const { importEstimateWorkbook, MAX_BOOK_BYTES } = await import('../../spreadsheet/import.ts');
      // A book too large is refused before it is read into memory.
      const book = size > MAX_BOOK_BYTES ? new Uint8Array(size) : readFileSync(bookPath);
      const result = await importEstimateWorkbook({
        book,
        bookName: basename(bookPath),
        fileText: loaded.text,
        application: loaded.application,
        fileName: file,
        fileDiagnostics: loaded.diagnostics,
        uiLang: lang,
      });
      for (const e of result.errors) console.error(e);
      if (!result.ok || !result.application) {
        console.error(
          sheetText(lang, 'importFailed', { file, book: basename(bookPath), errors: result.errors.length }),
        );
        process.exitCode = EXIT.invalidInput;
        return;
      }
      for (const w of result.warnings) console.error(w);
      if (!result.changed) {
        console.log(sheetText(lang, 'nothingChanged', { file }));
        process.exitCode = EXIT.ok;
        return;
      }
      if (opts.dryRun) {
        console.log(sheetText(lang, 'dryRun', { file }));
        const labels = loadLabels(loaded.application.edition, lang === 'kk' ? 'kk' : 'ru');
        const report = comparisonReport(compareApplications(loaded.application, result.application), labels);
        process.stdout.write(formatComparisonTable(report, labels));
        process.exitCode = EXIT.ok;
        return;
      }
      await writeFileAtomic(file, result.text);
      console.log(sheetText(lang, 'imported', { file, book: basename(bookPath), lines: result.lineCount }));
      process.exitCode = EXIT.ok;
    });
}
