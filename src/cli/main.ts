/** The `annexes` command line. */

import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { PACKAGE_JSON } from '../package-files.ts';
import type { UiLang } from '../validation/messages.ts';
import { registerBuild } from './commands/build.ts';
import { registerDiff } from './commands/diff.ts';
import { registerEdit } from './commands/edit.ts';
import { registerEstimate } from './commands/estimate.ts';
import { registerInit } from './commands/init.ts';
import { registerLabels } from './commands/labels.ts';
import { registerSchema } from './commands/schema.ts';
import { registerTotals } from './commands/totals.ts';
import { registerValidate } from './commands/validate.ts';
import { registerWatch } from './commands/watch.ts';
import { EXIT, UserError } from './exit-codes.ts';
import { fsErrorMessage, parseUiLang, ui } from './ui.ts';

const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string };

export function createProgram(): Command {
  const program = new Command('annexes')
    .description(
      'Annexes 2–5 of an NGO state grant application (Kazakhstan) from one JSON file: DOCX and PDF, Russian and Kazakh',
    )
    .version(pkg.version, '-v, --version')
    .option('--ui-lang <lang>', 'language of messages: ru, kk or en (default ru, or $ANNEXES_UI_LANG)')
    .option('--debug', 'show the stack of an internal error')
    .showHelpAfterError()
    .exitOverride()
    .addHelpText(
      'after',
      `
Examples:
  annexes init my-application                 a blank application with hints and a how-to
  annexes validate my-application/application.json
  annexes build my-application/application.json
  annexes watch my-application/application.json --lang ru --format pdf
  annexes edit my-application/application.json   forms in the browser, live totals and preview
  annexes totals my-application/application.json
  annexes estimate export my-application/application.json --xlsx smeta.xlsx
  annexes estimate import smeta.xlsx my-application/application.json
  annexes diff old.json new.json --out changes.pdf
  annexes labels --lang kk --status draft
  annexes help build                          options of one command

Details of every command: docs/commands.md`,
    );
  registerInit(program);
  registerValidate(program);
  registerBuild(program);
  registerWatch(program);
  registerEdit(program);
  registerTotals(program);
  registerEstimate(program);
  registerDiff(program);
  registerLabels(program);
  registerSchema(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof UserError) {
      console.error(e.message);
      return e.exitCode;
    }
    const lang = uiLangOf(program);
    // No permission, no space, a missing file named on the command line: the user can fix these.
    const fsMessage = fsErrorMessage(lang, e);
    if (fsMessage) {
      console.error(fsMessage);
      if (debug) console.error((e as Error).stack);
      return EXIT.usage;
    }
    const err = e as Error;
    console.error(ui(lang, 'internal', { message: err?.message ?? String(e) }));
    if (debug) console.error(err?.stack);
    return EXIT.internal;
  }
}

function uiLangOf(program: Command): UiLang {
  try {
    return parseUiLang(program.opts().uiLang);
  } catch {
    return 'ru';
  }
}
