/** Where the rendering caches live (the threads' bundle, shaping results). */
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * node_modules/.cache/ngo-grant-annexes in the node_modules that holds the writers' libraries (so that a bundle
 * kept there imports them as the sources do).
 */
export function renderCacheDir(): string {
  const pdfmake = createRequire(import.meta.url).resolve('pdfmake');
  const at = pdfmake.lastIndexOf(join('node_modules', 'pdfmake'));
  if (at < 0) throw new Error(`pdfmake is not inside a node_modules folder: ${pdfmake}`);
  return join(pdfmake.slice(0, at + 'node_modules'.length), '.cache', 'ngo-grant-annexes');
}
