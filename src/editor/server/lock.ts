/**
 * One editor per file: a lock in the temporary folder (not beside the file, which may be in git) names the
 * process and the address of the editor that has the file open. A lock left by a process that is gone is taken over.
 */
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface LockInfo {
  pid: number;
  /** Address of the editor, without its token. */
  address: string;
  file: string;
}

function lockPath(file: string): string {
  let real = resolve(file);
  try {
    real = realpathSync(file);
  } catch {
    // A file not created yet is locked by its absolute path.
  }
  return join(tmpdir(), `annexes-edit-${createHash('sha256').update(real).digest('hex').slice(0, 16)}.lock`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface FileLock {
  /** Records the editor's address once it is known. */
  update(address: string): void;
  release(): void;
}

/** Takes the lock of `file`, or returns who holds it. */
export function lockFile(file: string): FileLock | { heldBy: LockInfo } {
  const path = lockPath(file);
  const write = (address: string, flag: 'wx' | 'w') =>
    writeFileSync(path, JSON.stringify({ pid: process.pid, address, file: resolve(file) } satisfies LockInfo), {
      flag,
    });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      write('', 'wx');
      let released = false;
      return {
        update: (address) => write(address, 'w'),
        release: () => {
          if (released) return;
          released = true;
          try {
            unlinkSync(path);
          } catch {
            // Already gone.
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let info: LockInfo | undefined;
      try {
        info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
      } catch {
        info = undefined;
      }
      if (info && typeof info.pid === 'number' && info.pid !== process.pid && alive(info.pid)) return { heldBy: info };
      try {
        unlinkSync(path);
      } catch {
        // Another process took it over first: the next attempt says so.
      }
    }
  }
  throw new Error(`cannot take the lock ${path}`);
}
