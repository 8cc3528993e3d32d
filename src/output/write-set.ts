/**
 * Writing a rendered application into its folder, as a set. Every file is rendered before anything is
 * written; then, under the folder's lock, every document is written to its temporary name and flushed, and only
 * when all of them are on disk are they renamed into place, one after the other. A full disk or any other error
 * before the first rename leaves every previous document as it was; a failure after it (rare: a rename refused)
 * says which documents are new and which are still the previous version.
 */
import { constants } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import type { RenderedFile } from '../pipeline/render-application.ts';
import { OutputError } from './errors.ts';
import { lockFolder, processAlive } from './lock.ts';
import { safeName } from './names.ts';

/** The output folder of an application file: `<out>/<file name without .json>`, never outside `<out>`. */
export function outputFolder(outRoot: string, inputFile: string): string {
  const folder = resolve(outRoot, safeName(basename(inputFile, extname(inputFile)), 'application'));
  assertInside(outRoot, folder);
  return folder;
}

function assertInside(root: string, path: string): void {
  const rel = relative(resolve(root), resolve(path));
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || resolve(rel) === rel)
    throw new Error(`output path escapes the output folder: ${path}`);
}

export interface WrittenFile {
  path: string;
  bytes: number;
  /** Time to render this file, ms. */
  ms: number;
}

/** The file system calls of the writer: node:fs/promises, or a stand-in that injects faults (tests). */
export type OutputFs = Pick<typeof fsPromises, 'open' | 'rename' | 'unlink' | 'mkdir' | 'lstat' | 'readdir' | 'access'>;

export interface WriteOptions {
  fs?: OutputFs;
  /** How long to wait for another build into the same folder, ms. */
  lockWaitMs?: number;
  /** Pauses between attempts to replace a file another program holds open, ms (their sum is the patience). */
  busyRetryMs?: readonly number[];
}

/** Windows refuses to replace a file open in Word or a PDF viewer (EBUSY, EPERM, EACCES); it may be closed soon. */
const DEFAULT_BUSY_RETRY_MS = [100, 200, 400, 800, 1500];
const isBusy = (code: string | undefined) =>
  code === 'EBUSY' || (process.platform === 'win32' && (code === 'EPERM' || code === 'EACCES'));

const TEMPORARY = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

function temporaryName(target: string): string {
  const random = Math.floor(Math.random() * 0x100000000)
    .toString(16)
    .padStart(8, '0');
  return join(resolve(target, '..'), `.${basename(target)}.${process.pid}.${random}.tmp`);
}

/** Temporary files of a build that was killed (its process is gone) are removed before the next one writes. */
async function removeStaleTemporaries(fs: OutputFs, folder: string): Promise<void> {
  for (const name of await fs.readdir(folder)) {
    const m = TEMPORARY.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid !== process.pid && !processAlive(pid)) await fs.unlink(join(folder, name)).catch(() => {});
  }
}

const codeOf = (e: unknown) => (e as NodeJS.ErrnoException)?.code;

/**
 * Creates the folder and its missing parents one by one (node's recursive mkdir loops forever under /proc and
 * reports only ENOENT under a read-only parent). A failure names the folder and the real reason.
 */
async function makeFolder(fs: OutputFs, folder: string): Promise<void> {
  const missing: string[] = [];
  for (let dir = folder; ; dir = resolve(dir, '..')) {
    const exists = await fs.lstat(dir).then(
      () => true,
      () => false,
    );
    if (exists || dir === resolve(dir, '..')) break;
    missing.unshift(dir);
  }
  for (const dir of missing) {
    try {
      await fs.mkdir(dir);
    } catch (e) {
      let code = codeOf(e);
      if (code === 'EEXIST') continue;
      // Under a read-only or forbidden parent some file systems say only that the folder does not exist.
      if (code === 'ENOENT')
        code = await fs.access(resolve(dir, '..'), constants.W_OK).then(
          () => code,
          (e2: unknown) => codeOf(e2) ?? code,
        );
      throw new OutputError('fs', folder, code);
    }
  }
  // The tool makes this folder itself: a symbolic link in its place was put there by someone else and would
  // lead the documents anywhere on the disk.
  const st = await fs.lstat(folder);
  if (st.isSymbolicLink()) throw new OutputError('symlink', folder, undefined);
  if (!st.isDirectory()) throw new OutputError('fs', folder, 'ENOTDIR');
}

/** Writes `data` to a new temporary file next to `target` and flushes it to the disk. */
async function writeTemporary(fs: OutputFs, target: string, data: Uint8Array): Promise<string> {
  const tmp = temporaryName(target);
  // O_EXCL never opens an existing file, O_NOFOLLOW never follows a link planted at that name.
  const handle = await fs.open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (e) {
    await handle.close().catch(() => {});
    await fs.unlink(tmp).catch(() => {});
    throw e;
  }
  await handle.close();
  return tmp;
}

async function renameRetrying(fs: OutputFs, from: string, to: string, pauses: readonly number[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (e) {
      const pause = pauses[attempt];
      if (!isBusy(codeOf(e)) || pause === undefined) throw e;
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}

export async function writeRenderedFiles(
  folder: string,
  files: RenderedFile[],
  options: WriteOptions = {},
): Promise<WrittenFile[]> {
  const fs = options.fs ?? fsPromises;
  const targets = files.map((f) => {
    const path = join(folder, f.name);
    assertInside(folder, path);
    return path;
  });
  await makeFolder(fs, folder);
  const lock = await lockFolder(folder, options.lockWaitMs);
  const temporaries: string[] = [];
  try {
    await removeStaleTemporaries(fs, folder);
    // 1. Every new document on the disk under its temporary name: nothing is replaced yet.
    for (const [i, f] of files.entries()) {
      const target = targets[i]!;
      try {
        // A folder where a document should be cannot be replaced: find it now, before any rename.
        const st = await fs.lstat(target).catch(() => undefined);
        if (st?.isDirectory()) throw Object.assign(new Error('a folder stands at the target'), { code: 'EISDIR' });
        temporaries.push(await writeTemporary(fs, target, f.data));
      } catch (e) {
        throw new OutputError('fs', target, codeOf(e), [], targets);
      }
    }
    // 2. The renames: each replaces one document whole.
    for (const [i, tmp] of temporaries.entries()) {
      const target = targets[i]!;
      try {
        await renameRetrying(fs, tmp, target, options.busyRetryMs ?? DEFAULT_BUSY_RETRY_MS);
      } catch (e) {
        const code = codeOf(e);
        throw new OutputError(isBusy(code) ? 'busy' : 'fs', target, code, targets.slice(0, i), targets.slice(i));
      }
      temporaries[i] = '';
    }
  } finally {
    for (const tmp of temporaries) if (tmp) await fs.unlink(tmp).catch(() => {});
    await lock.release();
  }
  return files.map((f, i) => ({ path: targets[i]!, bytes: f.data.length, ms: f.ms }));
}
