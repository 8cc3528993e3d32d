/** `annexes init`: a blank application that validates and builds at once, in the user's language. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { administrative } from '../src/model/annex5.ts';
import { applicant, application, capacity, estimate, project } from '../src/model/index.ts';
import { runCliAsync } from './helpers/cli-spawn.ts';
import { normalizeSpaces, readPdf } from './helpers/read-pdf.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'annexes-cli-init-'));
});

/** What `init DIR` leaves in DIR: the application named after the folder, the schema in a subfolder, a how-to. */
const filesOf = (name: string) => ['README.md', `${name}.json`, 'schema'];
const KAZAKH_LETTERS = /[әғқңөұүһі]/i;
const templateOf = (lang: string) =>
  JSON.parse(readFileSync(new URL(`../templates/init/${lang}/application.json`, import.meta.url), 'utf8'));

/** Every key path of a JSON value; array items as `[]`. */
function keyPaths(v: unknown, prefix = ''): string[] {
  if (Array.isArray(v)) return v.flatMap((x) => keyPaths(x, `${prefix}[]`));
  if (typeof v !== 'object' || v === null) return [];
  return Object.entries(v).flatMap(([k, x]) => {
    const p = prefix ? `${prefix}.${k}` : k;
    return [p, ...keyPaths(x, p)];
  });
}

/** Every string of a JSON value. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (typeof v === 'object' && v !== null) return Object.values(v).flatMap(strings);
  return [];
}

describe('the blank templates', () => {
  it('have every section of the model (only optional totals and limits left out)', () => {
    const optional = new Set(['grantAmount', 'materialShareLimitPercent', 'declaredTotal']);
    const sections: [string, { shape: Record<string, unknown> }][] = [
      ['', application],
      ['applicant', applicant],
      ['capacity', capacity],
      ['project', project],
      ['estimate', estimate],
      ['estimate.administrative', administrative],
    ];
    for (const lang of ['ru', 'kk']) {
      const t = templateOf(lang);
      for (const [path, schema] of sections) {
        const obj = path ? path.split('.').reduce((o, k) => o[k], t) : t;
        for (const key of Object.keys(schema.shape))
          if (!optional.has(key)) expect(obj, `${lang}: ${path}.${key}`).toHaveProperty([key]);
      }
      for (const key of ['basics', 'justification', 'monitoring', 'calendar', 'sustainability'])
        expect(Object.keys(t.project[key]).length).toBeGreaterThan(0);
    }
  });

  it('are the same in both languages but for the hints, which are in that language', () => {
    const ru = templateOf('ru');
    const kk = templateOf('kk');
    expect(keyPaths(kk)).toEqual(keyPaths(ru));
    const hints = (t: unknown) => strings(t).filter((s) => s.startsWith('['));
    expect(hints(ru).length).toBeGreaterThan(40);
    expect(hints(kk)).toHaveLength(hints(ru).length);
    for (const h of hints(ru)) expect(h).not.toMatch(KAZAKH_LETTERS);
    expect(hints(kk).filter((h) => KAZAKH_LETTERS.test(h)).length).toBeGreaterThan(hints(kk).length / 2);
  });
});

describe('annexes init', () => {
  it('creates the folder: the blank file, its schema next to it, a how-to; it validates and builds at once', async () => {
    const target = join(dir, 'new', 'my-application');
    const r = await runCliAsync(['init', target], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(target).sort()).toEqual(filesOf('my-application'));
    expect(readdirSync(join(target, 'schema'))).toEqual(['application.schema.json']);
    expect(r.stdout).toContain('annexes build new/my-application/my-application.json');

    const app = JSON.parse(readFileSync(join(target, 'my-application.json'), 'utf8'));
    // The schema link works outside this repository: it points at the copy next to the file.
    expect(statSync(resolve(target, app.$schema)).isFile()).toBe(true);
    expect(readFileSync(resolve(target, app.$schema), 'utf8')).toBe(
      readFileSync(new URL('../schema/application.schema.json', import.meta.url), 'utf8'),
    );
    expect(app.project.title).toMatch(/^\[.+\]$/);
    const readme = readFileSync(join(target, 'README.md'), 'utf8');
    expect(readme).toMatch(/^# Заявка на государственный грант/);
    expect(readme).toContain('annexes build my-application.json');
    expect(readme).toContain('out/my-application/');
    expect(readme).not.toContain('{file}');

    const file = join(target, 'my-application.json');
    const out = join(dir, 'out');
    const [validate, build] = await Promise.all([
      runCliAsync(['validate', file]),
      runCliAsync(['build', file, '--out', out, '--quiet']),
    ]);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toBe(`${file}: ошибок нет\n`);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(readdirSync(join(out, 'my-application'))).toHaveLength(20);
    // The documents show the form with the hints in place of the texts.
    const annex2 = await readPdf(readFileSync(join(out, 'my-application', 'annex-2.ru.pdf')));
    const text2 = normalizeSpaces(annex2.pages.map((p) => p.text).join('\n'));
    expect(text2).toContain('Анкета заявителя');
    expect(text2).toContain('[Полное наименование организации');
    const annex4 = await readPdf(readFileSync(join(out, 'my-application', 'annex-4.kk.pdf')));
    const text4 = normalizeSpaces(annex4.pages.map((p) => p.text).join('\n'));
    expect(text4).toContain('[Цель проекта: одно предложение]');
    expect(annex4.info.Subject).toBe('[Название социального проекта]');
  });

  it('--lang kk, or the Kazakh interface: Kazakh hints and how-to, and it builds', async () => {
    const byOption = join(dir, 'kk-option');
    const byUi = join(dir, 'kk-ui');
    const [a, b] = await Promise.all([
      runCliAsync(['init', byOption, '--lang', 'kk']),
      runCliAsync(['--ui-lang', 'kk', 'init', byUi]),
    ]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(b.stdout).toContain('ішінде жасалды');
    for (const target of [byOption, byUi]) {
      expect(readFileSync(join(target, `${basename(target)}.json`), 'utf8')).toBe(
        readFileSync(new URL('../templates/init/kk/application.json', import.meta.url), 'utf8'),
      );
      expect(readFileSync(join(target, 'README.md'), 'utf8')).toMatch(/^# Мемлекеттік грантқа өтінім/);
    }
    const out = join(dir, 'out-kk');
    const build = await runCliAsync([
      'build',
      join(byOption, 'kk-option.json'),
      '--out',
      out,
      '--format',
      'pdf',
      '--annex',
      '2',
      '--lang',
      'kk',
    ]);
    expect(build.code).toBe(0);
    const pdf = await readPdf(readFileSync(join(out, 'kk-option', 'annex-2.kk.pdf')));
    expect(normalizeSpaces(pdf.pages.map((p) => p.text).join('\n'))).toContain('[Ұйымның толық атауы');
  });

  it('refuses a non-empty folder or a file (exit 2) and touches nothing; an empty folder is fine', async () => {
    const full = join(dir, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'notes.txt'), 'mine');
    const file = join(dir, 'a-file');
    writeFileSync(file, 'mine');
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const [r1, r2, r3, r4] = await Promise.all([
      runCliAsync(['init', full]),
      runCliAsync(['init', file]),
      runCliAsync(['init', empty]),
      runCliAsync(['init', join(dir, 'x'), '--lang', 'en']),
    ]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain(`папка ${full} уже существует и не пуста`);
    expect(readdirSync(full)).toEqual(['notes.txt']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain(`${file} — это файл, а не папка`);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    expect(r3.code).toBe(0);
    expect(readdirSync(empty).sort()).toEqual(filesOf('empty'));
    expect(r4.code).toBe(2);
    expect(existsSync(join(dir, 'x'))).toBe(false);
    expect(dirname(file)).toBe(dir);
  });

  it('two applications made by init build side by side from a *.json glob of their folders', async () => {
    const a = join(dir, 'glob', 'grant-a');
    const b = join(dir, 'glob', 'grant-b');
    await Promise.all([runCliAsync(['init', a]), runCliAsync(['init', b, '--lang', 'kk'])]);
    // What the shell makes of `build glob/grant-a/*.json glob/grant-b/*.json`.
    const glob = [a, b].flatMap((d) =>
      readdirSync(d)
        .filter((f) => f.endsWith('.json'))
        .map((f) => join(d, f)),
    );
    expect(glob).toEqual([join(a, 'grant-a.json'), join(b, 'grant-b.json')]);
    const out = join(dir, 'out-glob');
    const build = await runCliAsync(['build', ...glob, '--out', out, '--format', 'pdf', '--annex', '5', '--quiet']);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['grant-a', 'grant-b']);
    expect(readdirSync(join(out, 'grant-b')).sort()).toEqual(['annex-5.kk.pdf', 'annex-5.ru.pdf']);
  });

  it('names the application safely when the folder has a name Windows reserves', async () => {
    const target = join(dir, 'con');
    const r = await runCliAsync(['init', target]);
    expect(r.code).toBe(0);
    expect(readdirSync(target).sort()).toEqual(filesOf('con_'));
  });
});
