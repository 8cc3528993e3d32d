/**
 * The page's files: dist/editor/ as `npm run build:editor` wrote it, or, when that is missing or older than the
 * sources (a clone without a build), the page bundled in memory at start.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface PageAssets {
  /** name (index.html, editor.js, editor.css) → bytes */
  files: Map<string, Buffer>;
}

interface BuildScript {
  PAGE_DIR: string;
  OUT_DIR: string;
  STATIC_FILES: string[];
  newestSource(): number;
  bundleEditorPage(options?: { write?: boolean }): Promise<string>;
}

export async function loadPageAssets(): Promise<PageAssets> {
  // Imported by its URL so that the command's own bundle (src/startup) leaves the script where it is.
  const scriptUrl = new URL('../../../scripts/build-editor.mjs', import.meta.url).href;
  const script = (await import(scriptUrl)) as BuildScript;
  const files = new Map<string, Buffer>();
  const built = join(script.OUT_DIR, 'editor.js');
  const fresh = existsSync(built) && statSync(built).mtimeMs >= script.newestSource();
  if (fresh) {
    for (const name of ['editor.js', ...script.STATIC_FILES]) files.set(name, readFileSync(join(script.OUT_DIR, name)));
  } else {
    files.set('editor.js', Buffer.from(await script.bundleEditorPage()));
    for (const name of script.STATIC_FILES) files.set(name, readFileSync(join(script.PAGE_DIR, name)));
  }
  return { files };
}
