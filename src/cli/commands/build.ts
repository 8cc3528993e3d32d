import { relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import {
  describeOverrideProblem,
  LabelOverrideError,
  type LabelOverrides,
  readLabelOverrides,
} from '../../i18n/labels.ts';
import { LANGUAGES } from '../../model/common.ts';
import { outputFolder, type WrittenFile, writeRenderedFiles } from '../../output/write-set.ts';
import { loadApplication } from '../../pipeline/load.ts';
import {
  ApplicationDataError,
  FORMATS,
  type RenderOptions,
  renderApplication,
} from '../../pipeline/render-application.ts';
import { defaultWorkerCount, renderPool, threadMemoryLimitMb, WORKERS_ENV } from '../../render/index.ts';
import { ANNEXES } from '../../templates/engine.ts';
import { readJsonFile } from '../../validation/json-source.ts';
import type { UiLang } from '../../validation/messages.ts';
import {
  formatDiagnostic,
  type LocatedDiagnostic,
  locateAll,
  problemsJson,
  sortDiagnostics,
} from '../../validation/report.ts';
import { documentDateFromEnv } from '../document-date.ts';
import { EXIT, UserError } from '../exit-codes.ts';
import { commandAfter, type HelpKey, help } from '../help-text.ts';
import { progressLine } from '../progress.ts';
import { formatSize, missingInput, parseList, parseUiLang, ui } from '../ui.ts';

export interface BuildCliOptions {
  lang?: string;
  format?: string;
  annex?: string;
  out: string;
  compact?: boolean;
  labels?: string;
  fallback?: boolean;
  rulesReference?: boolean;
  quiet?: boolean;
  json?: boolean;
}

/** Adds the options `build` and `watch` share. */
export function addBuildOptions(cmd: Command, helpLang: UiLang = 'en'): Command {
  const h = (key: HelpKey) => help(helpLang, key);
  return cmd
    .option('--lang <langs>', h('build.opt.lang'))
    .option('--format <formats>', h('build.opt.format'), 'docx,pdf')
    .option('--annex <numbers>', h('build.opt.annex'), '2,3,4,5')
    .option('--out <dir>', h('build.opt.out'), 'out')
    .option('--compact', h('build.opt.compact'))
    .option('--labels <file>', h('build.opt.labels'))
    .option('--fallback', h('build.opt.fallback'))
    .option('--rules-reference', h('build.opt.rulesReference'));
}

export function renderOptions(lang: UiLang, opts: BuildCliOptions): RenderOptions {
  // A bad heap limit of the rendering threads would fail every build (every one of watch): refused at once.
  threadMemoryLimitMb();
  let labelOverrides: LabelOverrides | undefined;
  if (opts.labels) {
    try {
      labelOverrides = readLabelOverrides(opts.labels);
    } catch (e) {
      if (e instanceof LabelOverrideError)
        throw new UserError(e.problems.map((p) => `${opts.labels}  ${describeOverrideProblem(p, lang)}`).join('\n'));
      throw e;
    }
  }
  return {
    langs: parseList(lang, '--lang', opts.lang, LANGUAGES),
    formats: parseList(lang, '--format', opts.format, FORMATS),
    annexes: parseList(lang, '--annex', opts.annex, ANNEXES),
    compact: opts.compact === true,
    fallback: opts.fallback === true,
    labelOverrides,
    rulesReference: opts.rulesReference === true,
    date: documentDateFromEnv(lang),
  };
}

export interface BuildResult {
  input: string;
  ok: boolean;
  files: WrittenFile[];
  diagnostics: LocatedDiagnostic[];
  /** Languages left out because texts are missing in them (the others are written). */
  incompleteLangs?: string[];
}

/** Validates, renders in memory, then writes every file atomically; invalid data writes nothing. */
export async function buildOne(input: string, out: string, options: RenderOptions): Promise<BuildResult> {
  try {
    const loaded = loadApplication(input);
    const { warnings } = loaded;
    // A language with missing texts fails alone: the complete languages are still written.
    const rendered = await renderApplication(loaded, { ...options, skipIncomplete: true });
    // Language problems carry JSON paths: give them their place in the file.
    const source = readJsonFile(input);
    const langProblems = locateAll([...rendered.incomplete, ...rendered.warnings], source);
    // Every asked language incomplete: nothing to write, not even the folder.
    const files = rendered.files.length > 0 ? await writeRenderedFiles(outputFolder(out, input), rendered.files) : [];
    const incompleteLangs = [...new Set(rendered.incomplete.map((d) => String(d.params?.lang)))];
    return {
      input,
      ok: incompleteLangs.length === 0,
      files,
      diagnostics: sortDiagnostics([...warnings, ...langProblems]),
      incompleteLangs,
    };
  } catch (e) {
    if (e instanceof ApplicationDataError) {
      const located = locateAll(e.diagnostics, readJsonFile(input));
      return { input, ok: false, files: [], diagnostics: located };
    }
    throw e;
  }
}

export function printResult(lang: UiLang, r: BuildResult, quiet: boolean): void {
  for (const d of r.diagnostics) console.error(formatDiagnostic(r.input, d, lang));
  if (r.incompleteLangs?.length)
    console.error(ui(lang, 'langsIncomplete', { file: r.input, langs: r.incompleteLangs.join(', ') }));
  if (!r.ok && r.files.length === 0) {
    console.error(ui(lang, 'buildFailed', { file: r.input }));
    return;
  }
  if (quiet) return;
  for (const f of r.files)
    console.log(
      ui(lang, 'written', {
        path: relative(process.cwd(), f.path) || f.path,
        size: formatSize(lang, f.bytes),
        ms: Math.round(f.ms),
      }),
    );
}

export function registerBuild(program: Command, helpLang: UiLang = 'en'): void {
  addBuildOptions(
    program
      .command('build')
      .description(help(helpLang, 'build.description'))
      .argument('<files...>', help(helpLang, 'arg.files')),
    helpLang,
  )
    .option('--quiet', help(helpLang, 'build.opt.quiet'))
    .option('--json', help(helpLang, 'build.opt.json'))
    .addHelpText('after', commandAfter(helpLang, 'build'))
    .action(async (files: string[], opts: BuildCliOptions, cmd: Command) => {
      const lang = parseUiLang(cmd.optsWithGlobals().uiLang);
      const options = renderOptions(lang, opts);
      // Two inputs whose names give the same output folder would overwrite each other's documents.
      const folders = new Map<string, string>();
      for (const file of files) {
        const folder = outputFolder(opts.out, file);
        const other = folders.get(folder);
        if (other !== undefined && other !== file)
          throw new UserError(ui(lang, 'sameFolder', { a: other, b: file, folder }), EXIT.usage);
        folders.set(folder, file);
      }
      // Rendering threads start while the first file is read and checked. For one application, the PDFs are
      // made in this thread and the DOCX files on one thread beside it: more threads would each load, compile
      // and warm up the same writers again, which costs a single run more than it saves (ANNEXES_WORKERS
      // overrides this).
      const asked = (process.env[WORKERS_ENV] ?? '').trim() !== '';
      const workers = files.length > 1 || asked ? defaultWorkerCount() : Math.min(1, defaultWorkerCount());
      const buildOptions: RenderOptions = { ...options, workers };
      if (workers > 0)
        renderPool(workers)
          .warmUp(workers === 1 ? ['docx'] : undefined)
          .catch(() => undefined);
      const t0 = performance.now();
      const results: BuildResult[] = [];
      for (const file of files) {
        const progress = progressLine(lang, file, !opts.quiet && !opts.json);
        const r = await buildOne(file, opts.out, { ...buildOptions, onFile: progress.onFile }).finally(() =>
          progress.clear(),
        );
        results.push(r);
        if (!opts.json) printResult(lang, r, opts.quiet === true);
      }
      const written = results.flatMap((r) => r.files);
      if (opts.json) {
        const ms = (n: number) => Math.round(n * 10) / 10;
        console.log(
          JSON.stringify(
            results.map((r) => ({
              input: r.input,
              ok: r.ok,
              files: r.files.map((f) => ({ path: f.path, bytes: f.bytes, ms: ms(f.ms) })),
              problems: problemsJson(r.input, r.diagnostics, lang),
            })),
            null,
            2,
          ),
        );
      } else if (!opts.quiet && written.length > 0) {
        const bytes = written.reduce((s, f) => s + f.bytes, 0);
        const seconds = ((performance.now() - t0) / 1000).toFixed(1);
        console.log(
          ui(lang, 'buildSummary', {
            files: written.length,
            size: formatSize(lang, bytes),
            seconds: lang === 'en' ? seconds : seconds.replace('.', ','),
          }),
        );
      }
      process.exitCode = results.some((r) => missingInput(r.diagnostics))
        ? EXIT.usage
        : results.every((r) => r.ok)
          ? EXIT.ok
          : EXIT.invalidInput;
    });
}
