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
import { defaultWorkerCount, renderPool, WORKERS_ENV } from '../../render/index.ts';
import { ANNEXES } from '../../templates/engine.ts';
import { readJsonFile } from '../../validation/json-source.ts';
import type { UiLang } from '../../validation/messages.ts';
import { formatDiagnostic, type LocatedDiagnostic, locateAll } from '../../validation/report.ts';
import { documentDateFromEnv } from '../document-date.ts';
import { EXIT, UserError } from '../exit-codes.ts';
import { formatSize, parseList, parseUiLang, ui } from '../ui.ts';

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
export function addBuildOptions(cmd: Command): Command {
  return cmd
    .option('--lang <langs>', 'languages: ru, kk or ru,kk', 'ru,kk')
    .option('--format <formats>', 'formats: docx, pdf or docx,pdf', 'docx,pdf')
    .option('--annex <numbers>', 'annexes to build: any of 2,3,4,5', '2,3,4,5')
    .option('--out <dir>', 'output folder (each application gets a sub-folder)', 'out')
    .option('--compact', 'hide the empty fixed rows of the estimate')
    .option('--labels <file>', 'a JSON file that replaces fixed labels by key: { "ru": {…}, "kk": {…} }')
    .option('--fallback', "print the other language's text where a text lacks the document's language (with warnings)")
    .option('--rules-reference', 'the long annex header that cites the grant Rules');
}

export function renderOptions(lang: UiLang, opts: BuildCliOptions): RenderOptions {
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
}

/** Validates, renders in memory, then writes every file atomically; invalid data writes nothing. */
export async function buildOne(input: string, out: string, options: RenderOptions): Promise<BuildResult> {
  try {
    const loaded = loadApplication(input);
    const rendered = await renderApplication(loaded, options);
    const warnings = loaded.warnings;
    // Language warnings carry JSON paths: give them their place in the file.
    const langWarnings = locateAll(rendered.warnings, readJsonFile(input));
    const files = await writeRenderedFiles(outputFolder(out, input), rendered.files);
    return { input, ok: true, files, diagnostics: [...warnings, ...langWarnings] };
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
  if (!r.ok) {
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

export function registerBuild(program: Command): void {
  addBuildOptions(
    program
      .command('build')
      .description('render Annexes 2–5 of application files as DOCX and PDF, in Russian and Kazakh')
      .argument('<files...>', 'application JSON files'),
  )
    .option('--quiet', 'print only problems')
    .option('--json', 'print the results as JSON')
    .addHelpText(
      'after',
      `
Examples:
  annexes build data/gamo-2021.json                 all annexes, ru and kk, DOCX and PDF → out/gamo-2021/
  annexes build app.json --lang kk --format pdf     the Kazakh PDFs only
  annexes build a.json b.json --annex 5 --compact   the estimates of two applications, empty rows hidden
  annexes build app.json --labels official-kk.json  with your wording of fixed labels`,
    )
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
        const r = await buildOne(file, opts.out, buildOptions);
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
              problems: r.diagnostics.map((d) => ({
                severity: d.severity,
                path: d.path,
                line: d.position?.line ?? null,
                column: d.position?.column ?? null,
                message: formatDiagnostic(r.input, d, lang),
              })),
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
      process.exitCode = results.every((r) => r.ok) ? EXIT.ok : EXIT.invalidInput;
    });
}
