import type { Command } from 'commander';
import {
  describeOverrideProblem,
  formatLabelList,
  LABEL_STATUSES,
  LabelOverrideError,
  type LabelOverrides,
  type LabelStatus,
  listLabels,
  readLabelOverrides,
} from '../../i18n/labels.ts';
import type { UiLang } from '../../validation/messages.ts';
import { EXIT, UserError } from '../exit-codes.ts';
import { commandAfter, help } from '../help-text.ts';
import { documentLang, parseChoice, parseUiLang, ui } from '../ui.ts';

interface LabelsCliOptions {
  lang?: string;
  status?: string;
  labels?: string;
  json?: boolean;
}

export function registerLabels(program: Command, helpLang: UiLang = 'en'): void {
  program
    .command('labels')
    .description(help(helpLang, 'labels.description'))
    .option('--lang <lang>', help(helpLang, 'labels.opt.lang'))
    .option('--status <status>', help(helpLang, 'labels.opt.status', { statuses: LABEL_STATUSES.join(', ') }))
    .option('--labels <file>', help(helpLang, 'labels.opt.labels'))
    .option('--json', help(helpLang, 'labels.opt.json'))
    .addHelpText('after', commandAfter(helpLang, 'labels'))
    .action((opts: LabelsCliOptions, cmd: Command) => {
      const lang = parseUiLang(cmd.optsWithGlobals().uiLang);
      const docLang = documentLang(lang, opts.lang);
      const status =
        opts.status === undefined ? undefined : parseChoice<LabelStatus>(lang, '--status', opts.status, LABEL_STATUSES);
      let overrides: LabelOverrides | undefined;
      if (opts.labels) {
        try {
          overrides = readLabelOverrides(opts.labels);
        } catch (e) {
          if (e instanceof LabelOverrideError)
            throw new UserError(
              e.problems.map((p) => `${opts.labels}  ${describeOverrideProblem(p, lang)}`).join('\n'),
              EXIT.invalidInput,
            );
          throw e;
        }
      }
      const all = listLabels({ lang: docLang, overrides: overrides?.[docLang] });
      const rows = status ? all.filter((e) => e.status === status) : all;
      if (opts.json) console.log(JSON.stringify(rows, null, 2));
      else process.stdout.write(formatLabelList(rows));
      const byStatus = LABEL_STATUSES.map((s) => [s, all.filter((e) => e.status === s).length] as const)
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${s} ${n}`)
        .join(', ');
      if (!opts.json) console.error(ui(lang, 'labelsSummary', { lang: docLang, count: all.length, byStatus }));
      process.exitCode = EXIT.ok;
    });
}
