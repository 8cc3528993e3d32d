/** `annexes totals`, `labels`, `schema`, `--help` and `--version` as child processes. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProgram } from '../src/cli/main.ts';
import { runCliAsync } from './helpers/cli-spawn.ts';
import { loadSampleJson, SAMPLE_PATH } from './helpers/sample.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'annexes-cli-commands-'));
});

const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

describe('annexes totals', () => {
  it('--json: the sections and the grand total of the sample, all from the grant', async () => {
    const r = await runCliAsync(['totals', SAMPLE_PATH, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const expected = { administrative: 5930720, material: 1724000, direct: 24396600 };
    const grand = 32051320;
    for (const [section, total] of Object.entries(expected)) {
      const s = report.sections[section];
      expect(s).toMatchObject({ total: String(total), own: '0', cofinancing: '0', grant: String(total) });
      expect(s.grantSharePercent).toBe(Math.round((total / grand) * 10000) / 100);
    }
    expect(report.total).toMatchObject({
      total: String(grand),
      own: '0',
      cofinancing: '0',
      grant: String(grand),
      grantSharePercent: 100,
    });
    // Amounts are exact decimal strings. Articles add up to their section, activities to theirs (integer tenge
    // here: exact in JS numbers).
    const sum = (rows: { total: string }[]) => rows.reduce((s, a) => s + Number(a.total), 0);
    expect(report.articles.map((a: { number: string }) => a.number).slice(0, 9)).toEqual([
      '1)',
      '2)',
      '3)',
      '4)',
      '5)',
      '6)',
      '7)',
      '8)',
      '9)',
    ]);
    expect(sum(report.articles)).toBe(expected.administrative);
    const sample = loadSampleJson();
    expect(report.activities.map((a: { activity: string }) => a.activity)).toEqual(
      sample.estimate.direct.activities.map((a: { activity: string }) => a.activity),
    );
    expect(sum(report.activities)).toBe(expected.direct);
    // The paper estimate's totals differ: warnings on stderr, not in the JSON.
    expect(r.stderr).toMatch(/estimate\.declaredTotal {2}предупреждение/);
  });

  it('prints a table in Russian by default and in Kazakh with --lang kk or --ui-lang kk', async () => {
    const [ru, kk, kkUi] = await Promise.all([
      runCliAsync(['totals', SAMPLE_PATH]),
      runCliAsync(['totals', SAMPLE_PATH, '--lang', 'kk']),
      runCliAsync(['--ui-lang', 'kk', 'totals', SAMPLE_PATH]),
    ]);
    expect(ru.code).toBe(0);
    const lines = ru.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^№\s+Статья расходов\s+Всего\s+Собств\. вклад\s+Софинансирование\s+Средства гранта/);
    expect(lines.at(-1)).toMatch(
      new RegExp(`Итого\\s+${grouped(32051320)}\\s+0\\s+0\\s+${grouped(32051320)}\\s+100,00$`),
    );
    expect(ru.stdout).toMatch(new RegExp(`^2\\s+Материально-техническое обеспечение\\s+${grouped(1724000)}\\s`, 'm'));
    for (const r of [kk, kkUi]) {
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^№\s+Шығыстар бабы\s+Барлығы/);
      expect(r.stdout).toContain(grouped(24396600));
    }
    // The interface language also sets the language of the warnings.
    expect(kkUi.stderr).toMatch(/ескерту/);
  });

  it('invalid data: the problems on stderr, nothing on stdout, exit 1', async () => {
    const app = loadSampleJson();
    app.estimate.material.lines = [{ unit: 'piece', quantity: 0, price: 10 }];
    const file = join(dir, 'bad-totals.json');
    writeFileSync(file, JSON.stringify(app, null, 2));
    const r = await runCliAsync(['totals', file, '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`${file}:\\d+:\\d+  estimate\\.material\\.lines\\[0\\]\\.quantity  `));
    expect(r.stderr).toMatch(/ошибок: 1/);
  });

  it('--lang en is a usage error (exit 2)', async () => {
    const r = await runCliAsync(['totals', SAMPLE_PATH, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/параметр --lang: допустимо одно из ru, kk, получено «en»/);
  });
});

describe('annexes labels', () => {
  const catalogue = (lang: string): Record<string, { text: string; status: string }> =>
    JSON.parse(readFileSync(new URL(`../templates/2015-413/labels.${lang}.json`, import.meta.url), 'utf8'));

  it('--lang kk --status draft lists exactly the Kazakh labels not yet checked', async () => {
    const r = await runCliAsync(['labels', '--lang', 'kk', '--status', 'draft']);
    expect(r.code).toBe(0);
    const drafts = Object.entries(catalogue('kk')).filter(([, e]) => e.status === 'draft');
    expect(drafts.length).toBeGreaterThan(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(drafts.length);
    const parsed = lines.map((l) => /^(\S+)\s+(\S+)\s{2}(.*)$/.exec(l)!.slice(1));
    expect(parsed.map(([key]) => key)).toEqual(drafts.map(([key]) => key));
    for (const [key, status, text] of parsed) {
      expect(status).toBe('draft');
      expect(text).toBe(catalogue('kk')[key!]!.text);
    }
    // The count per status goes to stderr, so that stdout can be piped.
    const all = Object.values(catalogue('kk'));
    expect(r.stderr).toContain(`надписей (kk): ${all.length}; `);
    expect(r.stderr).toContain(`draft ${drafts.length}`);
  });

  it('--labels applies an override file: its labels get the status "override"; --json', async () => {
    const file = join(dir, 'my-labels.json');
    writeFileSync(file, JSON.stringify({ kk: { 'annex2.title': 'Өтініш берушінің сауалнамасы (тексерілген)' } }));
    const r = await runCliAsync(['labels', '--lang', 'kk', '--labels', file, '--status', 'override', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { key: 'annex2.title', text: 'Өтініш берушінің сауалнамасы (тексерілген)', status: 'override' },
    ]);
  });

  it('a broken override file is invalid input (exit 1); an unknown status is a usage error (exit 2)', async () => {
    const file = join(dir, 'typo-labels.json');
    writeFileSync(file, JSON.stringify({ kk: { 'annex2.titel': 'x' } }));
    const [broken, status] = await Promise.all([
      runCliAsync(['labels', '--lang', 'kk', '--labels', file]),
      runCliAsync(['labels', '--lang', 'ru', '--status', 'checked']),
    ]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`${file}  kk: неизвестный ключ надписи «annex2.titel» — возможно, «annex2.title»?`);
    expect(status.code).toBe(2);
    expect(status.stderr).toMatch(/параметр --status: допустимо одно из verbatim, assembled, draft, override/);
  });
});

describe('annexes schema, --help, --version', () => {
  it('schema prints the committed JSON Schema', async () => {
    const r = await runCliAsync(['schema']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(new URL('../schema/application.schema.json', import.meta.url), 'utf8'));
  });

  it('--version prints the version of package.json; --help exits 0 and lists every command', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const [version, help] = await Promise.all([runCliAsync(['--version']), runCliAsync(['--help'])]);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
    expect(help.code).toBe(0);
    for (const name of ['init', 'validate', 'build', 'watch', 'totals', 'labels', 'schema'])
      expect(help.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(help.stdout).toContain('Примеры:');
  });

  it('the help of every command has examples that use the command', () => {
    const program = createProgram();
    expect(program.commands.length).toBeGreaterThanOrEqual(7);
    for (const cmd of program.commands) {
      let text = '';
      cmd.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
      cmd.outputHelp();
      const examples = text.split('Examples:')[1];
      expect(examples, `${cmd.name()} --help`).toBeDefined();
      expect(examples, `${cmd.name()} --help`).toMatch(new RegExp(`^  annexes ${cmd.name()} `, 'm'));
    }
  });
});
