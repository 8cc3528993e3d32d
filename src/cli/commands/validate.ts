import type { Command } from 'commander';
import { LANGUAGES } from '../../model/common.ts';
import type { UiLang } from '../../validation/messages.ts';
import { formatDiagnostic, locateAll, problemsJson, sortDiagnostics } from '../../validation/report.ts';
import { type ValidationResult, validateFile } from '../../validation/validate.ts';
import { translationDiagnostics } from '../../views/language.ts';
import { EXIT } from '../exit-codes.ts';
import { commandAfter, help } from '../help-text.ts';
import { missingInput, parseUiLang, ui } from '../ui.ts';

/**
 * Every text missing in a language the application is filed in (`"languages"`, else both) is an error: the
 * documents of that language could not be made.
 */
function withFilingLanguages<T extends ValidationResult & { source: Parameters<typeof locateAll>[1] }>(r: T): T {
  const app = r.application;
  if (!app) return r;
  const missing = (app.languages ?? [...LANGUAGES]).flatMap((l) => translationDiagnostics(app, l, false));
  if (missing.length === 0) return r;
  const diagnostics = sortDiagnostics([...r.diagnostics, ...locateAll(missing, r.source)]);
  return { ...r, diagnostics, ok: false };
}

export function registerValidate(program: Command, helpLang: UiLang = 'en'): void {
  program
    .command('validate')
    .description(help(helpLang, 'validate.description'))
    .argument('<files...>', help(helpLang, 'arg.files'))
    .option('--strict', help(helpLang, 'validate.opt.strict'))
    .option('--json', help(helpLang, 'validate.opt.json'))
    .addHelpText('after', commandAfter(helpLang, 'validate'))
    .action((files: string[], opts: { strict?: boolean; json?: boolean }, cmd: Command) => {
      const lang = parseUiLang(cmd.optsWithGlobals().uiLang);
      let failed = false;
      let missing = false;
      const entries: unknown[] = [];
      for (const file of files) {
        const result = withFilingLanguages(validateFile(file));
        const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
        const warnings = result.diagnostics.length - errors;
        const fileFailed = errors > 0 || (opts.strict === true && warnings > 0);
        if (fileFailed) failed = true;
        if (missingInput(result.diagnostics)) missing = true;
        if (opts.json) {
          entries.push({ input: file, ok: !fileFailed, problems: problemsJson(file, result.diagnostics, lang) });
          continue;
        }
        // Problems go to stderr, as for every command; the verdict of each file to stdout.
        for (const d of result.diagnostics) console.error(formatDiagnostic(file, d, lang));
        if (errors === 0 && warnings === 0) console.log(`${file}: ${ui(lang, 'valid')}`);
        else console.log(ui(lang, 'summary', { file, errors, warnings }));
        if (opts.strict && errors === 0 && warnings > 0) console.log(ui(lang, 'strictFailed'));
      }
      if (opts.json) console.log(JSON.stringify(entries, null, 2));
      process.exitCode = missing ? EXIT.usage : failed ? EXIT.invalidInput : EXIT.ok;
    });
}
