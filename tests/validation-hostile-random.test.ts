/**
 * Random JSON values — with keys named like Object.prototype's members, numbers at the edges of a double, long
 * unbroken words, control and writing-direction characters — fed into validation and into the real command.
 * Validation must never throw and must put every problem into words with its place; `validate` and `build` must
 * end with exit 0, 1 or 2 and a message, never 3, an abort or a hang.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic, messageText } from '../src/validation/report.ts';
import { validateText } from '../src/validation/validate.ts';
import { BIN, ROOT } from './helpers/cli-spawn.ts';
import { loadSampleJson } from './helpers/sample.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

const INHERITED = [
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
];
const MODEL_KEYS = ['ru', 'kk', 'ul', 'ol', 'notApplicable', 'lines', 'price', 'quantity', 'name', 'unit', 'extra'];

const key = fc.oneof(fc.constantFrom(...INHERITED), fc.constantFrom(...MODEL_KEYS), fc.string({ maxLength: 8 }));
const longWord = fc
  .tuple(fc.constantFrom('ж', 'a', 'ә', '9', '-', '😀', 'й\u0306'), fc.integer({ min: 61, max: 30_000 }))
  .map(([c, n]) => c.repeat(n));
const oddString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  longWord,
  fc.constantFrom('\u202eреп\u202c', 'a\r\nb', 'a\rb', '\ufffd', '{{x}}', '<w:t>&amp;</w:t>', '\u0001', '\ud800', ''),
);
const oddNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(-0, 1e308, -1e308, 2 ** 53 + 1, 1e21, 0.1 + 0.2, 999_999_999_999.99, 1e-7),
);
const { value: jsonValue } = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    oddNumber.filter(Number.isFinite),
    oddString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
}));

const SAMPLE = loadSampleJson() as Json;

/** Every path of the sample, objects and arrays included. */
function pathsOf(v: Json, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(v)) for (const [i, x] of v.entries()) pathsOf(x, [...path, i], out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) pathsOf(x, [...path, k], out);
  return out;
}
const PATHS = pathsOf(SAMPLE);
const STRING_PATHS = PATHS.filter((p) => typeof get(SAMPLE, p) === 'string');

function get(v: Json, path: Path): Json {
  let x: any = v;
  for (const k of path) x = x?.[k];
  return x;
}

/** Sets or adds a value as an own property, even under the key «__proto__». */
function put(root: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  const parent: any = get(root, path.slice(0, -1));
  Object.defineProperty(parent, path.at(-1)!, { value, enumerable: true, writable: true, configurable: true });
  return root;
}

/** A change of the sample: a text replaced by an odd one (mostly still valid), or any value put anywhere. */
const change = fc.oneof(
  fc.tuple(fc.constantFrom(...STRING_PATHS), oddString).map(([path, value]) => ({ path, value: value as Json })),
  fc.tuple(fc.constantFrom(...PATHS), jsonValue).map(([path, value]) => ({ path, value })),
  fc
    .tuple(
      fc.constantFrom(...PATHS.filter((p) => typeof get(SAMPLE, p) === 'object' && !Array.isArray(get(SAMPLE, p)))),
      key,
      jsonValue,
    )
    .map(([path, k, value]) => ({ path: [...path, k], value })),
);

function applied(c: { path: Path; value: Json }): string {
  return JSON.stringify(put(structuredClone(SAMPLE), c.path, c.value), null, 1);
}

describe('random JSON values through validation', () => {
  it('a whole random value: problems put into words, never an exception', () => {
    fc.assert(
      fc.property(jsonValue, (v) => {
        const result = validateText(JSON.stringify(v));
        expect(result.ok).toBe(false);
        for (const d of result.diagnostics) {
          expect(messageText(d, 'ru'), d.key).not.toBe(d.key);
          expect(formatDiagnostic('x.json', d, 'en')).not.toMatch(/\{\w+\}/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the sample with one random change: each problem has its line and a message in each language', () => {
    fc.assert(
      fc.property(change, (c) => {
        const result = validateText(applied(c));
        for (const d of result.diagnostics) {
          for (const lang of ['ru', 'kk', 'en'] as const) expect(messageText(d, lang), d.key).not.toBe(d.key);
          if (d.severity === 'error') expect(d.position, `${d.key} at ${d.path.join('.')}`).toBeDefined();
        }
      }),
      { numRuns: 300 },
    );
  }, 180_000);
});

describe('random JSON values through the command', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'annexes-hostile-random-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, ANNEXES_UI_LANG: '' },
      encoding: 'utf8',
      timeout: 90_000,
      killSignal: 'SIGKILL',
    });
    return { code: r.status, signal: r.signal, out: `${r.stdout}${r.stderr}` };
  };

  it('validate and build end with 0, 1 or 2 and a message', () => {
    let n = 0;
    const codes: number[] = [];
    fc.assert(
      fc.property(change, (c) => {
        const file = join(dir, `random-${n++}.json`);
        writeFileSync(file, applied(c));
        for (const args of [
          ['validate', file],
          ['build', file, '--annex', '2,4', '--lang', 'ru', '--format', 'pdf,docx', '--out', join(dir, 'out')],
        ]) {
          const r = run(args);
          expect(r.signal, r.out).toBeNull();
          expect([0, 1, 2], r.out).toContain(r.code);
          expect(r.out.trim(), args[0]).not.toBe('');
          expect(r.out).not.toMatch(/внутренняя ошибка|\n\s+at |FATAL ERROR/);
          codes.push(r.code!);
        }
      }),
      { numRuns: 12 },
    );
    // Both kinds of outcome were seen: some changes keep the application valid, others do not.
    expect(codes).toContain(0);
    expect(codes).toContain(1);
  }, 600_000);
});
