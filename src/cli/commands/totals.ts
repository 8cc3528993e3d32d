import type { Command } from 'commander';
import { computeEstimate } from '../../budget/compute.ts';
import { formatTotalsTable, totalsReport } from '../../budget/totals.ts';
import type { UiLang } from '../../validation/messages.ts';
import { formatDiagnostic } from '../../validation/report.ts';
import { validateFile } from '../../validation/validate.ts';
import { EXIT } from '../exit-codes.ts';
import { commandAfter, help } from '../help-text.ts';
import { documentLang, missingInput, parseUiLang, ui } from '../ui.ts';

export function registerTotals(program: Command, helpLang: UiLang = 'en'): void {
  program
    .command('totals')
    .description(help(helpLang, 'totals.description'))
    .argument('<file>', help(helpLang, 'arg.file'))
    .option('--lang <lang>', help(helpLang, 'totals.opt.lang'))
    .option('--json', help(helpLang, 'totals.opt.json'))
    .addHelpText('after', commandAfter(helpLang, 'totals'))
    .action((file: string, opts: { lang?: string; json?: boolean }, cmd: Command) => {
      const lang = parseUiLang(cmd.optsWithGlobals().uiLang);
      const docLang = documentLang(lang, opts.lang);
      const result = validateFile(file);
      const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
      // The totals are printed whenever the model could read the estimate, errors of the checks or not: they are
      // what the user needs to fix a material share over the limit or a grant over the cap.
      const app = result.application ?? result.parsed;
      if (app) {
        const report = totalsReport(result.estimate ?? computeEstimate(app.estimate, app.project.calendar));
        if (opts.json) console.log(JSON.stringify(report, null, 2));
        else process.stdout.write(formatTotalsTable(report, docLang, app.edition));
      }
      for (const d of result.diagnostics) console.error(formatDiagnostic(file, d, lang));
      if (errors > 0)
        console.error(ui(lang, 'summary', { file, errors, warnings: result.diagnostics.length - errors }));
      process.exitCode = missingInput(result.diagnostics) ? EXIT.usage : errors > 0 ? EXIT.invalidInput : EXIT.ok;
    });
}
