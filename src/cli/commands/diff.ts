/** `annexes diff OLD.json NEW.json`: what changed between two versions of an application. */
import { mkdir } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import type { Command } from 'commander';
import { compareApplications } from '../../compare/compare.ts';
import { comparisonDocument, renderComparison } from '../../compare/document.ts';
import { comparisonJson, comparisonReport, formatComparisonTable } from '../../compare/report.ts';
import { loadLabels } from '../../i18n/labels.ts';
import { writeFileAtomic } from '../../output/atomic.ts';
import type { UiLang } from '../../validation/messages.ts';
import { documentDateFromEnv } from '../document-date.ts';
import { EXIT, UserError } from '../exit-codes.ts';
import { commandAfter, help } from '../help-text.ts';
import { documentLang, parseUiLang, ui } from '../ui.ts';
import { loadOrReport } from './estimate.ts';

const REPORT_FORMATS = ['.docx', '.pdf'] as const;

export function registerDiff(program: Command, helpLang: UiLang = 'en'): void {
  program
    .command('diff')
    .description(help(helpLang, 'diff.description'))
    .argument('<old>', help(helpLang, 'diff.arg.old'))
    .argument('<new>', help(helpLang, 'diff.arg.new'))
    .option('--lang <lang>', help(helpLang, 'diff.opt.lang'))
    .option('--json', help(helpLang, 'diff.opt.json'))
    .option('--out <report>', help(helpLang, 'diff.opt.out'))
    .addHelpText('after', commandAfter(helpLang, 'diff'))
    .action(
      async (oldFile: string, newFile: string, opts: { lang?: string; json?: boolean; out?: string }, cmd: Command) => {
        const lang = parseUiLang(cmd.optsWithGlobals().uiLang);
        const docLang = documentLang(lang, opts.lang);
        const format = opts.out === undefined ? undefined : extname(opts.out).toLowerCase();
        if (format !== undefined && !(REPORT_FORMATS as readonly string[]).includes(format))
          throw new UserError(
            ui(lang, 'badChoice', { option: '--out', allowed: REPORT_FORMATS.join(', '), got: opts.out ?? '' }),
            EXIT.usage,
          );
        const before = loadOrReport(oldFile, lang);
        const after = before && loadOrReport(newFile, lang);
        if (!before || !after) return;
        const comparison = compareApplications(before.application, after.application);
        const labels = loadLabels(after.application.edition, docLang);
        const report = comparisonReport(comparison, labels);
        if (opts.json) process.stdout.write(comparisonJson(report));
        else process.stdout.write(formatComparisonTable(report, labels));
        if (opts.out !== undefined) {
          // The report carries the date given at the edge (SOURCE_DATE_EPOCH), as the annexes do.
          const doc = comparisonDocument(
            comparison,
            after.application,
            docLang,
            { oldName: basename(oldFile), newName: basename(newFile) },
            documentDateFromEnv(lang),
          );
          const out = resolve(opts.out);
          await mkdir(dirname(out), { recursive: true });
          await writeFileAtomic(out, await renderComparison(doc, format === '.pdf' ? 'pdf' : 'docx'));
          if (!opts.json) console.log(opts.out);
        }
        process.exitCode = EXIT.ok;
      },
    );
}
