/**
 * Where what the renderer learns is kept between runs: the user's cache directory (XDG_CACHE_HOME, else
 * ~/.cache; %LOCALAPPDATA% on Windows), never inside the installed package. ANNEXES_CACHE_DIR names another
 * folder; ANNEXES_CACHE_DIR=off keeps everything in memory.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The folder for this package's caches, or undefined when caching on disk is off or has nowhere to go. */
export function renderCacheDir(): string | undefined {
  const env = process.env;
  if (env.ANNEXES_CACHE_DIR === 'off') return undefined;
  if (env.ANNEXES_CACHE_DIR) return env.ANNEXES_CACHE_DIR;
  const base =
    process.platform === 'win32'
      ? env.LOCALAPPDATA
      : env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : undefined);
  return base ? join(base, 'ngo-grant-annexes') : undefined;
}
