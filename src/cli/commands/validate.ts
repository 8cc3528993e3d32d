import type { Command } from 'commander';
import { formatDiagnostic } from '../../validation/report.ts';
import { validateFile } from '../../validation/validate.ts';
import { EXIT } from '../exit-codes.ts';
import { parseUiLang, ui } from '../ui.ts';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check application files and list every problem with its line and JSON path')
    .argument('<files...>', 'application JSON files')
    .option('--strict', 'treat warnings as errors')
    .addHelpText(
      'after',
      '\nExamples:\n  annexes validate data/gamo-2021.json\n  annexes validate --ui-lang kk --strict my-application.json',
    )
    .action((files: string[], opts: { strict?: boolean }, cmd: Command) => {
      const lang = parseUiLang(cmd.optsWithGlobals().uiLang);
      let failed = false;
      for (const file of files) {
        const result = validateFile(file);
        for (const d of result.diagnostics) console.log(formatDiagnostic(file, d, lang));
        const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
        const warnings = result.diagnostics.length - errors;
        if (errors === 0 && warnings === 0) console.log(`${file}: ${ui(lang, 'valid')}`);
        else console.log(ui(lang, 'summary', { file, errors, warnings }));
        if (errors > 0 || (opts.strict && warnings > 0)) failed = true;
        if (opts.strict && errors === 0 && warnings > 0) console.log(ui(lang, 'strictFailed'));
      }
      process.exitCode = failed ? EXIT.invalidInput : EXIT.ok;
    });
}
