/**
 * The package as its users get it: `npm pack`, the tarball installed into a new project with npm and with pnpm
 * (its default, strict layout), then the command, a plain ES module, a CommonJS file and a strict TypeScript
 * consumer, each checked by what a reader of its output sees.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.ts';
import { describeWithClients, pdfToText } from './helpers/clients.ts';
import { readDocx } from './helpers/read-docx.ts';

const exec = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'annexes-consumers-'));
const SAMPLE = join(ROOT, 'data/gamo-2021.json');
/** The grand total of the sample as every document prints it. */
const GRAND_TOTAL = /32[\s\u00a0\u202f]051[\s\u00a0\u202f]320/;
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);

let tarball = '';

/** Runs a command in a consumer project; fails the test with its output when it fails. */
async function run(cwd: string, file: string, args: string[], env: Record<string, string> = {}) {
  try {
    return await exec(file, args, {
      cwd,
      encoding: 'utf8',
      timeout: 240_000,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, ANNEXES_CACHE_DIR: join(work, 'cache'), ...env },
    });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${file} ${args.join(' ')} failed in ${cwd}:\n${err.message}\n${err.stdout}\n${err.stderr}`);
  }
}

/** A new project folder with a package.json of its own. */
function project(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true }, null, 2));
  return dir;
}

/** Every file below `dir` (relative paths). */
function filesBelow(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesBelow(path, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

const CONSUMER_MJS = `
import { writeFileSync } from 'node:fs';
import { loadApplication, renderApplication, estimateTotals } from 'ngo-grant-annexes';
const { application } = loadApplication(process.argv[2]);
const { files } = await renderApplication(application, { langs: ['ru'], formats: ['pdf', 'docx'], annexes: [5] });
for (const f of files) writeFileSync(f.name, f.data);
console.log(JSON.stringify({ files: files.map((f) => f.name), total: String(estimateTotals(application).total.total) }));
`;

const CONSUMER_CJS = `
const { writeFileSync } = require('node:fs');
const annexes = require('ngo-grant-annexes');
const { application } = annexes.loadApplication(process.argv[2]);
annexes.renderApplication(application, { langs: ['kk'], formats: ['pdf'], annexes: [5] }).then(({ files }) => {
  for (const f of files) writeFileSync('cjs-' + f.name, f.data);
  console.log(files.map((f) => f.name).join(' '));
});
`;

const CONSUMER_TS = `
import { writeFileSync } from 'node:fs';
import {
  type Application,
  type RenderedFile,
  loadApplication,
  renderApplication,
  validateApplication,
} from 'ngo-grant-annexes';
import packageJson from 'ngo-grant-annexes/package.json' with { type: 'json' };

const checked = validateApplication(process.argv[2] ?? 'app.json', { uiLang: 'kk' });
const problems: string[] = checked.problems.map((p) => p.text);
const app: Application = loadApplication(process.argv[2] ?? 'app.json').application;
const { files }: { files: RenderedFile[] } = await renderApplication(app, { langs: ['ru'], formats: ['pdf'] });
const sizes: number[] = files.map((f) => f.data.byteLength);
writeFileSync('ts.json', JSON.stringify({ problems, sizes, version: packageJson.version }));
`;

beforeAll(async () => {
  // The README's test command built dist/ just before (pretest); pack exactly that.
  const { stdout } = await run(ROOT, 'npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work]);
  const [info] = JSON.parse(stdout) as { filename: string }[];
  tarball = join(work, (info as { filename: string }).filename);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the tarball', () => {
  it('ships the compiled code, its declarations and the files it reads, and nothing of the development', async () => {
    const list = (await run(work, 'tar', ['-tzf', tarball])).stdout.split('\n').filter(Boolean);
    const files = list.map((f) => f.replace(/^package\//, ''));
    for (const f of [
      'package.json',
      'README.md',
      'LICENSE',
      'bin/annexes.js',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/cli/run.js',
      'dist/render/worker.js',
      'dist/templates/2015-413.templates.cjs',
      'fonts/Tinos-Regular.ttf',
      'fonts/OFL.txt',
      'templates/2015-413/labels.kk.json',
      'schema/application.schema.json',
    ])
      expect(files).toContain(f);
    const top = new Set(files.map((f) => f.split('/')[0]));
    expect([...top].sort()).toEqual(
      ['LICENSE', 'README.md', 'bin', 'dist', 'fonts', 'package.json', 'schema', 'templates'].sort(),
    );
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('names only packages needed at run time as dependencies', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const dev of ['tsx', 'esbuild', 'typescript', 'vitest'])
      expect(Object.keys(pkg.dependencies)).not.toContain(dev);
  });
});

describeWithClients('the package installed with npm', ['pdftotext'], () => {
  let dir = '';
  const npx = (args: string[]) => run(dir, 'npx', ['--no-install', ...args]);

  beforeAll(async () => {
    dir = project('npm-consumer');
    await run(dir, 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball]);
    cpSync(SAMPLE, join(dir, 'gamo-2021.json'));
    writeFileSync(join(dir, '.marker'), '');
  }, 300_000);

  it('runs `npx annexes --help`', async () => {
    const { stdout } = await npx(['annexes', '--help', '--ui-lang', 'en']);
    expect(stdout).toMatch(/build/);
    expect(stdout).toMatch(/validate/);
  });

  it('runs `npx annexes init`: a new application to fill in, whose schema comes from the package', async () => {
    await npx(['annexes', 'init', 'fresh']);
    const json = readdirSync(join(dir, 'fresh')).filter((f) => f.endsWith('.json'));
    expect(json.length).toBeGreaterThan(0);
    const texts = json.map((f) => readFileSync(join(dir, 'fresh', f), 'utf8'));
    expect(texts.some((t) => t.includes('"$schema"') && t.includes('"estimate"'))).toBe(true);
  });

  it('builds the sample with `npx annexes build`: the PDF and the DOCX show the grand total', async () => {
    await npx(['annexes', 'build', 'gamo-2021.json', '--out', 'out', '--quiet']);
    const out = join(dir, 'out/gamo-2021');
    expect(readdirSync(out).sort()).toHaveLength(20);
    const pdf = (await pdfToText(join(out, 'annex-5.ru.pdf'))).join('\n');
    expect(pdf).toMatch(GRAND_TOTAL);
    const docx = readDocx(readFileSync(join(out, 'annex-5.kk.docx')));
    expect(docx.paragraphs.join('\n')).toMatch(GRAND_TOTAL);
  });

  it('renders buffers from a plain ES module', async () => {
    writeFileSync(join(dir, 'consumer.mjs'), CONSUMER_MJS);
    const { stdout } = await run(dir, process.execPath, ['consumer.mjs', 'gamo-2021.json']);
    const result = JSON.parse(stdout);
    expect(result.files.sort()).toEqual(['annex-5.ru.docx', 'annex-5.ru.pdf']);
    expect(result.total).toBe('32051320');
    expect((await pdfToText(join(dir, 'annex-5.ru.pdf'))).join('\n')).toMatch(GRAND_TOTAL);
    expect(readDocx(readFileSync(join(dir, 'annex-5.ru.docx'))).paragraphs.join('\n')).toMatch(GRAND_TOTAL);
  });

  it("runs the README's library example as it stands, as plain JavaScript", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const example = /```js\n(\/\/ render\.mjs[^\n]*\n[\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    mkdirSync(join(dir, 'readme'), { recursive: true });
    cpSync(SAMPLE, join(dir, 'readme', 'my-application.json'));
    writeFileSync(join(dir, 'readme', 'render.mjs'), example as string);
    await run(join(dir, 'readme'), process.execPath, ['render.mjs']);
    expect(readdirSync(join(dir, 'readme')).filter((f) => f.endsWith('.kk.pdf'))).toHaveLength(5);
    expect((await pdfToText(join(dir, 'readme', 'annex-5.kk.pdf'))).join('\n')).toMatch(GRAND_TOTAL);
  });

  it('renders from a CommonJS file through require()', async () => {
    writeFileSync(join(dir, 'consumer.cjs'), CONSUMER_CJS);
    const { stdout } = await run(dir, process.execPath, ['consumer.cjs', 'gamo-2021.json']);
    expect(stdout.trim()).toBe('annex-5.kk.pdf');
    expect((await pdfToText(join(dir, 'cjs-annex-5.kk.pdf'))).join('\n')).toMatch(GRAND_TOTAL);
  });

  it('type-checks a strict TypeScript consumer against the shipped declarations, which then runs', async () => {
    writeFileSync(join(dir, 'consumer.ts'), CONSUMER_TS);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          outDir: 'built',
          types: ['node'],
          typeRoots: [join(ROOT, 'node_modules/@types')],
        },
        files: ['consumer.ts'],
      }),
    );
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ ...JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')), type: 'module' }),
    );
    await run(dir, bin('tsc'), ['-p', 'tsconfig.json']);
    await run(dir, process.execPath, ['built/consumer.js', 'gamo-2021.json']);
    const result = JSON.parse(readFileSync(join(dir, 'ts.json'), 'utf8'));
    expect(result.sizes).toHaveLength(5);
    expect(result.version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('wrote nothing inside node_modules while it ran', async () => {
    const { stdout } = await run(dir, 'find', ['node_modules', '-newer', '.marker', '-type', 'f']);
    expect(stdout.trim()).toBe('');
  });
});

describeWithClients('the package installed with pnpm (strict layout)', ['pdftotext'], () => {
  let dir = '';

  beforeAll(async () => {
    dir = project('pnpm-consumer');
    await run(dir, bin('pnpm'), ['add', tarball, '--config.confirmModulesPurge=false'], {
      npm_config_store_dir: join(work, 'pnpm-store'),
    });
    cpSync(SAMPLE, join(dir, 'gamo-2021.json'));
  }, 600_000);

  it('keeps the strict layout: the dependencies of the package are not hoisted beside it', () => {
    expect(readdirSync(join(dir, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['ngo-grant-annexes']);
  });

  it('builds the sample with `pnpm exec annexes build`', async () => {
    await run(dir, bin('pnpm'), ['exec', 'annexes', 'build', 'gamo-2021.json', '--out', 'out', '--quiet']);
    const out = join(dir, 'out/gamo-2021');
    expect(readdirSync(out)).toHaveLength(20);
    expect(filesBelow(out).filter((f) => f.endsWith('.pdf'))).toHaveLength(10);
    expect((await pdfToText(join(out, 'application.ru.pdf'))).join('\n')).toMatch(GRAND_TOTAL);
  });

  it('renders buffers from a plain ES module', async () => {
    writeFileSync(join(dir, 'consumer.mjs'), CONSUMER_MJS);
    const { stdout } = await run(dir, process.execPath, ['consumer.mjs', 'gamo-2021.json']);
    expect(JSON.parse(stdout).total).toBe('32051320');
    expect((await pdfToText(join(dir, 'annex-5.ru.pdf'))).join('\n')).toMatch(GRAND_TOTAL);
  });
});
