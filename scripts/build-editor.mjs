// Bundles the editor's page (src/editor/page/, TypeScript) with esbuild into dist/editor/: index.html,
// editor.js, editor.css. `annexes edit` serves these files, and bundles the page in memory itself when they are
// missing or older than the sources, so the editor also runs straight from a clone.
import { copyFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const PAGE_DIR = join(ROOT, 'src/editor/page');
export const OUT_DIR = join(ROOT, 'dist/editor');
/** Files copied as they are. */
export const STATIC_FILES = ['index.html', 'editor.css'];

/** The newest modification time of the page's sources and of what they bundle from src/ (budget, model). */
export function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const dir of ['src/editor/page', 'src/budget', 'src/model', 'templates/2015-413', 'templates/init']) walk(join(ROOT, dir));
  return newest;
}

/**
 * The page's script as text (and written to dist/editor/ with `write`).
 * @param {{ write?: boolean }} [options]
 * @returns {Promise<string>}
 */
export async function bundleEditorPage(options = {}) {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [join(PAGE_DIR, 'main.ts')],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    write: false,
    outfile: join(OUT_DIR, 'editor.js'),
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error('esbuild wrote no bundle');
  if (options.write) {
    mkdirSync(OUT_DIR, { recursive: true });
    const { writeFileSync, renameSync } = await import('node:fs');
    const tmp = join(OUT_DIR, `.editor.js.${process.pid}.tmp`);
    writeFileSync(tmp, code);
    renameSync(tmp, join(OUT_DIR, 'editor.js'));
    for (const name of STATIC_FILES) copyFileSync(join(PAGE_DIR, name), join(OUT_DIR, name));
  }
  return code;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const code = await bundleEditorPage({ write: true });
  console.log(`${join(dirname(OUT_DIR), 'editor')}: editor.js ${Math.round(code.length / 1024)} KB, ${STATIC_FILES.join(', ')}`);
}
