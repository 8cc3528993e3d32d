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
import { EXIT, UserError } from '../exit-codes.ts';
import { documentLang, parseChoice, parseUiLang, ui } from '../ui.ts';

interface LabelsCliOptions {
  lang?: string;
  status?: string;
  labels?: string;
  json?: boolean;
}

export function registerLabels(program: Command): void {
  program
    .command('labels')
    .description('list the fixed labels of the forms with their status (checked against the official text or not)')
    .option('--lang <lang>', 'language: ru or kk (default: the interface language, else ru)')
    .option('--status <status>', `only the labels of one status: ${LABEL_STATUSES.join(', ')}`)
    .option('--labels <file>', 'apply your override file first (its labels get the status "override")')
    .option('--json', 'print the labels as JSON: [{ "key", "status", "text" }]')
    .addHelpText(
      'after',
      `
Status: verbatim — the form's own wording (Kazakh: checked against an official text);
assembled — wording the documents add, or a Kazakh label built from attested terms;
draft — a Kazakh translation not yet checked against the official text; override — from --labels.
The list goes to stdout (key, status, text), the count per status to stderr.

Examples:
  annexes labels --lang kk --status draft            Kazakh labels still to check
  annexes labels --lang kk --labels my-labels.json   what your override file changes
  annexes labels --lang ru --json > labels.ru.json`,
    )
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
