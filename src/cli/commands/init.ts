/**
 * `annexes init DIR`: a folder to start an application in: a blank application file whose texts are hints,
 * the JSON Schema it links to (so editors check and complete it outside this repository) and a how-to.
 * The blank files are data: templates/init/<lang>/.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { LANGUAGES, type Lang } from '../../model/common.ts';
import { applicationJsonSchemaText } from '../../model/json-schema.ts';
import { TEMPLATES_DIR } from '../../package-files.ts';
import { EXIT, UserError } from '../exit-codes.ts';
import { documentLang, parseUiLang, ui } from '../ui.ts';

const TEMPLATES = pathToFileURL(join(TEMPLATES_DIR, 'init/'));

/** Names of the files `init` creates, in the order they are listed. */
export const INIT_FILES = ['application.json', 'application.schema.json', 'README.md'] as const;

/** The files of a new application folder in one language: name → text. */
export function initFiles(lang: Lang): Record<(typeof INIT_FILES)[number], string> {
  const template = (name: string) => readFileSync(new URL(`${lang}/${name}`, TEMPLATES), 'utf8');
  return {
    'application.json': template('application.json'),
    'application.schema.json': applicationJsonSchemaText(),
    'README.md': template('README.md'),
  };
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create a folder with a blank application file (hints in place of the texts) and a how-to')
    .argument('<dir>', 'a new or empty folder')
    .option(
      '--lang <lang>',
      `language of the hints and the how-to: ${LANGUAGES.join(' or ')} (default: the interface language, else ru)`,
    )
    .addHelpText(
      'after',
      `
Creates DIR/application.json, DIR/application.schema.json (editors use it to check and complete the file)
and DIR/README.md. The blank file builds at once: the documents show the form with the hints.
An existing non-empty folder is refused (exit 2).

Examples:
  annexes init my-application
  annexes init otinim --lang kk
  annexes build my-application/application.json`,
    )
    .action(async (dir: string, opts: { lang?: string }, cmd: Command) => {
      const lang = parseUiLang(cmd.optsWithGlobals().uiLang);
      const docLang = documentLang(lang, opts.lang);
      if (existsSync(dir)) {
        if (!statSync(dir).isDirectory()) throw new UserError(ui(lang, 'initNotFolder', { dir }), EXIT.usage);
        if (readdirSync(dir).length > 0) throw new UserError(ui(lang, 'initNotEmpty', { dir }), EXIT.usage);
      }
      const files = initFiles(docLang);
      await mkdir(dir, { recursive: true });
      // 'wx': never replace a file, even one created since the check above.
      for (const name of INIT_FILES) await writeFile(join(dir, name), files[name], { flag: 'wx' });
      console.log(ui(lang, 'initCreated', { dir }));
      for (const name of INIT_FILES) console.log(`  ${join(dir, name)}`);
      const app = relative(process.cwd(), join(dir, 'application.json')) || join(dir, 'application.json');
      console.log(ui(lang, 'initNext', { file: app }));
      process.exitCode = EXIT.ok;
    });
}
