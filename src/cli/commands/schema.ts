import type { Command } from 'commander';
import { applicationJsonSchemaText } from '../../model/json-schema.ts';
import { writeFileAtomic } from '../../output/atomic.ts';
import type { UiLang } from '../../validation/messages.ts';
import { commandAfter, help } from '../help-text.ts';

export function registerSchema(program: Command, helpLang: UiLang = 'en'): void {
  program
    .command('schema')
    .description(help(helpLang, 'schema.description'))
    .option('--write <file>', help(helpLang, 'schema.opt.write'))
    .addHelpText('after', commandAfter(helpLang, 'schema'))
    .action(async (opts: { write?: string }) => {
      const text = applicationJsonSchemaText();
      if (opts.write) await writeFileAtomic(opts.write, text);
      else process.stdout.write(text);
    });
}
