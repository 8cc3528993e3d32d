/**
 * Hostile and unlucky inputs, one case per row: each is given to the real `annexes` command, which must answer
 * with a message in the user's language that names the field (or the file), exit 1 or 2 (0 where the input is
 * in fact fine), within a time limit — never exit 3, an abort, a stack trace or a hang. The rows follow the
 * reliability issue's table, then its smaller cases.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers/cli-spawn.ts';
import { describeWithClients, pdfToText } from './helpers/clients.ts';
import { loadSampleJson } from './helpers/sample.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'annexes-hostile-inputs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  ms: number;
}

/** The command with a time limit: a hang is a failure of the case, not of the whole run. */
function annexes(args: string[], opts: { timeoutMs?: number; env?: Record<string, string> } = {}): Run {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, ANNEXES_UI_LANG: '', ...opts.env },
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 60_000,
    killSignal: 'SIGKILL',
    maxBuffer: 512 * 1024 * 1024,
  });
  return { code: r.status, signal: r.signal, out: `${r.stdout}\n${r.stderr}`, ms: performance.now() - t0 };
}

/** A file in the test folder. */
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const json = (name: string, value: unknown) => file(name, JSON.stringify(value, null, 2));

/** A clear answer: the expected exit code, the message, and nothing of a crash. */
function expectAnswer(r: Run, code: number, message: RegExp): void {
  expect(r.signal, r.out).toBeNull();
  expect(r.out).not.toMatch(
    /внутренняя ошибка|internal error|\n\s+at |Maximum call stack|FATAL ERROR|heap out of memory/,
  );
  expect(r.code, r.out).toBe(code);
  expect(r.out).toMatch(message);
}

const WORD = 'ж'.repeat(25_000);

/**
 * The long word as the PDF holds it: its pieces, line after line and page after page (the page footer and the
 * next page's header come between them; a list item's first line starts with its bullet), joined. No line of the
 * sample is one letter repeated.
 */
const pieces = (pages: string[], letter: string) =>
  [
    ...pages
      .join('\n')
      .replace(/\u200b/g, '')
      .matchAll(new RegExp(`^(?:\\S[^\\S\\n]+)?(${letter}+)$`, 'gm')),
  ]
    .map((m) => m[1])
    .join('');

describeWithClients('one unbroken 25 000-character word', ['pdftotext'], () => {
  const cases: { name: string; edit: (j: Record<string, any>) => void; annex: string }[] = [
    { name: 'in a printed text', annex: '4', edit: (j) => (j.project.basics.goal = { ru: WORD, kk: WORD }) },
    {
      name: 'in an item of a rich-text list',
      annex: '4',
      edit: (j) => (j.project.basics.goal = [{ ul: [{ ru: WORD, kk: WORD }] }]),
    },
    { name: 'in a table cell of the estimate', annex: '5', edit: (j) => (j.estimate.material.lines[0].name = WORD) },
  ];
  for (const c of cases)
    it(`${c.name}: the PDF is made in seconds and holds the whole word`, async () => {
      const app = loadSampleJson();
      c.edit(app);
      const input = json(`long-${c.annex}-${c.name.length}.json`, app);
      const out = join(dir, `out-long-${c.name.length}`);
      const r = annexes(['build', input, '--annex', c.annex, '--lang', 'ru', '--format', 'pdf', '--out', out]);
      expectAnswer(r, 0, /Готово/);
      expect(r.ms).toBeLessThan(45_000);
      const folder = join(out, `long-${c.annex}-${c.name.length}`);
      expect(pieces(await pdfToText(join(folder, `annex-${c.annex}.ru.pdf`)), 'ж')).toBe(WORD);
    });

  it('in a label given with --labels: the PDF holds it whole', async () => {
    const long = 'қ'.repeat(2000);
    const labels = json('long-label.json', { ru: { 'annex4.title': long } });
    const out = join(dir, 'out-long-label');
    const r = annexes([
      'build',
      json('long-label-app.json', loadSampleJson()),
      '--labels',
      labels,
      '--annex',
      '4',
      '--lang',
      'ru',
      '--format',
      'pdf',
      '--out',
      out,
    ]);
    expectAnswer(r, 0, /Готово/);
    expect(pieces(await pdfToText(join(out, 'long-label-app', 'annex-4.ru.pdf')), 'қ')).toBe(long);
  });
});

describe('keys that are names of Object.prototype', () => {
  const KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'];
  /** Where a key is put: [JSON path of the object, path the message names]. */
  const PLACES: { name: string; at: (j: Record<string, any>) => Record<string, any>; path: string }[] = [
    { name: 'the root', at: (j) => j, path: '' },
    { name: 'the applicant', at: (j) => j.applicant, path: 'applicant.' },
    { name: 'a localized text', at: (j) => j.applicant.name, path: 'applicant.name.' },
    { name: 'an estimate line', at: (j) => j.estimate.material.lines[0], path: 'estimate.material.lines[0].' },
    {
      name: 'a calendar activity',
      at: (j) => j.project.calendar.activities[0],
      path: 'project.calendar.activities[0].',
    },
    { name: 'a rich-text list', at: (j) => (j.project.basics.goal = { ul: ['a'] }), path: 'project.basics.goal.' },
  ];
  for (const key of KEYS)
    for (const place of PLACES)
      it(`«${key}» in ${place.name}: an unknown field at its path`, () => {
        const app = loadSampleJson();
        place.at(app).__marker__ = 1;
        // JSON.stringify drops a «__proto__» key set through assignment: write it into the text.
        const text = JSON.stringify(app, null, 2).replace('"__marker__": 1', `"${key}": { "a": 1 }`);
        const r = annexes(['validate', file(`proto-${key}-${place.name.length}.json`, text)]);
        expectAnswer(
          r,
          1,
          new RegExp(`${place.path.replace(/[.[\]]/g, '\\$&')}\\S*${key}\\S*\\s+неизвестное поле «${key}»`),
        );
      });
});

describe('a huge list of wrong values', () => {
  it('200 000 wrong elements: every one reported with its line, in seconds', () => {
    const app = loadSampleJson();
    app.capacity.experience = Array.from({ length: 200_000 }, () => 42);
    const r = annexes(['validate', json('huge.json', app)]);
    expectAnswer(r, 1, /ошибок: 200000/);
    expect(r.out).toMatch(/huge\.json:\d+:\d+ {2}capacity\.experience\[199999\] {2}нужен объект/);
    expect(r.ms).toBeLessThan(30_000);
  });

  it('100 000 problems are located from one line index: positions are right and the run is quick', () => {
    const app = loadSampleJson();
    app.capacity.experience = Array.from({ length: 100_000 }, () => 'x');
    const text = JSON.stringify(app, null, 2);
    const r = annexes(['validate', file('hundred.json', text)]);
    expectAnswer(r, 1, /ошибок: 100000/);
    expect(r.ms).toBeLessThan(20_000);
    const lines = text.split('\n');
    const m = /hundred\.json:(\d+):(\d+) {2}capacity\.experience\[99999\]/.exec(r.out)!;
    expect(lines[Number(m[1]) - 1]!.slice(Number(m[2]) - 1)).toMatch(/^"x"$/);
  });
});

describe('--labels files', () => {
  const LABEL_CASES: { name: string; content: () => string | Buffer; code: number; message: RegExp }[] = [
    {
      name: 'a key «constructor»',
      content: () => '{ "ru": { "constructor": "x" } }',
      code: 1,
      message: /неизвестный ключ надписи «constructor»/,
    },
    {
      name: 'a key «toString»',
      content: () => '{ "kk": { "toString": "x" } }',
      code: 1,
      message: /неизвестный ключ надписи «toString»/,
    },
    {
      name: 'a «__proto__» wrapper',
      content: () => '{ "__proto__": { "ru": { "annex2.title": "x" } } }',
      code: 1,
      message: /неизвестный язык «__proto__»/,
    },
    {
      name: '50 000-deep nesting',
      content: () => `{ "ru": ${'['.repeat(50_000)}${']'.repeat(50_000)} }`,
      code: 1,
      message: /вложенность глубже 100 уровней/,
    },
    {
      name: 'a 100 000-character label',
      content: () => JSON.stringify({ ru: { 'annex2.title': 'ы'.repeat(100_000) } }),
      code: 1,
      message: /ru\.annex2\.title: надпись длиннее 2000 симв\./,
    },
    {
      name: 'a label with U+0001',
      content: () => JSON.stringify({ kk: { 'annex2.title': 'Анкета\u0001' } }),
      code: 1,
      message: /kk\.annex2\.title: управляющий символ U\+0001 \(7-й символ надписи\)/,
    },
    {
      name: 'a byte-order mark before the JSON',
      content: () => `\ufeff${JSON.stringify({ ru: { 'annex2.title': 'Моя анкета' } })}`,
      code: 0,
      message: /annex2\.title\s+override\s+Моя анкета/,
    },
    {
      name: 'a file larger than 1 MB',
      content: () => `{ "ru": { "annex2.title": "x" } }${' '.repeat(1_100_000)}`,
      code: 1,
      message: /файл надписей занимает не больше 1 МБ/,
    },
  ];
  for (const c of LABEL_CASES)
    it(`${c.name}: ${c.code === 0 ? 'accepted' : 'refused with the key named'}`, () => {
      const labels = file(`labels-${c.name.length}.json`, c.content());
      const r = annexes(['labels', '--lang', 'ru', '--labels', labels]);
      expectAnswer(r, c.code, c.message);
    });

  it('the labels file is refused by build too, before anything is written', () => {
    const out = join(dir, 'out-bad-labels');
    const labels = file('labels-ctl.json', JSON.stringify({ ru: { 'annex2.title': 'a\u0001' } }));
    const r = annexes(['build', json('bad-labels-app.json', loadSampleJson()), '--labels', labels, '--out', out]);
    expectAnswer(r, 1, /ru\.annex2\.title: управляющий символ U\+0001/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('files that are not regular files', () => {
  beforeAll(() => {
    spawnSync('mkfifo', [join(dir, 'fifo.json')]);
  });
  for (const path of ['/dev/zero', '/dev/urandom', 'FIFO'])
    it(`validate ${path}: refused at once without reading it`, () => {
      const target = path === 'FIFO' ? join(dir, 'fifo.json') : path;
      expect(existsSync(target)).toBe(true);
      const r = annexes(['validate', target], { timeoutMs: 20_000 });
      expectAnswer(r, 1, /это не обычный файл/);
      expect(r.ms).toBeLessThan(15_000);
    });

  it('a file larger than 10 MB: refused by its size', () => {
    const big = file('big.json', `{"a": "${'x'.repeat(10.5 * 1024 * 1024)}"}`);
    expectAnswer(annexes(['validate', big]), 1, /файл слишком велик \(11 МБ\)/);
  });
});

describe('--out on a read-only file system, in a new sub-folder', () => {
  it('exit 2 naming the folder and why', () => {
    const r = annexes(['build', json('ro-app.json', loadSampleJson()), '--out', '/proc/annexes/new', '--annex', '2']);
    expectAnswer(r, 2, /не удалось записать \/proc\/annexes\/new\/ro-app: /);
  });
});

describe('money', () => {
  const line = (quantity: number, price: number) => ({ name: 'Позиция', unit: 'piece', quantity, price });
  function estimateWith(lines: unknown[]): Record<string, any> {
    const app = loadSampleJson();
    delete app.estimate.declaredTotal;
    delete app.estimate.grantAmount;
    delete app.estimate.administrative.declaredTotal;
    app.estimate.materialShareLimitPercent = 100;
    for (const a of Object.values(app.estimate.administrative) as any[]) if (a?.lines) a.lines = [];
    app.estimate.administrative.salaries.lines = lines;
    app.estimate.material.lines = [];
    app.estimate.direct = { activities: [] };
    return app;
  }

  it('100 × 999 999 999 999.99 + 0.01: totals --json and the table are exact', () => {
    const input = json('money-big.json', estimateWith([line(100, 999_999_999_999.99), line(1, 0.01)]));
    const r = annexes(['totals', input, '--json']);
    expectAnswer(r, 0, /"total": "99999999999999\.01"/);
    const report = JSON.parse(r.out.slice(0, r.out.lastIndexOf('}') + 1));
    expect(report.total.total).toBe('99999999999999.01');
    expect(report.total.grant).toBe('99999999999999.01');
    const table = annexes(['totals', input]);
    expectAnswer(table, 0, /99 999 999 999 999,01/);
  });

  it('a line of 2 × 10²¹ tenge: an error at the line, not an amount in exponent notation', () => {
    const input = json('money-huge.json', estimateWith([line(1_000_000_000, 1_000_000_000_000), line(1, 1)]));
    const r = annexes(['totals', input, '--json']);
    expectAnswer(
      r,
      1,
      /estimate\.administrative\.salaries\.lines\[0\] {2}сумма 1 000 000 000 000 000 000 000 тенге слишком велика/,
    );
    expect(r.out).not.toMatch(/E\+21/);
  });

  it('a sum of lines reaching 10¹⁵: an error at the estimate', () => {
    // Each line is 599 999 999 999 994 tenge, below the bound; their sum is not.
    const lines = Array.from({ length: 2 }, () => line(600, 999_999_999_999.99));
    const r = annexes(['validate', json('money-sum.json', estimateWith(lines))]);
    expectAnswer(r, 1, /json:\d+:\d+ {2}estimate {2}сумма 1 199 999 999 999 988 тенге слишком велика/);
  });

  it('a price of -0 is zero: no «exceeds the line» error', () => {
    const app = estimateWith([{ ...line(2, 0), price: '__NEG0__' }]);
    const text = JSON.stringify(app, null, 2).replace('"__NEG0__"', '-0');
    const r = annexes(['validate', file('neg-zero.json', text)]);
    expect(r.out).not.toMatch(/превышают сумму строки/);
    expectAnswer(r, 0, /ошибок нет|ошибок: 0/);
  });
});

describe('smaller cases', () => {
  it('1e309: «the number is too large» at its path', () => {
    const app = loadSampleJson();
    app.estimate.material.lines[0].price = '__BIG__';
    const text = JSON.stringify(app, null, 2).replace('"__BIG__"', '1e309');
    const r = annexes(['validate', file('e309.json', text)]);
    expectAnswer(r, 1, /estimate\.material\.lines\[0\]\.price {2}число слишком велико/);
  });

  it('a literal U+FFFD in a text is text, not a sign of another encoding', () => {
    const app = loadSampleJson();
    app.applicant.name.ru = 'Знак � в названии';
    const r = annexes(['validate', json('fffd.json', app)]);
    expect(r.out).not.toMatch(/UTF-8/);
    expect(r.code, r.out).toBe(0);
    expect(r.out).not.toMatch(/applicant\.name\.ru {2}(?!предупреждение)/);
  });

  it('bytes that are not UTF-8 are still refused as such', () => {
    const bytes = Buffer.concat([Buffer.from('{"a": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    expectAnswer(annexes(['validate', file('latin.json', bytes)]), 1, /файл не в кодировке UTF-8/);
  });

  it('"\\r\\n" inside a string is a line break', () => {
    const app = loadSampleJson();
    app.applicant.address = { ru: 'Первая строка\r\nвторая строка', kk: 'Бірінші\r\nекінші' };
    const r = annexes(['validate', json('crlf-string.json', app)]);
    expect(r.out).not.toMatch(/applicant\.address\S* {2}текст содержит управляющий символ/);
    expect(r.code, r.out).toBe(0);
  });

  it('a file with CR-only line ends reports each problem on its own line', () => {
    const app = loadSampleJson();
    app.applicant.bin = 'abc';
    const text = JSON.stringify(app, null, 2);
    const line = text.split('\n').findIndex((l) => l.includes('"bin"')) + 1;
    const r = annexes(['validate', file('cr-only.json', text.replace(/\n/g, '\r'))]);
    expectAnswer(r, 1, new RegExp(`cr-only\\.json:${line}:\\d+ {2}applicant\\.bin`));
  });

  it('CRLF line ends count lines as LF does', () => {
    const app = loadSampleJson();
    app.applicant.bin = 'abc';
    const text = JSON.stringify(app, null, 2);
    const line = text.split('\n').findIndex((l) => l.includes('"bin"')) + 1;
    const r = annexes(['validate', file('crlf.json', text.replace(/\n/g, '\r\n'))]);
    expectAnswer(r, 1, new RegExp(`crlf\\.json:${line}:\\d+ {2}applicant\\.bin`));
  });

  it('U+202E (right-to-left override): a warning naming the field', () => {
    const app = loadSampleJson();
    app.applicant.name.ru = 'Объединение \u202eреп\u202c';
    const r = annexes(['validate', json('bidi.json', app)]);
    expectAnswer(
      r,
      0,
      /applicant\.name\.ru {2}предупреждение: текст содержит невидимый знак направления письма U\+202E/,
    );
  });

  it('a symlinked sub-folder planted in out/: refused, nothing written through it', () => {
    const out = join(dir, 'out-link');
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(out);
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(out, 'linked'));
    const r = annexes(['build', json('linked.json', loadSampleJson()), '--out', out, '--annex', '2', '--lang', 'ru']);
    expectAnswer(r, 2, /linked — символическая ссылка/);
    expect(readFileSync(join(dir, 'linked.json'), 'utf8').length).toBeGreaterThan(0);
    expect(spawnSync('ls', ['-A', elsewhere], { encoding: 'utf8' }).stdout).toBe('');
  });
});
