/**
 * Property: random estimates (exact decimals, Kazakh and hostile text, custom units, own and co-financing parts,
 * up to 2 000 lines) survive export → import unchanged, in either language of the sheet.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/budget/money.ts';
import { UNIT_CODES } from '../src/model/annex5.ts';
import { loadApplication } from '../src/pipeline/load.ts';
import { exportEstimateWorkbook } from '../src/spreadsheet/export.ts';
import { importEstimateWorkbook } from '../src/spreadsheet/import.ts';
import { loadSampleJson } from './helpers/sample.ts';

const base = loadSampleJson();
const activityIds = base.project.calendar.activities.map((a: { id: string }) => a.id) as string[];

/** Every row of the form that holds lines: [path inside the estimate]. */
const GROUPS: string[][] = [
  ...[
    'salaries',
    'socialTax',
    'medicalInsurance',
    'bankServices',
    'communication',
    'utilities',
    'rent',
    'consumables',
    'other',
  ].map((a) => ['administrative', a]),
  ['material'],
  ...activityIds.flatMap((_, i) => {
    const a = ['direct', 'activities', String(i)];
    return [
      [...a, 'travel', 'perDiem'],
      [...a, 'travel', 'accommodation'],
      [...a, 'travel', 'transport'],
      [...a, 'handouts'],
      [...a, 'services', 'individuals'],
      [...a, 'services', 'legalEntities'],
      [...a, 'hospitality', 'coffeeBreak'],
      [...a, 'hospitality', 'lunch'],
      [...a, 'hospitality', 'hallRent'],
      [...a, 'hospitality', 'other'],
    ];
  }),
];

// Pieces of text that break naive code: template and markup syntax, formula starts, numbers as text, spaces.
const PIECES = [
  'ә',
  'ғ',
  'қ',
  'ң',
  'ө',
  'ұ',
  'ү',
  'һ',
  'і',
  'Ә',
  'Ғ',
  'Қ',
  'Ң',
  'Ө',
  'Ұ',
  'Ү',
  'Һ',
  'І',
  'жоба',
  'қызмет',
  'а',
  'Ж',
  'x',
  ' ',
  '  ',
  '\n',
  '\t',
  '{{',
  '}}',
  '{{title}}',
  '<b>',
  '&amp;',
  '&',
  '"',
  "'",
  '=',
  '=SUM(A1)',
  '+1',
  '-',
  '@',
  '0012',
  '1e5',
  '1 234,56',
  'TRUE',
  '…',
  '№',
  '₸',
  '«',
  '»',
  '\\',
  '/',
  '%',
  '😀',
];
const text = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 8 }).map((p) => p.join(''));
const localized = fc.oneof(text, fc.record({ ru: text }), fc.record({ kk: text }), fc.record({ ru: text, kk: text }));
const decimals = (max: number, places: number, min = 0) =>
  fc
    .tuple(fc.integer({ min, max }), fc.integer({ min: 0, max: 10 ** places - 1 }), fc.boolean())
    .map(([whole, frac, isWhole]) => Number(isWhole ? String(whole) : `${whole}.${String(frac).padStart(places, '0')}`))
    .filter((n) => n > 0);

const line = fc
  .record(
    {
      name: localized,
      unit: fc.oneof(fc.constantFrom(...UNIT_CODES), localized),
      quantity: decimals(9_999, 3),
      price: decimals(99_999_999, 2),
      ownShare: fc.integer({ min: 0, max: 3 }),
      cofinancingShare: fc.integer({ min: 0, max: 3 }),
    },
    { requiredKeys: ['unit', 'quantity', 'price', 'ownShare', 'cofinancingShare'] },
  )
  .map(({ ownShare, cofinancingShare, ...l }) => {
    // Own and co-financing parts: eighths of the line's total (at most 3 each), so the grant part is never negative.
    // Quantity < 10 000 and price < 10⁸ keep every amount within the model's limit of 10¹² tenge.
    const total = new Decimal(l.quantity).times(l.price).toDecimalPlaces(2);
    const part = (n: number) => Number(total.times(n).dividedBy(8).toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed());
    const out: Record<string, unknown> = { ...l };
    if (ownShare > 0) out.own = part(ownShare);
    if (cofinancingShare > 0) out.cofinancing = part(cofinancingShare);
    return out;
  });

function applicationText(placed: [number, Record<string, unknown>][]): string {
  const json = structuredClone(base);
  const estimate: Record<string, unknown> = {
    materialShareLimitPercent: 100,
    administrative: {},
    material: { lines: [] },
    direct: { activities: activityIds.map((id) => ({ activity: id })) },
  };
  for (const [g, l] of placed) {
    let at: Record<string, unknown> = estimate;
    for (const p of GROUPS[g % GROUPS.length]!) {
      at[p] ??= {};
      at = at[p] as Record<string, unknown>;
    }
    at.lines ??= [];
    (at.lines as unknown[]).push(l);
  }
  json.estimate = estimate;
  return `${JSON.stringify(json, null, 2)}\n`;
}

async function roundTrip(placed: [number, Record<string, unknown>][], lang: 'ru' | 'kk') {
  const fileText = applicationText(placed);
  const { application } = loadApplication({ text: fileText });
  const book = await exportEstimateWorkbook(application, lang);
  const result = await importEstimateWorkbook({
    book,
    bookName: 'book.xlsx',
    fileText,
    application,
    fileName: 'app.json',
    uiLang: 'en',
  });
  expect(result.errors).toEqual([]);
  expect(result.warnings).toEqual([]);
  expect(result.lineCount).toBe(placed.length);
  expect(result.changed).toBe(false);
  expect(result.text).toBe(fileText);
  expect(result.application!.estimate).toEqual(application.estimate);
}

const placement = (maxLength: number, minLength = 0) =>
  fc.array(fc.tuple(fc.nat({ max: GROUPS.length - 1 }), line), { minLength, maxLength });

describe('export → import keeps every estimate as it was', () => {
  it('small estimates with hostile and Kazakh text, custom units and funding parts', async () => {
    await fc.assert(
      fc.asyncProperty(placement(40), fc.constantFrom('ru', 'kk'), async (placed, lang) =>
        roundTrip(placed, lang as 'ru' | 'kk'),
      ),
      { numRuns: 40, endOnFailure: true },
    );
  });

  it('estimates of up to 2 000 lines', async () => {
    await fc.assert(
      fc.asyncProperty(placement(2000, 1500), fc.constantFrom('ru', 'kk'), async (placed, lang) =>
        roundTrip(placed, lang as 'ru' | 'kk'),
      ),
      { numRuns: 3, endOnFailure: true },
    );
  }, 300_000);
});
