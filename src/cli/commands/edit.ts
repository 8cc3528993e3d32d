/**
 * `annexes edit FILE`: a local web editor of the application file with live totals, problems and preview
 * (src/editor). The file stays the one source of truth: the page saves into it, and reloads what others write.
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { PageMissingError } from '../../editor/server/assets.ts';
import { startEditorServer } from '../../editor/server/http.ts';
import { lockFile } from '../../editor/server/lock.ts';
import { editText } from '../../editor/server/texts.ts';
import type { UiLang } from '../../validation/messages.ts';
import { EXIT, UserError } from '../exit-codes.ts';
import { commandAfter, help } from '../help-text.ts';
import { parseUiLang } from '../ui.ts';

/** Opens the system browser; a machine without one just has the printed address. */
function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No browser opener: the address is printed.
  }
}

export function registerEdit(program: Command, helpLang: UiLang = 'en'): void {
  program
    .command('edit')
    .description(help(helpLang, 'edit.description'))
    .argument('<file>', help(helpLang, 'edit.arg.file'))
    .option('--port <n>', help(helpLang, 'edit.opt.port'))
    .option('--no-open', help(helpLang, 'edit.opt.noOpen'))
    .addHelpText('after', commandAfter(helpLang, 'edit'))
    .action(async (file: string, opts: { port?: string; open: boolean }, cmd: Command) => {
      const lang = parseUiLang(cmd.optsWithGlobals().uiLang);
      let port = 0;
      if (opts.port !== undefined) {
        port = Number(opts.port);
        if (!/^\d+$/.test(opts.port) || port < 1 || port > 65535)
          throw new UserError(editText(lang, 'badPort', { got: opts.port }), EXIT.usage);
      }
      const folder = dirname(resolve(file));
      if (!existsSync(folder) || !statSync(folder).isDirectory())
        throw new UserError(editText(lang, 'noFolder', { dir: folder }), EXIT.usage);
      const lock = lockFile(file);
      if ('heldBy' in lock)
        throw new UserError(
          editText(lang, 'locked', {
            file,
            address: lock.heldBy.address || editText(lang, 'lockedStarting'),
            pid: lock.heldBy.pid,
          }),
          EXIT.usage,
        );
      // Ctrl+C is handled from here on, also while the server starts: it then stops as soon as it is up.
      let stopping = false;
      let stopped!: () => void;
      const done = new Promise<void>((r) => {
        stopped = r;
      });
      let editor: Awaited<ReturnType<typeof startEditorServer>> | undefined;
      const stop = () => {
        if (stopping) process.exit(130);
        stopping = true;
        if (editor) void finish(editor);
      };
      const finish = (e: Awaited<ReturnType<typeof startEditorServer>>) =>
        e
          .close()
          .catch(() => {})
          .finally(() => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            lock.release();
            console.log(editText(lang, 'stopped', { file }));
            stopped();
          });
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      try {
        editor = await startEditorServer({ file, port, uiLang: lang });
      } catch (e) {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        lock.release();
        if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
          throw new UserError(editText(lang, 'portBusy', { port }), EXIT.usage);
        if (e instanceof PageMissingError)
          throw new UserError(editText(lang, 'pageMissing', { path: e.message }), EXIT.internal);
        throw e;
      }
      lock.update(editor.address);
      if (editor.file.current.text === undefined) console.log(editText(lang, 'missing', { file }));
      console.log(editText(lang, 'running', { file, url: editor.url }));
      if (opts.open) openBrowser(editor.url);
      if (stopping) void finish(editor);
      await done;
      process.exitCode = EXIT.ok;
    });
}
