/**
 * The page's files: dist/editor/ as the package's build step (`npm run build:editor`) wrote them. In a clone
 * whose page sources are newer than that (a developer editing the page), the page is bundled in memory at start
 * by the same script, so a change shows without a build.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../../package-files.ts';

export interface PageAssets {
  /** name (index.html, editor.js, editor.css) → bytes */
  files: Map<string, Buffer>;
}

interface BuildScript {
  PAGE_DIR: string;
  STATIC_FILES: string[];
  newestSource(): number;
  bundleEditorPage(options?: { write?: boolean }): Promise<string>;
}

export const PAGE_FILES = ['index.html', 'editor.js', 'editor.css'];
const BUILT = join(PACKAGE_ROOT, 'dist', 'editor');
/** Only in a clone: an installed package ships the built page and neither the script nor the page's sources. */
const SCRIPT = join(PACKAGE_ROOT, 'scripts', 'build-editor.mjs');

export class PageMissingError extends Error {}

export async function loadPageAssets(): Promise<PageAssets> {
  const files = new Map<string, Buffer>();
  const built = join(BUILT, 'editor.js');
  if (existsSync(SCRIPT) && existsSync(join(PACKAGE_ROOT, 'src', 'editor', 'page'))) {
    const script = (await import(pathToFileURL(SCRIPT).href)) as BuildScript;
    if (!existsSync(built) || statSync(built).mtimeMs < script.newestSource()) {
      files.set('editor.js', Buffer.from(await script.bundleEditorPage()));
      for (const name of script.STATIC_FILES) files.set(name, readFileSync(join(script.PAGE_DIR, name)));
      return { files };
    }
  }
  for (const name of PAGE_FILES) {
    const path = join(BUILT, name);
    if (!existsSync(path)) throw new PageMissingError(path);
    files.set(name, readFileSync(path));
  }
  return { files };
}
