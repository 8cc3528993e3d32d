/**
 * The set of documents is replaced as a whole. Faults are injected into the writer's file system calls (a full
 * disk on the n-th document, a rename refused, a file held open), and a real small tmpfs is filled when this
 * machine lets root mount one; two real builds run into one folder at once.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputErrorMessage } from '../src/cli/ui.ts';
import { OutputError } from '../src/output/errors.ts';
import { LOCK_NAME } from '../src/output/lock.ts';
import { type OutputFs, writeRenderedFiles } from '../src/output/write-set.ts';
import type { RenderedFile } from '../src/pipeline/render-application.ts';
import { runCliAsync } from './helpers/cli-spawn.ts';
import { loadSampleJson } from './helpers/sample.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'annexes-output-set-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NAMES = ['annex-2.ru.pdf', 'annex-3.ru.pdf', 'annex-4.ru.pdf', 'annex-5.ru.pdf', 'application.ru.pdf'];
const rendered = (version: string): RenderedFile[] =>
  NAMES.map((name) => ({ name, lang: 'ru', format: 'pdf', annex: 2, data: Buffer.from(`${version} ${name}`), ms: 1 }));

/** A folder holding the old set. */
async function oldSet(name: string): Promise<string> {
  const folder = join(dir, name);
  await writeRenderedFiles(folder, rendered('old'));
  return folder;
}

const contents = (folder: string) =>
  Object.fromEntries(readdirSync(folder).map((n) => [n, readFileSync(join(folder, n), 'utf8')]));
const errno = (code: string) => Object.assign(new Error(code), { code });

/** node:fs/promises whose n-th temporary file fails to be written with `code` (a full disk: ENOSPC). */
function failingWrite(n: number, code: string): OutputFs {
  let opened = 0;
  return {
    ...fsPromises,
    open: (async (path: string, flags: number) => {
      const handle = await fsPromises.open(path, flags);
      if (++opened !== n) return handle;
      return new Proxy(handle, {
        get(target, prop) {
          if (prop === 'writeFile')
            return async (data: Uint8Array) => {
              // Part of the data lands, as on a disk that fills up in the middle of a file.
              await target.writeFile(data.subarray(0, 3));
              throw errno(code);
            };
          const v = Reflect.get(target, prop);
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
    }) as OutputFs['open'],
  };
}

describe('a full disk while the new set is written', () => {
  for (const n of [1, 3, 5])
    it(`ENOSPC on document ${n} of 5: every old document stays, no temporary file is left`, async () => {
      const folder = await oldSet(`enospc-${n}`);
      const before = contents(folder);
      const error = await writeRenderedFiles(folder, rendered('new'), { fs: failingWrite(n, 'ENOSPC') }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(OutputError);
      expect(contents(folder)).toEqual(before);
      expect(Object.values(before).every((t) => t.startsWith('old '))).toBe(true);
      const message = outputErrorMessage('ru', error as OutputError);
      expect(message).toBe(
        `не удалось записать ${join(folder, NAMES[n - 1]!)}: на диске нет места. Файлы заменяются целиком, недописанных документов нет`,
      );
      expect(outputErrorMessage('kk', error as OutputError)).toContain('дискіде орын жоқ');
      expect(outputErrorMessage('en', error as OutputError)).toContain('no space left on the device');
    });

  it('a real 96 KB tmpfs: the build fails with a message and the old set is whole', async () => {
    const mnt = join(dir, 'tmpfs');
    mkdirSync(mnt);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=96k', 'tmpfs', mnt]).status === 0;
    if (!mounted) {
      console.warn('!! mount -t tmpfs is not allowed here: the injected ENOSPC tests above cover the full disk');
      return;
    }
    try {
      const input = join(dir, 'app.json');
      writeFileSync(input, JSON.stringify(loadSampleJson()));
      const args = ['build', input, '--out', mnt, '--lang', 'ru', '--format', 'docx'];
      // The DOCX set of one language is about 60 KB: it fits once, not twice.
      expect((await runCliAsync([...args, '--annex', '2,3'])).code).toBe(0);
      const folder = join(mnt, 'app');
      const before = contents(folder);
      const r = await runCliAsync([...args, '--annex', '2,3,4,5']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`не удалось записать ${folder}/\\S+\\.docx: на диске нет места`));
      expect(contents(folder)).toEqual(before);
      for (const n of Object.keys(before))
        expect(unzipSync(readFileSync(join(folder, n)))['word/document.xml']).toBeTruthy();
    } finally {
      execFileSync('umount', [mnt]);
    }
  });
});

describe('a failure after the first document was replaced', () => {
  it('says which documents are new and which are still the previous version', async () => {
    const folder = await oldSet('late-failure');
    let renames = 0;
    const fs: OutputFs = {
      ...fsPromises,
      rename: (async (from: string, to: string) => {
        if (++renames === 3) throw Object.assign(errno('EIO'), { syscall: 'rename', path: from, dest: to });
        return fsPromises.rename(from, to);
      }) as OutputFs['rename'],
    };
    const error = (await writeRenderedFiles(folder, rendered('new'), { fs }).catch((e: unknown) => e)) as OutputError;
    expect(error).toBeInstanceOf(OutputError);
    const now = contents(folder);
    expect(Object.keys(now).sort()).toEqual([...NAMES].sort());
    expect(NAMES.map((n) => now[n]!.split(' ')[0])).toEqual(['new', 'new', 'old', 'old', 'old']);
    expect(outputErrorMessage('ru', error)).toBe(
      `не удалось записать ${join(folder, 'annex-4.ru.pdf')}: ошибка файловой системы EIO. Файлы заменяются целиком, недописанных документов нет\n` +
        'Сборка прервана при замене файлов: новые — annex-2.ru.pdf, annex-3.ru.pdf; прежние версии — annex-4.ru.pdf, annex-5.ru.pdf, application.ru.pdf',
    );
  });
});

describe('a document held open by another program', () => {
  const busyRename = (times: number): OutputFs & { calls: () => number } => {
    let calls = 0;
    return {
      ...fsPromises,
      rename: (async (from: string, to: string) => {
        if (to.endsWith('annex-2.ru.pdf') && ++calls <= times) throw errno('EBUSY');
        return fsPromises.rename(from, to);
      }) as OutputFs['rename'],
      calls: () => calls,
    };
  };

  it('is retried until it is closed', async () => {
    const folder = await oldSet('busy-then-free');
    const fs = busyRename(2);
    await writeRenderedFiles(folder, rendered('new'), { fs, busyRetryMs: [5, 5, 5] });
    expect(fs.calls()).toBe(3);
    expect(Object.values(contents(folder)).every((t) => t.startsWith('new '))).toBe(true);
  });

  it('still open after the retries: «close it», in each language, and nothing replaced', async () => {
    const folder = await oldSet('busy');
    const error = (await writeRenderedFiles(folder, rendered('new'), {
      fs: busyRename(100),
      busyRetryMs: [5, 5],
    }).catch((e: unknown) => e)) as OutputError;
    expect(error.failure).toBe('busy');
    const path = join(folder, 'annex-2.ru.pdf');
    expect(outputErrorMessage('ru', error)).toBe(
      `не удалось заменить ${path}: файл открыт в другой программе: закройте его и повторите сборку`,
    );
    expect(outputErrorMessage('kk', error)).toBe(
      `${path} ауыстырылмады: файл басқа бағдарламада ашық: оны жабыңыз да, жинауды қайталаңыз`,
    );
    expect(outputErrorMessage('en', error)).toBe(
      `cannot replace ${path}: the file is open in another program: close it and build again`,
    );
    expect(Object.values(contents(folder)).every((t) => t.startsWith('old '))).toBe(true);
  });
});

describe('symbolic links inside the output', () => {
  it('a link planted in place of a document is replaced, its target untouched', async () => {
    const folder = await oldSet('planted-file-link');
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    rmSync(join(folder, 'annex-3.ru.pdf'));
    await fsPromises.symlink(victim, join(folder, 'annex-3.ru.pdf'));
    await writeRenderedFiles(folder, rendered('new'));
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(readFileSync(join(folder, 'annex-3.ru.pdf'), 'utf8')).toBe('new annex-3.ru.pdf');
  });
});

describe('two builds into one folder at the same time', () => {
  it('are serialised: the folder ends with one whole set, never a mix', async () => {
    const work = join(dir, 'concurrent');
    mkdirSync(work);
    const make = (name: string, ru: string) => {
      const app = loadSampleJson();
      // Annex 2 prints the name, Annex 3 the charter's purpose: every document tells which build made it.
      app.applicant.name = { ru, kk: ru };
      app.capacity.charterFit = ru;
      const p = join(work, name, 'app.json');
      mkdirSync(join(work, name));
      writeFileSync(p, JSON.stringify(app));
      return p;
    };
    const a = make('a', 'Объединение Альфа');
    const b = make('b', 'Объединение Бета');
    const out = join(work, 'out');
    const args = ['--out', out, '--annex', '2,3', '--format', 'docx', '--lang', 'ru,kk'];
    for (let round = 0; round < 3; round++) {
      const [ra, rb] = await Promise.all([runCliAsync(['build', a, ...args]), runCliAsync(['build', b, ...args])]);
      expect(ra.code, ra.stderr).toBe(0);
      expect(rb.code, rb.stderr).toBe(0);
      const folder = join(out, 'app');
      const names = readdirSync(folder).sort();
      expect(names).toEqual([
        'annex-2.kk.docx',
        'annex-2.ru.docx',
        'annex-3.kk.docx',
        'annex-3.ru.docx',
        'application.kk.docx',
        'application.ru.docx',
      ]);
      // Every document names the same applicant: all from one build.
      const who = names.map((n) => {
        const xml = new TextDecoder().decode(unzipSync(readFileSync(join(folder, n)))['word/document.xml']!);
        return xml.includes('Альфа') ? 'a' : xml.includes('Бета') ? 'b' : '?';
      });
      expect(new Set(who).size, who.join(',')).toBe(1);
      expect(who[0]).not.toBe('?');
    }
  }, 240_000);

  it('two writers of one process with slow and fast renames: one whole set, the second after the first', async () => {
    const folder = await oldSet('interleaved');
    // Without the lock the fast writer would finish while the slow one is at its second file, leaving a mix.
    const paced = (ms: number): OutputFs => ({
      ...fsPromises,
      rename: (async (from: string, to: string) => {
        await new Promise((r) => setTimeout(r, ms));
        return fsPromises.rename(from, to);
      }) as OutputFs['rename'],
    });
    const slow = writeRenderedFiles(folder, rendered('slow'), { fs: paced(40) });
    // The slow writer has replaced its first document by then.
    await new Promise((r) => setTimeout(r, 60));
    const fast = writeRenderedFiles(folder, rendered('fast'), { fs: paced(1) });
    await Promise.all([slow, fast]);
    const versions = new Set(Object.values(contents(folder)).map((t) => t.split(' ')[0]));
    expect([...versions]).toEqual(['fast']);
  });

  it('a build waits for another one holding the folder, then refuses with a message naming it', async () => {
    const work = join(dir, 'held');
    mkdirSync(work);
    const input = join(work, 'app.json');
    writeFileSync(input, JSON.stringify(loadSampleJson()));
    const folder = join(work, 'out', 'app');
    mkdirSync(folder, { recursive: true });
    // This test's process is alive: its lock is not stale.
    writeFileSync(join(folder, LOCK_NAME), `${process.pid}\n`);
    const t0 = performance.now();
    const r = await runCliAsync(['build', input, '--out', join(work, 'out'), '--annex', '2', '--format', 'docx'], {
      env: { ANNEXES_LOCK_WAIT_MS: '1500' },
    });
    expect(performance.now() - t0).toBeGreaterThan(1500);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`в папку ${folder} сейчас пишет другая сборка (процесс ${process.pid})`);
    expect(readdirSync(folder)).toEqual([LOCK_NAME]);
  });

  it('a lock left by a killed build is taken over', async () => {
    const folder = join(dir, 'stale-lock');
    mkdirSync(folder);
    // PID 2^22+1 is above Linux's pid_max default: no such process.
    writeFileSync(join(folder, LOCK_NAME), '4194305\n');
    await writeRenderedFiles(folder, rendered('new'), { lockWaitMs: 0 });
    expect(existsSync(join(folder, LOCK_NAME))).toBe(false);
    expect(Object.keys(contents(folder)).sort()).toEqual([...NAMES].sort());
  });
});

describe('the application folder is a symbolic link', () => {
  it('is refused before anything is written', async () => {
    const target = join(dir, 'link-target');
    mkdirSync(target);
    const out = join(dir, 'link-out');
    mkdirSync(out);
    await fsPromises.symlink(target, join(out, 'app'));
    const error = (await writeRenderedFiles(join(out, 'app'), rendered('new')).catch((e: unknown) => e)) as OutputError;
    expect(error.failure).toBe('symlink');
    expect(readdirSync(target)).toEqual([]);
  });
});
