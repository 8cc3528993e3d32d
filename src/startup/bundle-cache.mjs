/**
 * Bundles of the TypeScript sources, for a fast start.
 *
 * Loading the sources through tsx costs about half a second per process (and per rendering thread): every module
 * is resolved, read and transformed on its own. A bundle is one JavaScript file made by esbuild from an entry
 * and every source it imports (the npm packages stay outside); it is kept in node_modules/.cache and made again
 * when any of its sources changes (by size and modification time), so editing the sources needs no build step.
 * Plain JavaScript, because it runs before tsx is loaded. ANNEXES_BUNDLE=0 turns bundles off (sources via tsx).
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * node_modules/.cache/ngo-grant-annexes in the node_modules that holds the writers' libraries (so that a bundle
 * kept there imports them as the sources do).
 * @returns {string}
 */
export function cacheDir() {
  const pdfmake = createRequire(import.meta.url).resolve('pdfmake');
  const at = pdfmake.lastIndexOf(join('node_modules', 'pdfmake'));
  if (at < 0) throw new Error(`pdfmake is not inside a node_modules folder: ${pdfmake}`);
  return join(pdfmake.slice(0, at + 'node_modules'.length), '.cache', 'ngo-grant-annexes');
}

/** @param {string} file @returns {[number, number]} */
function stampOf(file) {
  const s = statSync(file);
  return [s.size, s.mtimeMs];
}

/** @param {string} bundle @param {string} stampFile @param {string} source */
function fresh(bundle, stampFile, source) {
  try {
    statSync(bundle);
    /** @type {{ source: string, inputs: Record<string, [number, number]> }} */
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    // Another checkout sharing this node_modules keeps its own sources.
    if (stamp.source !== source) return false;
    return Object.entries(stamp.inputs).every(([file, [size, mtime]]) => {
      const [s, m] = stampOf(file);
      return s === size && m === mtime;
    });
  } catch {
    return false;
  }
}

/**
 * Writes a cache file aside and renames it into place (its folder made if need be): another process or thread
 * may be reading or writing the same file.
 * @param {string} file
 * @param {string | Uint8Array} data
 */
export function writeAtomically(file, data) {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${threadId}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/** @param {string} source @param {string} bundle @param {string} stampFile */
async function build(source, bundle, stampFile) {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [source],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    metafile: true,
    sourcemap: 'external',
    logLevel: 'silent',
    outfile: bundle,
    plugins: [
      {
        // Each module keeps its own location (templates, labels and fonts are found from it).
        name: 'module-url',
        setup(b) {
          b.onLoad({ filter: /\.ts$/ }, async (args) => ({
            contents: (await readFile(args.path, 'utf8')).replaceAll(
              'import.meta.url',
              JSON.stringify(pathToFileURL(args.path).href),
            ),
            loader: 'ts',
          }));
        },
      },
    ],
  });
  /** @type {Record<string, [number, number]>} */
  const inputs = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = join(ROOT, input);
    inputs[file] = stampOf(file);
  }
  const code = result.outputFiles.find((f) => f.path.endsWith('.mjs'));
  const map = result.outputFiles.find((f) => f.path.endsWith('.map'));
  if (code === undefined) throw new Error('esbuild wrote no bundle');
  if (map) writeAtomically(map.path, map.contents);
  writeAtomically(bundle, code.contents);
  writeAtomically(stampFile, JSON.stringify({ source, inputs }));
}

/** @type {Map<string, Promise<URL | undefined>>} */
const entries = new Map();

/**
 * The URL of a fresh bundle of `source` (a TypeScript entry), built when missing or stale; undefined when
 * bundles are turned off or cannot be had (no esbuild, a read-only node_modules): the caller runs the sources.
 * @param {URL} source
 * @param {string} name the bundle's file name in the cache, without extension
 * @returns {Promise<URL | undefined>}
 */
export function bundledEntry(source, name) {
  let entry = entries.get(name);
  if (entry === undefined) {
    entry = (async () => {
      if (process.env.ANNEXES_BUNDLE === '0') return undefined;
      try {
        const file = fileURLToPath(source);
        const dir = cacheDir();
        const bundle = join(dir, `${name}.mjs`);
        const stampFile = join(dir, `${name}.json`);
        if (!fresh(bundle, stampFile, file)) await build(file, bundle, stampFile);
        return pathToFileURL(bundle);
      } catch {
        return undefined;
      }
    })();
    entries.set(name, entry);
  }
  return entry;
}
