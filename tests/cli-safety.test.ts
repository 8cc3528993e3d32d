/**
 * What a build can never do: leave a half-written document (even when killed while writing), damage the previous
 * documents when the output cannot be written, or write outside --out whatever the input file is called.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  type WatchEventType,
  watch,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync, startCli } from './helpers/cli-spawn.ts';
import { loadSampleJson } from './helpers/sample.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'annexes-cli-safety-'));
});

/** The sample, its applicant renamed so that every document's bytes change. */
function appText(name: string): string {
  const app = structuredClone(loadSampleJson());
  app.applicant.name.ru = name;
  return JSON.stringify(app, null, 2);
}

/** Why a file is not a complete document, or undefined when it is one. */
function defect(path: string): string | undefined {
  const data = readFileSync(path);
  if (data.length === 0) return 'empty';
  if (path.endsWith('.pdf')) {
    if (data.subarray(0, 5).toString('latin1') !== '%PDF-') return 'no PDF header';
    if (!data.subarray(-32).toString('latin1').trimEnd().endsWith('%%EOF')) return 'no %%EOF at the end';
    return undefined;
  }
  try {
    if (!unzipSync(data)['word/document.xml']) return 'no word/document.xml';
  } catch (e) {
    return `does not unzip: ${(e as Error).message}`;
  }
  return undefined;
}

const SUBSET = ['--annex', '2', '--lang', 'ru,kk', '--format', 'docx,pdf'];
const DOCUMENTS = ['annex-2.kk.docx', 'annex-2.kk.pdf', 'annex-2.ru.docx', 'annex-2.ru.pdf'];

describe('a build killed while it writes', () => {
  it('leaves every document complete: the previous version or the new one, never a part', async () => {
    const work = join(dir, 'kill');
    mkdirSync(work);
    const file = join(work, 'app.json');
    writeFileSync(file, appText('Старое название'));
    const out = join(work, 'out');
    const first = await runCliAsync(['build', file, '--out', out, ...SUBSET]);
    expect(first.code).toBe(0);
    const folder = join(out, 'app');
    expect(readdirSync(folder).sort()).toEqual(DOCUMENTS);
    const old = new Map(DOCUMENTS.map((n) => [n, readFileSync(join(folder, n))]));
    writeFileSync(file, appText('Новое название'));

    let landed = 0;
    // Kill as the k-th temporary file appears: k = 1 is before any document is replaced, k = 4 during the last.
    for (let k = 1; k <= DOCUMENTS.length; k++) {
      for (const [n, data] of old) writeFileSync(join(folder, n), data);
      const child = startCli(['build', file, '--out', out, ...SUBSET]);
      const seen = new Set<string>();
      const fsWatch = watch(folder, (_event: WatchEventType, name) => {
        if (!name?.endsWith('.tmp')) return;
        seen.add(name);
        if (seen.size === k) child.child.kill('SIGKILL');
      });
      const { signal } = await child.exited;
      fsWatch.close();
      const names = readdirSync(folder);
      const documents = names.filter((n) => !n.startsWith('.')).sort();
      expect(documents, `kill at ${k}`).toEqual(DOCUMENTS);
      for (const n of documents) expect(defect(join(folder, n)), `${n}, kill at ${k}`).toBeUndefined();
      const replaced = documents.filter((n) => !readFileSync(join(folder, n)).equals(old.get(n)!));
      const leftovers = names.filter((n) => n.endsWith('.tmp'));
      // Killed with some documents new and some old, or with a temporary file not yet renamed: mid-write.
      if (signal === 'SIGKILL' && (leftovers.length > 0 || (replaced.length > 0 && replaced.length < DOCUMENTS.length)))
        landed++;
      // Temporary files are hidden, and no other file appears (a killed build may leave its lock, taken over by
      // the next build).
      for (const n of names)
        expect(DOCUMENTS.includes(n) || /^\..+\.tmp$/.test(n) || n === '.annexes.lock', n).toBe(true);
    }
    expect(landed).toBeGreaterThan(0);
  }, 120_000);
});

describe('an output that cannot be written', () => {
  it('a read-only output folder: a clear error (exit 2), the previous documents intact', async () => {
    const work = join(dir, 'read-only');
    mkdirSync(work);
    // The child may run as another user (see below): let it in.
    chmodSync(dir, 0o755);
    chmodSync(work, 0o755);
    const file = join(work, 'app.json');
    writeFileSync(file, appText('Старое название'));
    const out = join(work, 'out');
    const args = ['--annex', '2', '--lang', 'ru', '--format', 'docx'];
    expect((await runCliAsync(['build', file, '--out', out, ...args])).code).toBe(0);
    const folder = join(out, 'app');
    const before = readFileSync(join(folder, 'annex-2.ru.docx'));
    writeFileSync(file, appText('Новое название'));
    chmodSync(folder, 0o555);
    try {
      // Permissions do not bind root: then the build runs as the unprivileged user «nobody».
      const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      const r = await runCliAsync(['build', file, '--out', out, ...args], {
        cwd: work,
        env: { HOME: work },
        spawn: asNobody,
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`не удалось записать ${join(folder, 'annex-2.ru.docx')}: нет прав доступа`);
      expect(r.stderr).not.toMatch(/внутренняя ошибка|\n\s+at /);
      expect(readdirSync(folder)).toEqual(['annex-2.ru.docx']);
      expect(readFileSync(join(folder, 'annex-2.ru.docx')).equals(before)).toBe(true);
    } finally {
      chmodSync(folder, 0o755);
    }
  });

  it('a file where the output folder should be: a clear error in the interface language (exit 2)', async () => {
    const work = join(dir, 'file-in-the-way');
    mkdirSync(join(work, 'out'), { recursive: true });
    const file = join(work, 'app.json');
    writeFileSync(file, appText('Название'));
    writeFileSync(join(work, 'out', 'app'), 'not a folder');
    const r = await runCliAsync(['--ui-lang', 'en', 'build', file, '--out', join(work, 'out'), '--annex', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot write ${join(work, 'out', 'app')}: a file stands where a folder should be`);
    expect(readFileSync(join(work, 'out', 'app'), 'utf8')).toBe('not a folder');
  });
});

describe('output paths', () => {
  it('stay inside --out whatever the input file is called', async () => {
    const work = join(dir, 'names');
    const deep = join(work, 'x', 'y');
    mkdirSync(deep, { recursive: true });
    const text = appText('Название');
    const inputs = [
      '../../evil.json',
      'a b«c»;$(touch pwned)&.json',
      '..json',
      '.hidden.json',
      'заявка 2024.json',
      'x\\..\\..\\y.json',
      'line\nbreak.json',
    ];
    for (const name of inputs) writeFileSync(resolve(deep, name), text);
    const out = join(deep, 'out');
    const r = await runCliAsync(
      ['build', ...inputs, '--out', 'out', '--annex', '2', '--lang', 'ru', '--format', 'docx'],
      {
        cwd: deep,
      },
    );
    expect(r.stderr).not.toMatch(/ошибка/);
    expect(r.code).toBe(0);
    const folders = readdirSync(out);
    expect(folders).toHaveLength(inputs.length);
    for (const f of folders) {
      expect(f).toMatch(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u);
      expect(readdirSync(join(out, f))).toEqual(['annex-2.ru.docx']);
    }
    // Nothing was written anywhere else: the work folder holds the inputs and `out` only.
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
    for (const path of walk(work)) {
      const rel = relative(work, path);
      const isInput = inputs.some((n) => resolve(deep, n) === path);
      expect(isInput || rel.startsWith(`x${sep}y${sep}out${sep}`), rel).toBe(true);
    }
    expect(existsSync(join(deep, 'pwned'))).toBe(false);
  });
});
