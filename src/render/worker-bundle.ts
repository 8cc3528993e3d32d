/**
 * The script a rendering thread starts from: a new thread would load every TypeScript module of the writers
 * through tsx (about half a second), so it starts from a cached bundle of them (src/startup/bundle-cache.mjs),
 * else from the sources through tsx.
 */
import { bundledEntry } from '../startup/bundle-cache.mjs';

const SOURCE = new URL('./worker.ts', import.meta.url);
const TSX_ENTRY = new URL('./worker-entry.mjs', import.meta.url);

let entry: Promise<URL> | undefined;

/** The URL of the rendering thread's script: the cached bundle when it can be had, else the tsx entry. */
export function workerEntry(): Promise<URL> {
  entry ??= bundledEntry(SOURCE, 'render-worker').then((url) => url ?? TSX_ENTRY);
  return entry;
}
