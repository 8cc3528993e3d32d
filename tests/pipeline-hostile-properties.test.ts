/**
 * Property-based tests with generated applications (fast-check), starting from the sample:
 *
 * - valid ones — arbitrary text (any Unicode, markup, template syntax, entities, emoji, tabs, line breaks) in
 *   random text fields, random amounts within the model's limits, a random number of activities — render in DOCX
 *   and PDF without an error; every text is printed as typed (DOCX exactly, PDF as far as the font draws it) and
 *   the estimate's total row prints the total summed here, independently of the budget engine;
 * - invalid ones — wrong types, negative or too large amounts, 3-decimal prices, unknown keys, missing fields,
 *   control characters — always give a validation error at the JSON path of the change, never an exception;
 * - broken JSON text never throws either.
 *
 * Rendering takes about a second per document, so a run renders one language and only the annexes it changed.
 */
import { Decimal as DecimalBase } from 'decimal.js';
import fc from 'fast-check';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { computeEstimate } from '../src/budget/index.ts';
import type { JsonPath } from '../src/diagnostics/diagnostic.ts';
import type { Lang } from '../src/model/common.ts';
import { MAX_MONEY, MAX_QUANTITY } from '../src/model/common.ts';
import { loadApplication } from '../src/pipeline/load.ts';
import { ApplicationDataError, renderApplication } from '../src/pipeline/render-application.ts';
import { formatDiagnostic, formatJsonPath } from '../src/validation/report.ts';
import { validateText, validateValue } from '../src/validation/validate.ts';
import { readDocx } from './helpers/read-docx.ts';
import { readPdf } from './helpers/read-pdf.ts';
import { compact, grouped, type Json, labelText, readingText } from './helpers/rendered.ts';
import { loadSampleJson } from './helpers/sample.ts';

type Path = JsonPath;
/** Exact for any sum here: quantity × price has at most 28 digits (the library's default keeps 20). */
const Decimal = DecimalBase.clone({ precision: 100 });
type Decimal = DecimalBase;
const SAMPLE = loadSampleJson();
const SAMPLE_TEXT = JSON.stringify(SAMPLE, null, 2);

function get(json: Json, path: Path): Json {
  let o: Json = json;
  for (const k of path) o = o?.[k];
  return o;
}
function setAt(json: Json, path: Path, value: unknown): void {
  const parent = get(json, path.slice(0, -1));
  parent[path.at(-1)!] = value;
}

/** Paths of every leaf of the sample (strings and numbers; booleans left out), in document order. */
function leaves(value: unknown, path: Path = [], out: { path: Path; value: string | number }[] = []) {
  if (typeof value === 'string' || typeof value === 'number') out.push({ path, value });
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) leaves(v, [...path, i], out);
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) leaves(v, [...path, k], out);
  return out;
}
const LEAVES = leaves(SAMPLE);

/** Keys whose strings are not free text: identifiers, codes, dates, contacts. */
const NOT_TEXT = new Set([
  '$schema',
  'edition',
  'id',
  'activity',
  'bin',
  'email',
  'phones',
  'first',
  'reregistration',
  'amendments',
  'currency',
  'scale',
]);
const TEXT_SLOTS = LEAVES.filter(
  (l) => typeof l.value === 'string' && !l.path.some((k) => typeof k === 'string' && NOT_TEXT.has(k)),
).map((l) => l.path);
/** The project title goes to the document properties only. */
const printedInBody = (path: Path) => !(path[0] === 'project' && path[1] === 'title');
/** Whether the text at `path` is printed in that language's documents (estimate activities may be cut off). */
function printedIn(path: Path, lang: Lang, activities: number): boolean {
  const last = path.at(-1);
  if ((last === 'ru' || last === 'kk') && last !== lang) return false;
  const [section, group, list, index] = path;
  return !(section === 'estimate' && group === 'direct' && list === 'activities' && (index as number) >= activities);
}
const annexOf = (path: Path): 2 | 3 | 4 | 5 =>
  ({ applicant: 2, capacity: 3, project: 4, estimate: 5 })[path[0] as string] as 2 | 3 | 4 | 5;

/** Every budget line of the sample. */
const LINE_PATHS = LEAVES.filter((l) => l.path.at(-1) === 'price').map((l) => l.path.slice(0, -1));

// ---------------------------------------------------------------------------------------------------------------
// Text

const TOKENS = [
  '{{name}}',
  '{{{x}}}',
  '{{#each rows}}',
  '{{/each}}',
  '{{> annex-header}}',
  '<b>',
  '</b>',
  '</td>',
  '<tr>',
  '<section orientation="landscape">',
  '<br/>',
  '<tab/>',
  '<![CDATA[',
  '&amp;',
  '&nbsp;',
  '&#160;',
  '&lt;',
  '&',
  '"',
  "'",
  '«',
  '»',
  '\\',
  '\t',
  '\n',
  ' ',
  '   ',
  '\u00a0',
  'е\u0301',
  '😀',
  '👍🏽',
  '₸',
  '№',
  'ӘәҒғҚқҢңӨөҰұҮүҺһІі',
  '__proto__',
  'constructor',
  '\u2028',
];

/** What the model accepts: no control characters but tab and line feed, no noncharacters, no lone surrogates. */
const acceptable = (s: string) =>
  s.replace(/[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}]/gu, (c) => (c === '\t' || c === '\n' ? c : ''));

const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...TOKENS),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.string({ unit: 'binary', maxLength: 4 }),
    ),
    { maxLength: 6 },
  )
  .map((parts) => acceptable(parts.join('')));

/** What the DOCX shows for a text: separators are line breaks, spaces collapse and are dropped at the edges. */
function printedAs(s: string): string {
  return s
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(/ +/g, ' ')
    .replace(/ ?([\n\t]) ?/g, '$1')
    .replace(/^ | $/g, '');
}

const FACES = ['Tinos-Regular', 'Tinos-Bold', 'Tinos-Italic', 'Tinos-BoldItalic'].map(
  (f) => fontkit.openSync(new URL(`../fonts/${f}.ttf`, import.meta.url).pathname) as fontkit.Font,
);
/** Scripts written left to right that the PDF text keeps in order. */
const PLAIN = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Inherited}]*$/u;

const drawable = (c: string) => FACES.every((f) => f.hasGlyphForCodePoint(c.codePointAt(0)!));

/**
 * The part of a text the PDF text layer must hold: the drawable letters, digits, punctuation and signs, with
 * accents taken apart and dropped (text extraction may compose or decompose them). A character the fonts cannot
 * draw is dropped before it is taken apart: «𝐀» prints as an empty box, not as the «A» it decomposes to.
 */
function pdfVisible(s: string): string {
  return [...[...s].filter(drawable).join('').normalize('NFKD')]
    .filter((c) => /[\p{L}\p{N}\p{P}\p{S}]/u.test(c) && drawable(c))
    .join('');
}

/** In the text, or cut in two by a page break (the rest of a table row is drawn on the next page). */
function inPdf(pages: string[], needle: string): boolean {
  if (pages.join('').includes(needle)) return true;
  for (let i = 0; i + 1 < pages.length; i++)
    for (let k = 1; k < needle.length; k++)
      if (pages[i]!.includes(needle.slice(0, k)) && pages[i + 1]!.includes(needle.slice(k))) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Amounts

/** A decimal with `places` decimals from 0 (or the smallest step) to `max`, edges included, small ones often. */
const decimalUpTo = (max: number, places: number, min = 0n) => {
  const scale = 10n ** BigInt(places);
  const top = BigInt(max) * scale;
  // The small values stay under `max` too (a quantity of 249 has 249 000 steps of 0.001).
  const small = top < 1_000_000n ? top : 1_000_000n;
  return fc
    .oneof(fc.constant(top), fc.constant(min), fc.bigInt({ min, max: top }), fc.bigInt({ min, max: small }))
    .map((n) => Number(new Decimal(n.toString()).dividedBy(scale.toString()).toString()));
};
const price = decimalUpTo(MAX_MONEY, 2);
/**
 * A quantity that keeps a valid application valid: the estimate prints amounts below 10¹⁵ tenge
 * (src/budget/limits.ts), so up to 4 lines at the largest price take at most 249 units each.
 */
const boundedQuantity = decimalUpTo(249, 3, 1n);

/** The estimate's total, summed here: each line quantity × price rounded half up to the tiyn, then added. */
function independentTotal(json: Json): Decimal {
  let total = new Decimal(0);
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'lines')
          for (const l of x as Json[])
            total = total.plus(
              new Decimal(String(l.quantity)).times(String(l.price)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP),
            );
        else visit(x);
      }
    }
  };
  visit(json.estimate);
  return total;
}

const money = (d: Decimal) => grouped(d.isInteger() ? d.toFixed(0) : d.toFixed(2));

/** XML 1.0 cannot hold these at all: a DOCX with one is refused by Word. */
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|\p{Cs}/u;

// ---------------------------------------------------------------------------------------------------------------

const validApplication = fc.record({
  texts: fc.array(fc.tuple(fc.constantFrom(...TEXT_SLOTS), hostileText), { minLength: 1, maxLength: 5 }),
  amounts: fc.array(fc.tuple(fc.constantFrom(...LINE_PATHS), boundedQuantity, price), { maxLength: 4 }),
  activities: fc.integer({ min: 0, max: 10 }),
  lang: fc.constantFrom<Lang>('ru', 'kk'),
});

type Spec = typeof validApplication extends fc.Arbitrary<infer T> ? T : never;

function build(spec: Spec): { json: Json; texts: Map<string, Path> } {
  const json = structuredClone(SAMPLE);
  const texts = new Map<string, Path>();
  for (const [path, text] of spec.texts) {
    setAt(json, path, text);
    texts.set(formatJsonPath(path), path);
  }
  for (const [path, q, p] of spec.amounts) {
    const line = get(json, path);
    line.quantity = q;
    line.price = p;
    delete line.own;
    delete line.cofinancing;
  }
  // Random amounts may put any share into material provision; the grant cap is not what is tested here.
  json.estimate.materialShareLimitPercent = 100;
  delete json.estimate.grantAmount;
  // A random number of activities in the estimate: the sample's, cut or repeated under new ids (with their own
  // entry in the calendar plan).
  const base = SAMPLE.estimate.direct.activities as Json[];
  json.estimate.direct.activities = Array.from({ length: spec.activities }, (_, i) => {
    const activity = structuredClone(i < base.length ? json.estimate.direct.activities[i] : base[i % base.length]);
    if (i >= base.length) {
      activity.activity = `extra${i}`;
      json.project.calendar.activities.push({ id: `extra${i}`, title: `Мероприятие № ${i + 1}`, months: [1] });
    }
    return activity;
  });
  return { json, texts };
}

describe('generated valid applications', () => {
  it('render in both formats; texts print as typed; the total row is the exact sum', async () => {
    await fc.assert(
      fc.asyncProperty(validApplication, async (spec) => {
        const { json, texts } = build(spec);
        const { application } = loadApplication({ value: json });
        const expectedTotal = independentTotal(json);
        expect(computeEstimate(application.estimate, application.project.calendar).total.toFixed()).toBe(
          expectedTotal.toFixed(),
        );

        const annexes = [...new Set([5 as const, ...[...texts.values()].map(annexOf)])].sort();
        const { lang } = spec;
        const { files } = await renderApplication(application, { langs: [lang], annexes });
        const data = (name: string) => files.find((f) => f.name === name)!.data;

        const docxTexts = new Map<number, string[]>();
        const pdfPages = new Map<number, string[]>();
        for (const a of annexes) {
          const d = readDocx(data(`annex-${a}.${lang}.docx`));
          expect(d.xml).not.toMatch(XML_ILLEGAL);
          docxTexts.set(a, d.paragraphs);
          const p = await readPdf(data(`annex-${a}.${lang}.pdf`));
          expect(p.pages.length).toBeGreaterThan(0);
          pdfPages.set(
            a,
            p.pages.map((_, i) => pdfVisible(readingText(p, [i]))),
          );
        }

        for (const path of texts.values()) {
          if (!printedInBody(path) || !printedIn(path, lang, spec.activities)) continue;
          const typed = get(json, path) as unknown as string;
          const annex = annexOf(path);
          const shown = printedAs(typed);
          expect(
            docxTexts.get(annex)!.some((p) => p.includes(shown)),
            `${formatJsonPath(path)}: ${JSON.stringify(shown)}`,
          ).toBe(true);
          if (PLAIN.test(typed))
            expect(inPdf(pdfPages.get(annex)!, pdfVisible(shown)), `${formatJsonPath(path)} in the PDF`).toBe(true);
        }

        // The total row: «Итого:» with the total and the grant (no own or co-financing amounts here).
        const total = money(expectedTotal);
        const label = labelText(lang, 'annex5.total');
        const estimate = readDocx(data(`annex-5.${lang}.docx`));
        const row = estimate.tables[0]!.find((r) => r[1] === label)!;
        expect([row[5], row[8]]).toEqual([total, total]);
        const pdf = await readPdf(data(`annex-5.${lang}.pdf`));
        const text = readingText(pdf);
        expect(compact(text)).toContain(compact(`${label}${total}${total}`));
        expect(text).not.toMatch(/\d[eE][+-]?\d/);
        expect(estimate.text).not.toMatch(/\d[eE][+-]?\d/);
      }),
      { numRuns: 10 },
    );
  }, 600_000);
});

// ---------------------------------------------------------------------------------------------------------------
// Invalid applications

interface Mutation {
  what: string;
  /** Where the error must be reported (the diagnostic's path starts with it). */
  path: Path;
  /** The message it must give there, when the change has one meaning. */
  key?: RegExp;
  apply(json: Json): void;
}

const NUMBER_LEAVES = LEAVES.filter((l) => typeof l.value === 'number').map((l) => l.path);
const STRING_LEAVES = LEAVES.filter((l) => typeof l.value === 'string').map((l) => l.path);
const OBJECTS = (() => {
  const out: Path[] = [];
  const visit = (v: unknown, path: Path) => {
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) visit(x, [...path, i]);
    } else if (v && typeof v === 'object') {
      // A text { ru, kk } and { notApplicable } are objects too.
      out.push(path);
      for (const [k, x] of Object.entries(v)) visit(x, [...path, k]);
    }
  };
  visit(SAMPLE, []);
  return out;
})();
const REQUIRED: Path[] = [
  ['applicant'],
  ['applicant', 'name'],
  ['applicant', 'bin'],
  ['applicant', 'registration', 'first'],
  ['applicant', 'address'],
  ['applicant', 'head', 'fullName'],
  ['applicant', 'labour', 'staff'],
  ['capacity', 'charterFit'],
  ['capacity', 'team', 0, 'fullName'],
  ['capacity', 'team', 0, 'yearsOfService'],
  ['capacity', 'experience', 0, 'cost', 'amount'],
  ['project', 'basics', 'goal'],
  ['project', 'calendar', 'durationMonths'],
  ['project', 'calendar', 'activities', 0, 'months'],
  ['project', 'sustainability'],
  ['estimate'],
  ['estimate', 'administrative', 'salaries', 'lines', 0, 'unit'],
  ['estimate', 'administrative', 'salaries', 'lines', 0, 'quantity'],
  ['estimate', 'material', 'lines', 1, 'price'],
  ['estimate', 'direct', 'activities', 2, 'activity'],
];

const wrongFor = (v: unknown) =>
  typeof v === 'number'
    ? fc.constantFrom<unknown>(String(v), null, true, [v], { value: v })
    : fc.constantFrom<unknown>(42, null, false, [42], { text: v });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .constantFrom(...NUMBER_LEAVES, ...STRING_LEAVES)
    .chain((path) => wrongFor(get(SAMPLE, path)).map((bad) => ({ path, bad })))
    .map(({ path, bad }) => ({
      what: `wrong type ${JSON.stringify(bad)}`,
      path,
      apply: (j: Json) => setAt(j, path, bad),
    })),
  fc
    .tuple(fc.constantFrom(...LINE_PATHS), fc.constantFrom('quantity', 'price', 'own', 'cofinancing'), price)
    .map(([line, key, amount]) => ({
      what: `negative ${key}`,
      path: [...line, key],
      // A quantity must be above 0, an amount at least 0.
      key: /^schema\.too_small\.number(\.exclusive)?$/,
      apply: (j: Json) => setAt(j, [...line, key], -(amount || 1)),
    })),
  fc
    .tuple(fc.constantFrom(...LINE_PATHS), fc.constantFrom('price', 'own'), fc.integer({ min: 0, max: 9_999_999 }))
    .map(([line, key, n]) => ({
      what: `3-decimal ${key}`,
      path: [...line, key],
      key: /^money\.decimals$/,
      // n.xy5: the third decimal is never zero.
      apply: (j: Json) => setAt(j, [...line, key], Number(`${n}.${String(n % 100).padStart(2, '0')}5`)),
    })),
  fc.tuple(fc.constantFrom(...LINE_PATHS), fc.constantFrom('quantity', 'price')).map(([line, key]) => ({
    what: `too large ${key}`,
    path: [...line, key],
    apply: (j: Json) => setAt(j, [...line, key], (key === 'price' ? MAX_MONEY : MAX_QUANTITY) + 1),
  })),
  fc.constantFrom(...LINE_PATHS).map((line) => ({
    what: 'zero quantity',
    path: [...line, 'quantity'],
    key: /^schema\.too_small\.number\.exclusive$/,
    apply: (j: Json) => setAt(j, [...line, 'quantity'], 0),
  })),
  fc
    .tuple(fc.constantFrom(...OBJECTS), fc.stringMatching(/^[A-Za-z_$][\w$-]{0,12}$/), fc.jsonValue())
    .map(([path, name, value]) => ({
      what: `unknown key ${name}`,
      path: [...path, `x_${name}`],
      key: /^schema\.unknownKey/,
      apply: (j: Json) => {
        get(j, path)[`x_${name}`] = value;
      },
    })),
  fc.constantFrom(...REQUIRED).map((path) => ({
    what: 'missing field',
    path,
    key: /^schema\.required$/,
    apply: (j: Json) => {
      const parent = get(j, path.slice(0, -1));
      delete parent[path.at(-1)!];
    },
  })),
  fc
    .tuple(fc.constantFrom(...TEXT_SLOTS), fc.integer({ min: 0, max: 0x9f }))
    // Tab, line feed and carriage return (a line break, CRLF or CR) are text.
    .filter(([, c]) => (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c >= 0x7f)
    .map(([path, c]) => ({
      what: `control character U+${c.toString(16).padStart(4, '0')}`,
      path,
      key: /^text\.control$/,
      apply: (j: Json) => setAt(j, path, `${get(j, path)}${String.fromCharCode(c)}`),
    })),
);

const startsWith = (path: Path, prefix: Path) => prefix.every((k, i) => path[i] === k);

describe('generated invalid applications', () => {
  it('always give an error at the JSON path of the change, never an exception', () => {
    fc.assert(
      fc.property(mutation, (m) => {
        const json = structuredClone(SAMPLE);
        m.apply(json);
        const result = validateValue(json);
        expect(result.ok, m.what).toBe(false);
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        expect(
          errors.some((d) => startsWith(d.path, m.path) && (!m.key || m.key.test(d.key))),
          `${m.what} at ${formatJsonPath(m.path)}; got ${errors.map((d) => `${formatJsonPath(d.path)} ${d.key}`).join('; ')}`,
        ).toBe(true);
        expect(() => loadApplication({ value: json })).toThrow(ApplicationDataError);
        // The same through JSON text: every error is located in the file and put into words.
        const text = JSON.stringify(json, null, 2);
        const fromText = validateText(text);
        expect(fromText.ok).toBe(false);
        for (const d of fromText.diagnostics) {
          expect(d.position, `${formatJsonPath(d.path)} ${d.key}`).toBeDefined();
          expect(formatDiagnostic('x.json', d, 'ru')).not.toMatch(/\{\w+\}/);
        }
      }),
      { numRuns: 200 },
    );
  }, 180_000);
});

describe('broken JSON text', () => {
  const edit = fc.oneof(
    fc.nat(SAMPLE_TEXT.length).map((n) => (t: string) => t.slice(0, n)),
    fc.tuple(fc.nat(SAMPLE_TEXT.length), fc.nat(40), fc.string({ unit: 'binary', maxLength: 6 })).map(
      ([at, cut, insert]) =>
        (t: string) =>
          t.slice(0, at) + insert + t.slice(at + cut),
    ),
    fc.constantFrom(
      (t: string) => `\ufeff${t}`,
      (t: string) => t.replace('"applicant"', '"applicant": {}, "applicant"'),
      () => '['.repeat(50_000),
      () => `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
      () => '',
      () => 'null',
      () => '\u0000\u0001',
    ),
  );

  it('never throws: every problem is a diagnostic with a position or a path', () => {
    fc.assert(
      fc.property(edit, (change) => {
        const text = change(SAMPLE_TEXT);
        const result = validateText(text);
        if (text === SAMPLE_TEXT) return;
        for (const d of result.diagnostics) expect(formatDiagnostic('x.json', d, 'kk')).not.toMatch(/\{\w+\}/);
        if (!result.ok) expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
