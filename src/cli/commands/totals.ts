import type { Command } from 'commander';
import { formatTotalsTable, totalsReport } from '../../budget/totals.ts';
import { formatDiagnostic } from '../../validation/report.ts';
import { validateFile } from '../../validation/validate.ts';
import { EXIT } from '../exit-codes.ts';
import { documentLang, parseUiLang, ui } from '../ui.ts';

export function registerTotals(program: Command): void {
  program
    .command('totals')
    .description('print the totals of the estimate (Annex 5): sections, articles, activities, the grand total')
    .argument('<file>', 'application JSON file')
    .option('--lang <lang>', 'language of the table: ru or kk (default: the interface language, else ru)')
    .option('--json', 'print the totals as JSON (amounts in tenge, shares of the grant in percent)')
    .addHelpText(
      'after',
      `
Every row shows the four columns of the estimate (total, own contribution, co-financing, grant) and
the row's share of the grant. Problems of the data go to stderr; invalid data exits with 1.

Examples:
  annexes totals data/gamo-2021.json
  annexes totals data/gamo-2021.json --lang kk
  annexes totals data/gamo-2021.json --json > totals.json`,
    )
    .action((file: string, opts: { lang?: string; json?: boolean }, cmd: Command) => {
      const lang = parseUiLang(cmd.optsWithGlobals().uiLang);
      const docLang = documentLang(lang, opts.lang);
      const result = validateFile(file);
      for (const d of result.diagnostics) console.error(formatDiagnostic(file, d, lang));
      if (!result.ok || !result.application || !result.estimate) {
        const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
        console.error(ui(lang, 'summary', { file, errors, warnings: result.diagnostics.length - errors }));
        process.exitCode = EXIT.invalidInput;
        return;
      }
      const report = totalsReport(result.estimate);
      if (opts.json) console.log(JSON.stringify(report, null, 2));
      else process.stdout.write(formatTotalsTable(report, docLang, result.application.edition));
      process.exitCode = EXIT.ok;
    });
}
