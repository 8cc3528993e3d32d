/**
 * One build at a time per output folder. Two builds into one folder at once would each replace the documents
 * file by file and could leave a mix of both; a lock file made with O_EXCL serialises them. The second build
 * waits for the first (checking every 100 ms) and refuses with a message after `waitMs`. A lock whose process
 * is gone (a killed build) is taken over.
 */
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { OutputError } from './errors.ts';

export const LOCK_NAME = '.annexes.lock';
/** How long a build waits for another one into the same folder, ms (ANNEXES_LOCK_WAIT_MS overrides it). */
export const DEFAULT_LOCK_WAIT_MS = 120_000;

export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Folders this process holds: a lock file naming this pid but not held here is left from an earlier run. */
const held = new Set<string>();

export interface FolderLock {
  release(): Promise<void>;
}

const NO_LOCK: FolderLock = { release: async () => {} };

export async function lockFolder(folder: string, waitMs = lockWaitMs()): Promise<FolderLock> {
  const path = join(folder, LOCK_NAME);
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      held.add(path);
      return {
        release: async () => {
          held.delete(path);
          await unlink(path).catch(() => {});
        },
      };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A folder that cannot take a new file cannot take the documents either: the writes say why.
      if (code !== 'EEXIST') return NO_LOCK;
    }
    const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    const stale = Number.isNaN(holder)
      ? // Created this instant and not written yet, or left empty by a kill long ago.
        Date.now() - ((await stat(path).catch(() => undefined))?.mtimeMs ?? 0) > 5000
      : holder === process.pid
        ? !held.has(path)
        : !processAlive(holder);
    if (stale) {
      await unlink(path).catch(() => {});
      continue;
    }
    if (Date.now() >= deadline) throw new OutputError('locked', folder, undefined, [], [], holder);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function lockWaitMs(): number {
  const v = Number(process.env.ANNEXES_LOCK_WAIT_MS);
  return Number.isFinite(v) && v >= 0 ? v : DEFAULT_LOCK_WAIT_MS;
}
