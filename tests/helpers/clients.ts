/**
 * Real programs that open the documents: LibreOffice (soffice), Poppler (pdftotext, pdffonts, pdfinfo) and qpdf.
 *
 *   describeWithClients('LibreOffice', ['soffice', 'pdftotext'], () => { … })
 *       // runs the tests when every client is there; else warns loudly with the install hint and skips them,
 *       // except under CI=true, where a missing client fails the run
 *   await convertWithLibreOffice(['/tmp/x/a.docx', …], '/tmp/x/pdf')  // one soffice call, own profile
 *   await pdfToText(file)       // text of each page (pdftotext, UTF-8, in drawing order)
 *   await pdfWords(file)        // the words of each page with their boxes (pdftotext -bbox)
 *   await pdfPages(file)        // size and orientation of each page (pdfinfo)
 *   await pdfFonts(file)        // the font table of pdffonts: name, type, emb, sub, uni
 *   await pdfBookmarks(file)    // the outline: [{ title, page, children }] (qpdf --json)
 *   await qpdfCheck(file)       // qpdf --check: throws when the structure is broken
 *   await pdfInfo(file, true)   // pdfinfo's fields, or the XMP metadata with `true`
 *   await pdfStructure(file)    // the structure tree of a tagged PDF, with `true` its text (pdfinfo -struct)
 *   await pdfObjects(data)      // every object of a PDF as text, object streams unpacked (qpdf --qdf)
 *
 * `SOFFICE=/path/to/soffice` picks a LibreOffice that is not on PATH.
 */
import { execFile, execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'vitest';

const exec = promisify(execFile);

export type ClientName = 'soffice' | 'pdftotext' | 'pdffonts' | 'pdfinfo' | 'qpdf' | 'serif-font';

const POPPLER_HINT =
  'install Poppler: `sudo apt-get install poppler-utils` (Debian/Ubuntu), `brew install poppler` (macOS)';
const LIBREOFFICE_HINT =
  'install LibreOffice: `sudo apt-get install --no-install-recommends libreoffice-writer-nogui fonts-liberation2` ' +
  '(Debian/Ubuntu), `brew install --cask libreoffice` (macOS), or set SOFFICE=/path/to/soffice';

export const INSTALL_HINTS: Record<ClientName, string> = {
  soffice: LIBREOFFICE_HINT,
  pdftotext: POPPLER_HINT,
  pdffonts: POPPLER_HINT,
  pdfinfo: POPPLER_HINT,
  qpdf: 'install qpdf: `sudo apt-get install qpdf` (Debian/Ubuntu), `brew install qpdf` (macOS)',
  'serif-font':
    'install a Times New Roman metric font with Kazakh letters: `sudo apt-get install fonts-liberation2` ' +
    '(Liberation Serif 2; the older fonts-liberation lacks Kazakh letters)',
};

/** Where LibreOffice lives when it is not on PATH. */
const SOFFICE_PLACES = [
  '/usr/lib/libreoffice/program/soffice',
  '/opt/libreoffice/program/soffice',
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
  'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (executable(candidate)) return candidate;
    }
  }
  return undefined;
}

const found = new Map<string, string | undefined>();

/** Full path of a program, or undefined when it is not installed. */
export function findTool(
  name: 'soffice' | 'pdftotext' | 'pdffonts' | 'pdfinfo' | 'qpdf' | 'fc-list',
): string | undefined {
  if (found.has(name)) return found.get(name);
  let path: string | undefined;
  if (name === 'soffice') {
    const env = process.env.SOFFICE;
    path =
      (env && executable(env) ? env : undefined) ??
      onPath('soffice') ??
      onPath('libreoffice') ??
      SOFFICE_PLACES.find(executable);
  } else path = onPath(name);
  found.set(name, path);
  return path;
}

let serifPresent: boolean | undefined;

/**
 * Whether LibreOffice has a Times New Roman stand-in that draws Kazakh letters (ә ғ қ ң ө ұ ү һ і): Times New
 * Roman itself or Liberation Serif 2. Asked of fontconfig; without fc-list (no fontconfig) it cannot be known
 * and is taken as present.
 */
function serifFontPresent(): boolean {
  if (serifPresent !== undefined) return serifPresent;
  const fcList = findTool('fc-list');
  const kazakh = '4d9 493 49b 4a3 4e9 4b1 4af 4bb 456';
  serifPresent =
    !fcList ||
    ['Times New Roman', 'Liberation Serif'].some(
      (family) => execFileSync(fcList, [`${family}:charset=${kazakh}`, 'family'], { encoding: 'utf8' }).trim() !== '',
    );
  return serifPresent;
}

/** The clients of the list that are not installed. */
export function missingClients(names: readonly ClientName[]): ClientName[] {
  return names.filter((name) => !(name === 'serif-font' ? serifFontPresent() : findTool(name) !== undefined));
}

/** CI=true (or any value but false/0): a missing client fails instead of skipping. */
export const ON_CI = !!process.env.CI && !['false', '0', ''].includes(process.env.CI.toLowerCase());

function missingMessage(title: string, missing: ClientName[]): string {
  const hints = [...new Set(missing.map((m) => INSTALL_HINTS[m]))];
  const bar = '!'.repeat(100);
  return [
    bar,
    `!! ${title}: ${missing.join(', ')} not found — these tests ${ON_CI ? 'FAIL (CI=true)' : 'are SKIPPED'}.`,
    ...hints.map((h) => `!! ${h}`),
    bar,
  ].join('\n');
}

/**
 * A describe block that needs real clients. When one is missing it warns (console.warn, with the install hint)
 * and skips its tests; with CI=true the block instead holds one failing test that names what is missing.
 */
export function describeWithClients(title: string, needs: readonly ClientName[], body: () => void): void {
  const missing = missingClients(needs);
  if (missing.length === 0) {
    describe(title, body);
    return;
  }
  const message = missingMessage(title, missing);
  console.warn(message);
  if (ON_CI) {
    describe(title, () => {
      it(`needs ${missing.join(', ')}`, () => {
        throw new Error(message);
      });
    });
  } else describe.skip(title, body);
}

/** A client's output, as UTF-8 text (as latin1 for binary output, one character a byte). */
async function run(
  tool: 'pdftotext' | 'pdffonts' | 'pdfinfo' | 'qpdf',
  args: string[],
  encoding: 'utf8' | 'latin1' = 'utf8',
): Promise<string> {
  const path = findTool(tool);
  if (!path) throw new Error(`${tool} is not installed (${INSTALL_HINTS[tool]})`);
  const { stdout } = await exec(path, args, { encoding, maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
  return stdout;
}

/**
 * Converts documents to PDF with one soffice call (LibreOffice starts once), in a profile of its own so that it
 * neither touches nor waits for the user's running LibreOffice. Returns the path of each PDF, in the order of
 * `files`. Throws when soffice fails, times out, reports an error or leaves a PDF unwritten.
 */
export async function convertWithLibreOffice(
  files: readonly string[],
  outDir: string,
  timeoutMs = 300_000,
): Promise<{ pdfs: string[]; stdout: string; stderr: string }> {
  const soffice = findTool('soffice');
  if (!soffice) throw new Error(`LibreOffice is not installed (${LIBREOFFICE_HINT})`);
  const profile = mkdtempSync(join(tmpdir(), 'annexes-lo-profile-'));
  try {
    const args = [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--norestore',
      '--nologo',
      '--nodefault',
      '--nolockcheck',
      '--convert-to',
      'pdf:writer_pdf_Export',
      '--outdir',
      outDir,
      ...files,
    ];
    const { stdout, stderr } = await exec(soffice, args, {
      encoding: 'utf8',
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, SAL_USE_VCLPLUGIN: 'svp', HOME: profile },
    });
    const pdfs = files.map((f) => join(outDir, `${basename(f).replace(/\.[^.]+$/, '')}.pdf`));
    const missing = pdfs.filter((p) => !existsSync(p));
    if (/\berror\b/i.test(stderr) || missing.length > 0)
      throw new Error(
        `soffice did not convert ${missing.map((m) => basename(m)).join(', ') || 'every file'}\n` +
          `stdout:\n${stdout}\nstderr:\n${stderr}`,
      );
    return { pdfs, stdout, stderr };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * Text of each page of a PDF, as pdftotext reads it (UTF-8). `raw` (the default) keeps the order in which the
 * text was drawn: a table cell's lines stay together (both writers draw cell by cell), where pdftotext's reading
 * order may interleave the lines of narrow neighbouring cells.
 */
export async function pdfToText(file: string, order: 'raw' | 'reading' = 'raw'): Promise<string[]> {
  const text = await run('pdftotext', [...(order === 'raw' ? ['-raw'] : []), '-enc', 'UTF-8', file, '-']);
  // pdftotext ends every page with a form feed.
  const pages = text.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/** pdfToText of a PDF held in memory. */
export function pdfDataToText(data: Uint8Array): Promise<string[]> {
  return withPdfFile(data, (file) => pdfToText(file));
}

/** Runs `use` on a PDF held in memory, written to a scratch file that is removed after. */
async function withPdfFile<T>(data: Uint8Array, use: (file: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'annexes-pdf-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, data);
    return await use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A word of a PDF page and its box, pt from the top left corner of the page (as pdftotext -bbox gives it). */
export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The words of each page of a PDF with their boxes, as Poppler finds them (pdftotext -bbox). */
export async function pdfWords(file: string): Promise<PdfWord[][]> {
  const html = await run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']);
  const pages: PdfWord[][] = [];
  const token = /<page\b|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const m of html.matchAll(token)) {
    if (m[0] === '<page') {
      pages.push([]);
      continue;
    }
    const page = pages.at(-1);
    if (!page) throw new Error(`pdftotext -bbox: a word outside a page in ${file}`);
    page.push({
      text: m[5]!.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => XML_ENTITIES[e]!),
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
    });
  }
  return pages;
}

export interface PageBox {
  /** As shown, pt (a /Rotate of 90 or 270 swaps the media box). */
  width: number;
  height: number;
  landscape: boolean;
  /** Within 1 pt of A4 (either way round). */
  a4: boolean;
}

/** Size of each page of a PDF (pdfinfo). */
export async function pdfPages(file: string): Promise<PageBox[]> {
  const out = await run('pdfinfo', ['-f', '1', '-l', '100000', file]);
  const sizes = new Map<number, [number, number]>();
  const rotations = new Map<number, number>();
  for (const line of out.split('\n')) {
    const size = /^Page\s+(\d+)\s+size:\s+([\d.]+)\s+x\s+([\d.]+)\s+pts/.exec(line);
    if (size) sizes.set(Number(size[1]), [Number(size[2]), Number(size[3])]);
    const rot = /^Page\s+(\d+)\s+rot:\s+(\d+)/.exec(line);
    if (rot) rotations.set(Number(rot[1]), Number(rot[2]));
  }
  const count = Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]);
  if (!Number.isInteger(count) || sizes.size !== count) throw new Error(`pdfinfo: cannot read the page sizes\n${out}`);
  return [...sizes.keys()]
    .sort((a, b) => a - b)
    .map((page) => {
      let [width, height] = sizes.get(page)!;
      if ((rotations.get(page) ?? 0) % 180 === 90) [width, height] = [height, width];
      const a4 =
        (Math.abs(width - 595.28) < 1 && Math.abs(height - 841.89) < 1) ||
        (Math.abs(width - 841.89) < 1 && Math.abs(height - 595.28) < 1);
      return { width, height, landscape: width > height, a4 };
    });
}

export interface PdfFontRow {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  toUnicode: boolean;
}

/** The fonts a PDF uses, as pdffonts lists them. */
export async function pdfFonts(file: string): Promise<PdfFontRow[]> {
  const lines = (await run('pdffonts', [file])).split('\n');
  // The dashes under the header give the columns' extents (names may contain spaces).
  const dashes = lines.findIndex((l) => /^-+ -+/.test(l));
  if (dashes < 0) throw new Error(`pdffonts: unexpected output\n${lines.join('\n')}`);
  const columns: [number, number][] = [];
  for (const m of lines[dashes]!.matchAll(/-+/g)) columns.push([m.index!, m.index! + m[0].length]);
  const header = lines[dashes - 1]!;
  const names = columns.map(([a, b]) => header.slice(a, b).trim());
  const col = (line: string, title: string) => {
    const i = names.indexOf(title);
    if (i < 0) throw new Error(`pdffonts: no column ${title} in «${header}»`);
    const [a, b] = columns[i]!;
    return line.slice(a, i === columns.length - 1 ? undefined : b).trim();
  };
  return lines
    .slice(dashes + 1)
    .filter((l) => l.trim() !== '')
    .map((l) => ({
      name: col(l, 'name'),
      type: col(l, 'type'),
      embedded: col(l, 'emb') === 'yes',
      subset: col(l, 'sub') === 'yes',
      toUnicode: col(l, 'uni') === 'yes',
    }));
}

export interface PdfBookmark {
  title: string;
  /** 1-based page the bookmark opens. */
  page: number;
  children: PdfBookmark[];
}

/** The bookmarks (outline) of a PDF, as qpdf reads them. */
export async function pdfBookmarks(file: string): Promise<PdfBookmark[]> {
  const json = JSON.parse(await run('qpdf', ['--json', '--json-key=outlines', file])) as {
    outlines: { title: string; destpageposfrom1: number; kids: unknown[] }[];
  };
  const walk = (items: { title: string; destpageposfrom1: number; kids: unknown[] }[]): PdfBookmark[] =>
    items.map((i) => ({
      title: i.title,
      page: i.destpageposfrom1,
      children: walk(i.kids as typeof items),
    }));
  return walk(json.outlines);
}

/** `qpdf --check`: the PDF's structure and streams are sound (throws with qpdf's report when not). */
export async function qpdfCheck(file: string): Promise<string> {
  return run('qpdf', ['--check', file]);
}

/**
 * The structure tree of a tagged PDF, one element per line indented by depth (pdfinfo); with `text`, each element's
 * text too (Poppler takes seconds for a few thousand elements).
 */
export async function pdfStructure(file: string, text = false): Promise<string> {
  return run('pdfinfo', [text ? '-struct-text' : '-struct', file]);
}

/**
 * Every object of a PDF as text (latin1), with object streams unpacked and streams uncompressed (qpdf --qdf), so a
 * test can look for dictionaries the file packs into compressed object streams.
 */
export function pdfObjects(data: Uint8Array): Promise<string> {
  return withPdfFile(data, (file) => run('qpdf', ['--qdf', '--object-streams=disable', file, '-'], 'latin1'));
}

/** `pdfinfo` of a PDF: its fields (Tagged, Title, …) and, with `meta`, the XMP metadata instead. */
export async function pdfInfo(file: string, meta = false): Promise<string> {
  return run('pdfinfo', meta ? ['-meta', file] : [file]);
}
