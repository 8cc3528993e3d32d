/**
 * Messages a new user reads: numbers as in the documents, problems on stderr for every command, validate --json,
 * one line after a usage error, help and argument errors in the interface language, which comes from --ui-lang,
 * ANNEXES_UI_LANG or the system locale.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from './helpers/cli-spawn.ts';
import { loadSampleJson } from './helpers/sample.ts';

let overGrant: string;
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'annexes-messages-'));
  const app = structuredClone(loadSampleJson());
  delete app.$schema;
  // One tiyn over the cap.
  app.estimate.grantAmount = 32051319.99;
  overGrant = join(dir, 'over-grant.json');
  writeFileSync(overGrant, JSON.stringify(app, null, 2));
});

describe('numbers in messages', () => {
  it('have the decimal comma in Russian and Kazakh, the point in English', async () => {
    const [ru, kk, en] = await Promise.all([
      runCliAsync(['--ui-lang', 'ru', 'validate', overGrant]),
      runCliAsync(['--ui-lang', 'kk', 'validate', overGrant]),
      runCliAsync(['--ui-lang', 'en', 'validate', overGrant]),
    ]);
    expect(ru.stderr).toContain('превышают сумму гранта 32 051 319,99 тенге на 0,01 тенге');
    expect(kk.stderr).toContain('32 051 319,99 теңге грант сомасынан 0,01 теңгеге асады');
    expect(en.stderr).toContain('grant amount of 32 051 319.99 tenge by 0.01 tenge');
    expect(ru.stderr).not.toMatch(/\d\.\d\d (тенге|%)/);
  });
});

describe('validate', () => {
  it('prints the problems on stderr and the verdict on stdout, like build and totals', async () => {
    const r = await runCliAsync(['validate', overGrant]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/over-grant\.json:\d+:\d+ {2}estimate\.grantAmount {2}Средства гранта/);
    expect(r.stdout).not.toContain('estimate.grantAmount');
    expect(r.stdout).toContain('over-grant.json: ошибок: 1, предупреждений: 4');
  });

  it('--json gives every problem with its place, and nothing on stderr', async () => {
    const r = await runCliAsync(['validate', overGrant, '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const [entry] = JSON.parse(r.stdout);
    expect(entry.input).toBe(overGrant);
    expect(entry.ok).toBe(false);
    const error = entry.problems.find((p: { severity: string }) => p.severity === 'error');
    expect(error.path).toEqual(['estimate', 'grantAmount']);
    expect(error.line).toBeGreaterThan(1);
    expect(error.message).toContain('на 0,01 тенге');
    expect(entry.problems).toHaveLength(5);
  });
});

describe('usage errors', () => {
  it('one line with the error and one with where the help is, in Russian by default', async () => {
    const r = await runCliAsync(['build', '--bogus', 'a.json']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'ошибка: неизвестный параметр «--bogus»',
      'Справка: annexes build --help',
    ]);
  });

  it('in Kazakh and English, with the suggestion for a mistyped command', async () => {
    const [kk, en] = await Promise.all([
      runCliAsync(['--ui-lang', 'kk', 'valdate', 'a.json']),
      runCliAsync(['--ui-lang', 'en', 'totals']),
    ]);
    expect(kk.code).toBe(2);
    expect(kk.stderr.trimEnd().split('\n')).toEqual([
      'қате: белгісіз «valdate» командасы',
      '(мүмкін, validate?)',
      'Анықтама: annexes --help',
    ]);
    expect(en.code).toBe(2);
    expect(en.stderr.trimEnd().split('\n')).toEqual([
      "error: missing required argument 'file'",
      'Help: annexes totals --help',
    ]);
  });
});

describe('help in the interface language', () => {
  it('Russian by default, Kazakh and English on request', async () => {
    const [ru, kk, en] = await Promise.all([
      runCliAsync(['help', 'build']),
      runCliAsync(['--ui-lang', 'kk', 'build', '--help']),
      runCliAsync(['--ui-lang', 'en', 'build', '--help']),
    ]);
    for (const r of [ru, kk, en]) expect(r.code).toBe(0);
    expect(ru.stdout).toContain('Параметры:');
    expect(ru.stdout).toContain('скрыть пустые постоянные строки сметы');
    expect(ru.stdout).toContain('(по умолчанию: "docx,pdf")');
    expect(ru.stdout).toContain('Примеры:');
    expect(ru.stdout).not.toMatch(/hide the empty|Options:|Examples:/);
    expect(kk.stdout).toContain('Параметрлер:');
    expect(kk.stdout).toContain('сметаның бос тұрақты жолдарын жасыру');
    expect(kk.stdout).toContain('(әдепкі: "docx,pdf")');
    expect(en.stdout).toContain('Options:');
    expect(en.stdout).toContain('hide the empty fixed rows of the estimate');
  });

  it('the newer commands too: edit, estimate export|import, diff', async () => {
    const commands = [['edit'], ['estimate'], ['estimate', 'export'], ['estimate', 'import'], ['diff']];
    const runs = await Promise.all(
      commands.flatMap((c) => [
        runCliAsync([...c, '--help']),
        runCliAsync(['--ui-lang', 'kk', ...c, '--help']),
        runCliAsync(['--ui-lang', 'en', ...c, '--help']),
      ]),
    );
    for (const r of runs) expect(r.code).toBe(0);
    const out = (i: number, lang: 0 | 1 | 2) => runs[i * 3 + lang]!.stdout;
    // What a reader of each language sees: the description, an argument or option, the notes, the examples.
    const seen: [string, string, string][] = [
      ['редактировать заявку в браузере', 'өтінімді браузерде өңдеу', 'edit an application in the browser'],
      ['смета (Приложение 5) как книга Excel', 'смета (5-қосымша) Excel кітабы', 'the estimate (Annex 5) as an Excel'],
      ['язык листа: ru или kk', 'парақ тілі: ru немесе kk', 'language of the sheet: ru or kk'],
      ['показать, что изменится, ничего не записывая', 'не өзгеретінін көрсету', 'print what would change'],
      ['прежний файл заявки JSON', 'өтінімнің бұрынғы JSON файлы', 'the earlier application JSON file'],
    ];
    seen.forEach(([ru, kk, en], i) => {
      expect(out(i, 0)).toContain(ru);
      expect(out(i, 0)).toContain('Примеры:');
      expect(out(i, 0)).not.toMatch(/Examples:|Options:|the application|the estimate|a free one|the workbook/);
      expect(out(i, 1)).toContain(kk);
      expect(out(i, 1)).toContain('Мысалдар:');
      expect(out(i, 1)).not.toMatch(/Examples:|Options:|the application|the estimate|a free one|the workbook/);
      expect(out(i, 2)).toContain(en);
      expect(out(i, 2)).toContain('Examples:');
    });
    expect(out(0, 0)).toContain('порт на 127.0.0.1 (по умолчанию свободный)');
    expect(out(0, 0)).toContain('Страница сохраняет каждое изменение в FILE');
    expect(out(3, 1)).toContain('Кітаптағы қате парақ пен ұяшықты атайды (Смета!E14)');
    expect(out(4, 0)).toContain('также записать таблицу сравнения альбомным документом');
  });
});

describe('the interface language from the environment', () => {
  it('LANG=kk_KZ.UTF-8 gives Kazakh, LC_ALL=en_US.UTF-8 English (LC_ALL before LANG)', async () => {
    const [kk, en] = await Promise.all([
      runCliAsync(['validate', 'nowhere.json'], { env: { LANG: 'kk_KZ.UTF-8' } }),
      runCliAsync(['validate', 'nowhere.json'], { env: { LANG: 'kk_KZ.UTF-8', LC_ALL: 'en_US.UTF-8' } }),
    ]);
    expect(kk.stderr).toContain('файл табылмады');
    expect(en.stderr).toContain('file not found');
  });

  it('ANNEXES_UI_LANG before the locale, --ui-lang before both; an unknown locale is Russian', async () => {
    const [env, option, other] = await Promise.all([
      runCliAsync(['validate', 'nowhere.json'], { env: { LANG: 'en_US.UTF-8', ANNEXES_UI_LANG: 'kk' } }),
      runCliAsync(['--ui-lang', 'en', 'validate', 'nowhere.json'], { env: { ANNEXES_UI_LANG: 'kk' } }),
      runCliAsync(['validate', 'nowhere.json'], { env: { LANG: 'de_DE.UTF-8' } }),
    ]);
    expect(env.stderr).toContain('файл табылмады');
    expect(option.stderr).toContain('file not found');
    expect(other.stderr).toContain('файл не найден');
  });
});
