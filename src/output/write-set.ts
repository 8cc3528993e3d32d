/**
 * Writing a rendered application into its folder. Every file is rendered before the first one is
 * written, and each is replaced atomically: a failed build leaves the previous documents as they were.
 */
import { mkdir, readdir, stat, unlink } from 'node:fs/promises';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import type { RenderedFile } from '../pipeline/render-application.ts';
import { writeFileAtomic } from './atomic.ts';
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

/** Temporary files of a build that was killed (its process is gone) are removed before the next one writes. */
async function removeStaleTemporaries(folder: string): Promise<void> {
  for (const name of await readdir(folder)) {
    const m = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid !== process.pid && !processAlive(pid)) await unlink(join(folder, name)).catch(() => {});
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function writeRenderedFiles(folder: string, files: RenderedFile[]): Promise<WrittenFile[]> {
  await mkdir(folder, { recursive: true });
  await removeStaleTemporaries(folder);
  const written: WrittenFile[] = [];
  for (const f of files) {
    const path = join(folder, f.name);
    assertInside(folder, path);
    await writeFileAtomic(path, f.data);
    written.push({ path, bytes: (await stat(path)).size, ms: f.ms });
  }
  return written;
}
