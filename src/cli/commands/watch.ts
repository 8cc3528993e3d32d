/**
 * `annexes watch FILE`: builds once, then again after every save of the file.
 *
 * The file's folder is watched (not the file): editors that save by writing a temporary file and renaming it over
 * the original replace the inode, which a watch on the file itself would lose. Saves are debounced, builds never
 * overlap, and a save during a build triggers exactly one more build after it. Invalid data writes nothing, so
 * the documents of the last good version stay in place.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { watch } from 'chokidar';
import type { Command } from 'commander';
import type { RenderOptions } from '../../pipeline/render-application.ts';
import { RenderCache } from '../../render/index.ts';
import type { UiLang } from '../../validation/messages.ts';
import { formatDiagnostic } from '../../validation/report.ts';
import { EXIT, UserError } from '../exit-codes.ts';
import { commandAfter, help } from '../help-text.ts';
import { formatSize, fsErrorMessage, parseUiLang, renderErrorMessage, ui } from '../ui.ts';
import { addBuildOptions, type BuildCliOptions, buildOne, renderOptions } from './build.ts';

/** Quiet time after the last change event before a build starts: an editor's save is several events. */
const DEBOUNCE_MS = 100;
/** Stops after this many builds (for tests and scripts); unset or 0 = run until stopped. */
export const MAX_BUILDS_ENV = 'ANNEXES_WATCH_MAX_BUILDS';
/** How often the watcher checks that the file (and its folder) still exist, ms. */
const PRESENCE_CHECK_MS = 500;

const clock = () => new Date().toTimeString().slice(0, 8);
const seconds = (lang: UiLang, ms: number) => {
  const s = (ms / 1000).toFixed(1);
  return lang === 'en' ? s : s.replace('.', ',');
};

/** One build with its report; returns whether the documents are up to date. Never throws. */
async function buildAndReport(
  lang: UiLang,
  file: string,
  out: string,
  options: RenderOptions,
  debug: boolean,
): Promise<boolean> {
  const t0 = performance.now();
  try {
    const r = await buildOne(file, out, options);
    for (const d of r.diagnostics) console.error(formatDiagnostic(file, d, lang));
    if (r.incompleteLangs?.length)
      console.error(`${clock()}  ${ui(lang, 'langsIncomplete', { file, langs: r.incompleteLangs.join(', ') })}`);
    if (!r.ok && r.files.length === 0) {
      console.error(`${clock()}  ${ui(lang, 'keptOld')}`);
      return false;
    }
    const first = r.files[0]?.path;
    console.log(
      ui(lang, 'rebuilt', {
        time: clock(),
        files: r.files.length,
        size: formatSize(
          lang,
          r.files.reduce((s, f) => s + f.bytes, 0),
        ),
        seconds: seconds(lang, performance.now() - t0),
        folder: first ? relative(process.cwd(), dirname(first)) || '.' : out,
      }),
    );
    return r.ok;
  } catch (e) {
    // Keep watching: the next save may well succeed (a full disk freed, a folder made writable, a smaller
    // application after a rendering thread ran out of memory: the pool starts a new thread for it).
    const thread = renderErrorMessage(lang, e);
    const message =
      e instanceof UserError
        ? e.message
        : (thread ?? fsErrorMessage(lang, e) ?? ui(lang, 'internal', { message: (e as Error)?.message ?? String(e) }));
    console.error(`${clock()}  ${message}`);
    if (thread !== undefined) console.error(`${clock()}  ${ui(lang, 'watchGoesOn')}`);
    if (debug && !(e instanceof UserError)) console.error((e as Error)?.stack);
    return false;
  }
}

export function registerWatch(program: Command, helpLang: UiLang = 'en'): void {
  addBuildOptions(
    program
      .command('watch')
      .description(help(helpLang, 'watch.description'))
      .argument('<file>', help(helpLang, 'arg.file')),
    helpLang,
  )
    .addHelpText('after', commandAfter(helpLang, 'watch'))
    .action(async (file: string, opts: BuildCliOptions, cmd: Command) => {
      const globals = cmd.optsWithGlobals();
      const lang = parseUiLang(globals.uiLang);
      const debug = globals.debug === true;
      // Documents an edit did not change are not laid out again (a budget edit re-renders the estimate).
      const cache = new RenderCache();
      const options: RenderOptions = { ...renderOptions(lang, opts), cache };
      const target = resolve(file);
      const folder = dirname(target);
      if (!existsSync(folder) || !statSync(folder).isDirectory())
        throw new UserError(ui(lang, 'watchNoFolder', { dir: folder }), EXIT.usage);
      if (!existsSync(target)) throw new UserError(ui(lang, 'fileNotFound', { path: file }), EXIT.usage);
      const maxBuilds = Number(process.env[MAX_BUILDS_ENV] || 0);

      let builds = 0;
      let lastOk = false;
      let busy = false;
      let pending = false;
      let stopping = false;
      let timer: NodeJS.Timeout | undefined;
      let finished!: () => void;
      const done = new Promise<void>((r) => {
        finished = r;
      });

      const startWatcher = () =>
        watch(folder, {
          depth: 0,
          ignoreInitial: true,
          // Only the folder itself and the file: not the rest of the folder (the output may well be inside).
          ignored: (p: string) => {
            const abs = resolve(p);
            return abs !== folder && abs !== target;
          },
        });
      let watcher = startWatcher();

      // The file or its whole folder may be deleted (and the watch on the folder dies with it): a check every
      // half second says so, waits for the file to come back and then watches it again. The timer also keeps
      // the process alive while nothing else does, so watching never ends silently.
      let missing = false;
      const presence = setInterval(() => {
        if (stopping) return;
        const present = existsSync(target);
        if (!present && !missing) {
          missing = true;
          console.error(`${clock()}  ${ui(lang, 'watchGone', { file })}`);
        } else if (present && missing) {
          missing = false;
          console.error(`${clock()}  ${ui(lang, 'watchBack', { file })}`);
          void watcher.close().catch(() => undefined);
          watcher = startWatcher();
          attach(watcher);
          onChange(target);
        }
      }, PRESENCE_CHECK_MS);

      const stop = async () => {
        if (timer) clearTimeout(timer);
        clearInterval(presence);
        await watcher.close();
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        finished();
      };

      const runBuilds = async () => {
        busy = true;
        do {
          pending = false;
          lastOk = await buildAndReport(lang, file, opts.out, options, debug);
          // Only the files of this build and the one before stay in memory.
          cache.endBuild();
          builds++;
          if (maxBuilds > 0 && builds >= maxBuilds) stopping = true;
        } while (pending && !stopping);
        busy = false;
        if (stopping) await stop();
      };

      const onChange = (path: string) => {
        if (resolve(path) !== target || stopping) return;
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = undefined;
          if (busy) pending = true;
          else void runBuilds();
        }, DEBOUNCE_MS);
      };

      function onSignal() {
        if (stopping) {
          // Second Ctrl+C: the user does not want to wait. Files are replaced atomically, none is left broken.
          process.exit(130);
        }
        stopping = true;
        if (busy) console.error(ui(lang, 'watchFinishing'));
        else void stop();
      }

      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      function attach(w: typeof watcher) {
        w.on('add', onChange).on('change', onChange);
        w.on('error', (e) => console.error(`${clock()}  ${fsErrorMessage(lang, e) ?? (e as Error)?.message ?? e}`));
      }
      attach(watcher);
      await new Promise<void>((r) => watcher.once('ready', () => r()));

      if (!stopping) {
        console.log(ui(lang, 'watching', { file }));
        await runBuilds();
      }
      await done;
      process.exitCode = lastOk ? EXIT.ok : EXIT.invalidInput;
    });
}
