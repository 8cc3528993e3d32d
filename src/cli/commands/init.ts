/**
 * `annexes init DIR`: a folder to start an application in: a blank application file whose texts are hints,
 * the JSON Schema it links to (so editors check and complete it outside this repository) and a how-to.
 * The blank files are data: templates/init/<lang>/.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import type { Lang } from '../../model/common.ts';
import { applicationJsonSchemaText } from '../../model/json-schema.ts';
import { safeName } from '../../output/names.ts';
import { TEMPLATES_DIR } from '../../package-files.ts';
import type { UiLang } from '../../validation/messages.ts';
import { EXIT, UserError } from '../exit-codes.ts';
import { commandAfter, help } from '../help-text.ts';
import { documentLang, parseUiLang, ui } from '../ui.ts';

const TEMPLATES = pathToFileURL(join(TEMPLATES_DIR, 'init/'));

/**
 * Where the schema goes: in a subfolder, so that `build DIR/*.json` finds only the application. The file links
 * to it as `./schema/application.schema.json`.
 */
export const INIT_SCHEMA = 'schema/application.schema.json' as const;

/**
 * The files of a new application folder, in the order they are listed: the application is named after its
 * folder (`init grant-2026` → `grant-2026/grant-2026.json`), so that several build side by side into
 * `out/<name>/`.
 */
export function initFileNames(name: string): string[] {
  return [`${name}.json`, INIT_SCHEMA, 'README.md'];
}

/** The application's name for a folder: the folder's own name, safe as a file name on every system. */
export function initName(dir: string): string {
  return safeName(basename(resolve(dir)), 'application');
}

/** The files of a new application folder in one language: relative path → text. */
export function initFiles<N extends string = 'application'>(
  lang: Lang,
  name: N = 'application' as N,
): Record<`${N}.json` | typeof INIT_SCHEMA | 'README.md', string> {
  const template = (file: string) => readFileSync(new URL(`${lang}/${file}`, TEMPLATES), 'utf8');
  // The how-to names the application's file and output folder; nothing else in it is a placeholder.
  const readme = template('README.md').replaceAll('{file}', `${name}.json`).replaceAll('{name}', name);
  const files: Record<string, string> = {
    [`${name}.json`]: template('application.json'),
    [INIT_SCHEMA]: applicationJsonSchemaText(),
    'README.md': readme,
  };
  return files as Record<`${N}.json` | typeof INIT_SCHEMA | 'README.md', string>;
}

/**
 * What `init` writes beside an application file that was made elsewhere (the editor's «create»): the schema its
 * `$schema` links to and the how-to, each only where no file of that name is yet (an existing one is kept).
 */
export async function writeInitCompanions(appFile: string, lang: Lang): Promise<void> {
  const dir = dirname(appFile);
  const name = basename(appFile).replace(/\.json$/i, '');
  const files = initFiles(lang, name) as Record<string, string>;
  await mkdir(join(dir, dirname(INIT_SCHEMA)), { recursive: true });
  for (const file of initFileNames(name).slice(1)) {
    try {
      await writeFile(join(dir, file), files[file]!, { flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

export function registerInit(program: Command, helpLang: UiLang = 'en'): void {
  program
    .command('init')
    .description(help(helpLang, 'init.description'))
    .argument('<dir>', help(helpLang, 'init.arg.dir'))
    .option('--lang <lang>', help(helpLang, 'init.opt.lang'))
    .addHelpText('after', commandAfter(helpLang, 'init'))
    .action(async (dir: string, opts: { lang?: string }, cmd: Command) => {
      const lang = parseUiLang(cmd.optsWithGlobals().uiLang);
      const docLang = documentLang(lang, opts.lang);
      if (existsSync(dir)) {
        if (!statSync(dir).isDirectory()) throw new UserError(ui(lang, 'initNotFolder', { dir }), EXIT.usage);
        if (readdirSync(dir).length > 0) throw new UserError(ui(lang, 'initNotEmpty', { dir }), EXIT.usage);
      }
      const name = initName(dir);
      const files = initFiles(docLang, name);
      const names = initFileNames(name);
      await mkdir(join(dir, dirname(INIT_SCHEMA)), { recursive: true });
      // 'wx': never replace a file, even one created since the check above.
      for (const file of names)
        await writeFile(join(dir, file), (files as Record<string, string>)[file]!, { flag: 'wx' });
      console.log(ui(lang, 'initCreated', { dir }));
      for (const file of names) console.log(`  ${join(dir, file)}`);
      const appFile = join(dir, names[0]!);
      console.log(ui(lang, 'initNext', { file: relative(process.cwd(), appFile) || appFile }));
      process.exitCode = EXIT.ok;
    });
}
