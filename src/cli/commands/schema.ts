import type { Command } from 'commander';
import { applicationJsonSchemaText } from '../../model/json-schema.ts';
import { writeFileAtomic } from '../../output/atomic.ts';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of an application file')
    .option('--write <file>', 'write it to a file instead')
    .addHelpText(
      'after',
      '\nExamples:\n  annexes schema > application.schema.json\n  annexes schema --write schema/application.schema.json',
    )
    .action(async (opts: { write?: string }) => {
      const text = applicationJsonSchemaText();
      if (opts.write) await writeFileAtomic(opts.write, text);
      else process.stdout.write(text);
    });
}
