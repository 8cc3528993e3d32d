/**
 * The script a rendering thread starts from. A new thread would load every TypeScript module of the writers
 * through tsx (about half a second); instead the writers are built once into one JavaScript file (esbuild),
 * kept in node_modules/.cache and built again when a source changes. When that cannot be done (no writable
 * cache, no esbuild), the thread starts from the TypeScript sources through tsx.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderCacheDir } from './cache-dir.ts';

const SOURCE = fileURLToPath(new URL('./worker.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX_ENTRY = new URL('./worker-entry.mjs', import.meta.url);

interface Stamp {
  /** Source file → size and modification time when the bundle was built. */
  inputs: Record<string, [number, number]>;
}

function stampOf(file: string): [number, number] {
  const s = statSync(file);
  return [s.size, s.mtimeMs];
}

function fresh(bundle: string, stampFile: string): boolean {
  try {
    statSync(bundle);
    const { inputs } = JSON.parse(readFileSync(stampFile, 'utf8')) as Stamp;
    return Object.entries(inputs).every(([file, [size, mtime]]) => {
      const [s, m] = stampOf(file);
      return s === size && m === mtime;
    });
  } catch {
    return false;
  }
}

async function build(bundle: string, stampFile: string): Promise<void> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [SOURCE],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
    outfile: bundle,
    plugins: [
      {
        // Each module keeps its own location (the PDF writer finds the fonts from it).
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
  const inputs: Stamp['inputs'] = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = join(ROOT, input);
    inputs[file] = stampOf(file);
  }
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error('esbuild wrote no bundle');
  mkdirSync(dirname(bundle), { recursive: true });
  // Written aside and renamed: another process may be reading or building it at the same time.
  const tmp = `${bundle}.${process.pid}.tmp`;
  writeFileSync(tmp, code);
  renameSync(tmp, bundle);
  writeFileSync(`${stampFile}.${process.pid}.tmp`, JSON.stringify({ inputs } satisfies Stamp));
  renameSync(`${stampFile}.${process.pid}.tmp`, stampFile);
}

let entry: Promise<URL> | undefined;

/** The URL of the rendering thread's script: the cached bundle when it can be had, else the tsx entry. */
export function workerEntry(): Promise<URL> {
  entry ??= (async () => {
    if (process.env.ANNEXES_WORKER_BUNDLE === '0') return TSX_ENTRY;
    try {
      const dir = renderCacheDir();
      const bundle = join(dir, 'render-worker.mjs');
      const stampFile = join(dir, 'render-worker.json');
      if (!fresh(bundle, stampFile)) await build(bundle, stampFile);
      return pathToFileURL(bundle);
    } catch {
      return TSX_ENTRY;
    }
  })();
  return entry;
}
