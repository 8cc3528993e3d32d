import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { binChecksumOk } from '../src/model/annex2.ts';
import { validateText } from '../src/validation/validate.ts';
import { runCli } from './helpers/cli.ts';
import { loadSampleJson } from './helpers/sample.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'annexes-validate-'));
});

/** Writes an application as a person would (2-space JSON) and returns the file and its lines. */
function writeApp(name: string, app: unknown): { file: string; lines: string[] } {
  const text = JSON.stringify(app, null, 2);
  const file = join(dir, name);
  writeFileSync(file, text);
  return { file, lines: text.split('\n') };
}

/** 1-based number of the first line at or after `from` that contains `needle`. */
function lineOf(lines: string[], needle: string, from = 0): number {
  const i = lines.findIndex((l, idx) => idx >= from && l.includes(needle));
  if (i < 0) throw new Error(`not in file: ${needle}`);
  return i + 1;
}

const sample = () => structuredClone(loadSampleJson());

describe('annexes validate on the sample and its broken copies', () => {
  it('accepts the sample (exit 0; only warnings about the paper estimate)', () => {
    const r = runCli(['validate', 'data/gamo-2021.json']);
    // The problems (warnings only) on stderr, the verdict on stdout.
    expect(r.stderr).not.toMatch(/ошибка:/);
    expect(r.stderr).toMatch(/предупреждение:/);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('data/gamo-2021.json: ошибок: 0, предупреждений: 4\n');
  });

  it('reports a wrong type with its line and JSON path', () => {
    const app = sample();
    app.applicant.bin = 51140010597;
    const { file, lines } = writeApp('wrong-type.json', app);
    const r = runCli(['validate', file]);
    expect(r.code).toBe(1);
    const line = lineOf(lines, '"bin": 51140010597');
    expect(r.stderr).toContain(`${file}:${line}:`);
    expect(r.stderr).toMatch(/applicant\.bin\s+нужен текст \(строка\), а не number/);
  });

  it('reports a missing required field at its parent object', () => {
    const app = sample();
    delete app.applicant.name;
    const { file, lines } = writeApp('missing.json', app);
    const r = runCli(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:${lineOf(lines, '"applicant": {')}:`);
    expect(r.stderr).toMatch(/applicant\.name\s+обязательное поле не заполнено/);
  });

  it('reports an unknown key with a did-you-mean hint, at the key', () => {
    const app = sample();
    const line0 = app.estimate.administrative.salaries.lines[0];
    line0.quanity = line0.quantity;
    delete line0.quantity;
    const { file, lines } = writeApp('typo.json', app);
    const r = runCli(['validate', file]);
    expect(r.code).toBe(1);
    const line = lineOf(lines, '"quanity"');
    expect(r.stderr).toContain(`${file}:${line}:`);
    expect(r.stderr).toContain('estimate.administrative.salaries.lines[0].quanity');
    expect(r.stderr).toContain('может быть, «quantity»?');
    // The missing quantity is reported too: every problem at once.
    expect(r.stderr).toMatch(/salaries\.lines\[0\]\.quantity\s+обязательное поле/);
  });

  it('reports a syntax error with its line and column', () => {
    const text = JSON.stringify(sample(), null, 2);
    const lines = text.split('\n');
    const n = lineOf(lines, '"bin":');
    // Drop the comma at the end of the "bin" line.
    lines[n - 1] = (lines[n - 1] as string).replace(/,\s*$/, '');
    const file = join(dir, 'syntax.json');
    writeFileSync(file, lines.join('\n'));
    const r = runCli(['validate', file]);
    expect(r.code).toBe(1);
    // The parser notices at the start of the next key.
    const col = (lines[n] as string).indexOf('"') + 1;
    expect(r.stderr).toContain(`${file}:${n + 1}:${col}  $  ошибка JSON: ожидается запятая`);
    expect(r.stderr.split('\n').filter((l) => l.includes('ошибка JSON'))).toHaveLength(1);
  });

  it('speaks Kazakh and English with --ui-lang', () => {
    const app = sample();
    delete app.applicant.name;
    const { file } = writeApp('missing-kk.json', app);
    expect(runCli(['--ui-lang', 'kk', 'validate', file]).stderr).toContain('міндетті өріс толтырылмаған');
    expect(runCli(['--ui-lang', 'en', 'validate', file]).stderr).toContain('required field is missing');
  });

  it('lists every problem of a file at once', () => {
    const app = sample();
    app.applicant.bin = '051140010598';
    app.applicant.registration.first = '2005-02-30';
    app.project.calendar.activities[0].months = [1, 40];
    app.estimate.material.lines[0].price = 10.555;
    const { file } = writeApp('many.json', app);
    const r = runCli(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('applicant.bin  БИН с ошибкой');
    expect(r.stderr).toContain('applicant.registration.first  такой даты не существует');
    expect(r.stderr).toContain('project.calendar.activities[0].months[1]');
    expect(r.stderr).toContain('estimate.material.lines[0].price  сумма в тенге: не больше двух знаков');
  });
});

describe('files that are not applications get one clear line each', () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ['empty.json', '', /файл пуст/],
    ['spaces.json', '  \n ', /файл пуст/],
    ['array.json', '[1, 2]', /\$ {2}нужен объект \{ … \}, а не array/],
    ['number.json', '42', /\$ {2}нужен объект \{ … \}, а не number/],
    ['binary.json', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]), /не текстовый файл JSON/],
    ['comment.json', '{\n  // note\n  "a": 1\n}', /:2:3 {2}\$ {2}ошибка JSON: комментарии в JSON недопустимы/],
  ];
  for (const [name, content, pattern] of cases)
    it(name, () => {
      const file = join(dir, name);
      writeFileSync(file, content);
      const r = runCli(['validate', file]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr + r.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
    });

  it('a missing file', () => {
    const r = runCli(['validate', join(dir, 'nope.json')]);
    // A file named on the command line that is not there: the command line is wrong.
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.json  $  файл не найден');
  });

  it('a huge file is refused before parsing', () => {
    const file = join(dir, 'huge.json');
    writeFileSync(file, `{"x": "${'a'.repeat(11 * 1024 * 1024)}"}`);
    const r = runCli(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/файл слишком велик \(11 МБ\)/);
  });

  it('a BOM is skipped with a warning; the content is still checked', () => {
    const file = join(dir, 'bom.json');
    writeFileSync(file, `\uFEFF${JSON.stringify(sample(), null, 2)}`);
    const r = runCli(['validate', file]);
    expect(r.stderr).toMatch(/:1:1 {2}\$ {2}предупреждение: файл начинается с метки порядка байтов/);
    expect(r.code).toBe(0);
  });
});

describe('model rules from the seed', () => {
  it('the BIN check digit', () => {
    expect(binChecksumOk('051140010597')).toBe(true); // the seed's BIN
    expect(binChecksumOk('051140010596')).toBe(false);
    expect(binChecksumOk('05114001059')).toBe(false);
  });

  it('text accepts a string or {ru,kk}, and reports a typo in a language key', () => {
    const app = sample();
    app.applicant.address = { ru: 'г. Актау', kz: 'Ақтау қ.' };
    const r = validateText(JSON.stringify(app, null, 2));
    expect(r.ok).toBe(false);
    const d = r.diagnostics.find((x) => x.path.join('.') === 'applicant.address.kz');
    expect(d?.key).toBe('schema.unknownKeyHint');
    expect(d?.params?.hint).toBe('kk');
  });

  it('control characters in text are errors; tabs and line breaks are text', () => {
    const app = sample();
    app.applicant.address = 'Актау\u0007';
    expect(validateText(JSON.stringify(app)).diagnostics.map((d) => d.key)).toContain('text.control');
    app.applicant.address = 'Актау,\n34 мкр.\tофис 34';
    expect(validateText(JSON.stringify(app)).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('«Не применимо» is an explicit value, not a magic string', () => {
    const app = sample();
    app.applicant.chiefAccountant = 'Не применимо';
    const r = validateText(JSON.stringify(app));
    expect(r.diagnostics.some((d) => d.path.join('.') === 'applicant.chiefAccountant' && d.severity === 'error')).toBe(
      true,
    );
  });

  it('duplicate keys are reported', () => {
    const r = validateText('{\n  "edition": "2015-413",\n  "edition": "2015-413"\n}');
    expect(r.diagnostics.some((d) => d.key === 'json.duplicateKey' && d.position?.line === 3)).toBe(true);
  });
});
