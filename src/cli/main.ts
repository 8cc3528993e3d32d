/** The `annexes` command line. */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { PACKAGE_JSON, PACKAGE_ROOT } from '../package-files.ts';
import { RenderSettingError, RenderThreadError } from '../render/pool.ts';
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
import { localizedHelp, localizeError } from './help.ts';
import { help, programAfter } from './help-text.ts';
import { fsErrorMessage, parseUiLang, renderErrorExit, renderErrorMessage, ui } from './ui.ts';

const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string };
/** The package's README: what an installed user has to read (docs/ is not in every copy; the README ships). */
const README = join(PACKAGE_ROOT, 'README.md');

/**
 * The interface language before the command line is parsed (help and argument errors need it): `--ui-lang X`
 * or `--ui-lang=X`, else ANNEXES_UI_LANG, else the system locale, else Russian. A wrong value is refused later.
 */
export function earlyUiLang(argv: readonly string[]): UiLang {
  let value: string | undefined;
  argv.forEach((a, i) => {
    if (a === '--ui-lang') value = argv[i + 1];
    else if (a.startsWith('--ui-lang=')) value = a.slice('--ui-lang='.length);
  });
  try {
    return parseUiLang(value);
  } catch {
    return 'ru';
  }
}

export function createProgram(lang: UiLang = 'en'): Command {
  const program = new Command('annexes')
    .description(help(lang, 'program.description'))
    .version(pkg.version, '-v, --version', help(lang, 'opt.version'))
    .helpOption('-h, --help', help(lang, 'opt.help'))
    .helpCommand('help [command]', help(lang, 'cmd.help'))
    .option('--ui-lang <lang>', help(lang, 'opt.uiLang'))
    .option('--debug', help(lang, 'opt.debug'))
    // Set before the commands are added: they inherit the help's words, the error output and the pointer.
    .configureHelp(localizedHelp(lang))
    .configureOutput({ outputError: (text, write) => write(localizeError(lang, text)) })
    .showHelpAfterError(help(lang, 'error.seeHelp', { command: 'annexes' }))
    .exitOverride()
    .addHelpText('after', programAfter(lang, README));
  registerInit(program, lang);
  registerValidate(program, lang);
  registerBuild(program, lang);
  registerWatch(program, lang);
  registerEdit(program, lang);
  registerTotals(program, lang);
  registerEstimate(program, lang);
  registerDiff(program, lang);
  registerLabels(program, lang);
  registerSchema(program, lang);
  // After a usage error: the error in one line, then where the command's help is (not the whole help).
  for (const cmd of program.commands)
    cmd.showHelpAfterError(help(lang, 'error.seeHelp', { command: `annexes ${cmd.name()}` }));
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = createProgram(earlyUiLang(argv));
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
    // A rendering thread out of memory or crashed (nothing was written), or a bad setting of the threads.
    if (e instanceof RenderThreadError || e instanceof RenderSettingError) {
      console.error(renderErrorMessage(lang, e));
      if (debug) console.error(e.stack);
      return renderErrorExit(e);
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
