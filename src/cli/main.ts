/** The `annexes` command line. */

import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerBuild } from './commands/build.ts';
import { registerSchema } from './commands/schema.ts';
import { registerValidate } from './commands/validate.ts';
import { EXIT, UserError } from './exit-codes.ts';
import { ui } from './ui.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export function createProgram(): Command {
  const program = new Command('annexes')
    .description(
      'Annexes 2–5 of an NGO state grant application (Kazakhstan) from one JSON file: DOCX and PDF, Russian and Kazakh',
    )
    .version(pkg.version, '-v, --version')
    .option('--ui-lang <lang>', 'language of messages: ru, kk or en (default ru, or $ANNEXES_UI_LANG)')
    .option('--debug', 'show the stack of an internal error')
    .showHelpAfterError()
    .exitOverride();
  registerBuild(program);
  registerValidate(program);
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
    const err = e as Error;
    console.error(ui('ru', 'internal', { message: err?.message ?? String(e) }));
    if (debug) console.error(err?.stack);
    return EXIT.internal;
  }
}
