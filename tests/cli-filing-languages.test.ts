/**
 * Filing languages: the application says which languages it is filed in; `build` without --lang makes those,
 * `validate` wants every text of them, and a language with missing texts fails alone, the others are written.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from './helpers/cli-spawn.ts';
import { normalizeSpaces, readPdf } from './helpers/read-pdf.ts';
import { loadSampleJson } from './helpers/sample.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'annexes-filing-'));
});

type App = ReturnType<typeof loadSampleJson>;
function write(name: string, edit: (a: App) => void): string {
  const app = structuredClone(loadSampleJson());
  delete app.$schema;
  edit(app);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(app, null, 2));
  return file;
}

/** Two Russian texts taken out: the application is complete in Kazakh only. */
const withoutTwoRussianTexts = (a: App) => {
  delete a.applicant.address.ru;
  delete a.project.basics.tasks[1].ru;
};

describe('filing languages', () => {
  it('an application filed in Kazakh builds its Kazakh documents without --lang; validate passes it', async () => {
    const file = write('kk-only.json', (a) => {
      a.languages = ['kk'];
      withoutTwoRussianTexts(a);
    });
    const out = join(dir, 'out-kk-only');
    const [validate, build] = await Promise.all([
      runCliAsync(['validate', file]),
      runCliAsync(['build', file, '--out', out, '--annex', '2,4', '--format', 'pdf', '--quiet']),
    ]);
    expect(validate.stderr).not.toMatch(/ошибка|нет текста/);
    expect(validate.code).toBe(0);
    // The sample's paper-estimate warnings only.
    expect(build.stderr).not.toMatch(/ошибка|нет текста|не созданы/);
    expect(build.code).toBe(0);
    expect(readdirSync(join(out, 'kk-only')).sort()).toEqual([
      'annex-2.kk.pdf',
      'annex-4.kk.pdf',
      'application.kk.pdf',
    ]);
    const pdf = await readPdf(readFileSync(join(out, 'kk-only', 'annex-2.kk.pdf')));
    expect(normalizeSpaces(pdf.pages.map((p) => p.text).join('\n'))).toContain('Өтініш берушінің сауалнамасы');
  });

  it('validate reports every missing text of the filing languages (both, when not said)', async () => {
    const file = write('both-incomplete.json', withoutTwoRussianTexts);
    const r = await runCliAsync(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/both-incomplete\.json:\d+:\d+ {2}applicant\.address {2}нет текста на языке «ru»/);
    expect(r.stderr).toMatch(
      /both-incomplete\.json:\d+:\d+ {2}project\.basics\.tasks\[1\] {2}нет текста на языке «ru»/,
    );
    expect(r.stdout).toContain('ошибок: 2');
  });

  it('build writes the complete language, fails the incomplete one with every path and names --fallback', async () => {
    const file = write('partial.json', withoutTwoRussianTexts);
    const out = join(dir, 'out-partial');
    const r = await runCliAsync(['build', file, '--out', out, '--annex', '2', '--format', 'pdf']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/partial\.json:\d+:\d+ {2}applicant\.address {2}нет текста на языке «ru»/);
    expect(r.stderr).toMatch(/project\.basics\.tasks\[1\] {2}нет текста на языке «ru»/);
    expect(r.stderr).toContain('документы на языке ru не созданы');
    expect(r.stderr).toContain('--fallback');
    expect(readdirSync(join(out, 'partial'))).toEqual(['annex-2.kk.pdf']);
    expect(r.stdout).toContain('annex-2.kk.pdf');
    const pdf = await readPdf(readFileSync(join(out, 'partial', 'annex-2.kk.pdf')));
    expect(normalizeSpaces(pdf.pages.map((p) => p.text).join('\n'))).toContain('Бизнес-сәйкестендіру нөмірі');
  });

  it('an unknown filing language is refused with the allowed ones', async () => {
    const file = write('bad-lang.json', (a) => {
      a.languages = ['kz'];
    });
    const r = await runCliAsync(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/languages\[0\] {2}значение "kz" не из списка: "ru", "kk"/);
  });
});

describe('project.title is optional metadata', () => {
  it('an application without a title validates and builds; the combined file is titled with the applicant', async () => {
    const file = write('no-title.json', (a) => {
      delete a.project.title;
    });
    const out = join(dir, 'out-no-title');
    const r = await runCliAsync(['build', file, '--out', out, '--annex', '2,3', '--format', 'pdf', '--lang', 'ru']);
    expect(r.stderr).not.toMatch(/ошибка|нет текста|не созданы/);
    expect(r.code).toBe(0);
    const pdf = await readPdf(readFileSync(join(out, 'no-title', 'application.ru.pdf')));
    expect(pdf.info.Title).toBe(loadSampleJson().applicant.name.ru);
  });

  it('a title in one language does not block the other language (it is printed on no page)', async () => {
    const file = write('title-kk.json', (a) => {
      a.project.title = { kk: a.project.title.kk };
    });
    const out = join(dir, 'out-title-kk');
    const [validate, build] = await Promise.all([
      runCliAsync(['validate', file]),
      runCliAsync(['build', file, '--out', out, '--lang', 'ru', '--annex', '4', '--format', 'pdf', '--quiet']),
    ]);
    expect(validate.code).toBe(0);
    expect(validate.stderr).not.toContain('project.title');
    expect(build.stderr).not.toContain('project.title');
    expect(build.code).toBe(0);
    expect(readdirSync(join(out, 'title-kk'))).toEqual(['annex-4.ru.pdf']);
  });
});
