/**
 * The sample's estimate (Annex 5) against the seed application: every line is there, in the seed's order,
 * with the seed's unit, quantity, price and amount; the totals are recomputed here with integer arithmetic
 * (independently of src/budget) and compared with figures checked by hand against the seed.
 */
import { describe, expect, it } from 'vitest';
import { estimate as estimateSchema } from '../src/model/annex5.ts';
import { loadSampleJson, seedText } from './helpers/sample.ts';

type Text = string | { ru?: string; kk?: string };
type Line = { name?: Text; unit: string | Text; quantity: number; price: number; own?: number; cofinancing?: number };
type Group = { lines?: Line[]; declaredTotal?: number };
type Activity = {
  activity: string;
  title?: Text;
  declaredTotal?: number;
  travel?: { destination?: Text; perDiem?: Group; accommodation?: Group; transport?: Group };
  handouts?: Group;
  services?: { individuals?: Group; legalEntities?: Group };
  hospitality?: { coffeeBreak?: Group; lunch?: Group; hallRent?: Group; other?: Group };
  extra?: unknown[];
};
type RawEstimate = {
  administrative: Record<string, Group | undefined> & { extra?: unknown };
  material?: Group;
  direct: { activities: Activity[]; declaredTotal?: number };
  declaredTotal?: number;
};

const json = loadSampleJson();
const est = json.estimate as RawEstimate;
const seed = seedText();
/** The seed without any whitespace: PDF extraction breaks words and numbers at arbitrary places. */
const squashed = seed.replace(/\s+/g, '');
const squash = (s: string) => s.replace(/\s+/g, '');

const ADMIN = [
  'salaries',
  'socialTax',
  'medicalInsurance',
  'bankServices',
  'communication',
  'utilities',
  'rent',
  'consumables',
  'other',
];

/** The sub-groups of an activity in the order the form prints them. */
function activityGroups(a: Activity): [string, Group | undefined][] {
  return [
    ['travel.perDiem', a.travel?.perDiem],
    ['travel.accommodation', a.travel?.accommodation],
    ['travel.transport', a.travel?.transport],
    ['handouts', a.handouts],
    ['services.individuals', a.services?.individuals],
    ['services.legalEntities', a.services?.legalEntities],
    ['hospitality.coffeeBreak', a.hospitality?.coffeeBreak],
    ['hospitality.lunch', a.hospitality?.lunch],
    ['hospitality.hallRent', a.hospitality?.hallRent],
    ['hospitality.other', a.hospitality?.other],
  ];
}

const linesOf = (g: Group | undefined): Line[] => g?.lines ?? [];
const adminLines = (): Line[] => ADMIN.flatMap((k) => linesOf(est.administrative[k]));
const activities = (): Activity[] => est.direct.activities;
const activityLines = (a: Activity): Line[] => activityGroups(a).flatMap(([, g]) => linesOf(g));
/** Every line of the estimate in the order the form prints them. */
const allLines = (): Line[] => [...adminLines(), ...linesOf(est.material), ...activities().flatMap(activityLines)];

/** Quantity × price in whole tenge; the seed has only whole quantities and prices. */
function amount(l: Line): bigint {
  expect(Number.isInteger(l.quantity) && Number.isInteger(l.price)).toBe(true);
  return BigInt(l.quantity) * BigInt(l.price);
}
const sum = (ls: Line[]): bigint => ls.reduce((s, l) => s + amount(l), 0n);
/** «1260000» → «1 260 000», as the seed prints amounts. */
const grouped = (n: bigint | number): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

/** Russian unit abbreviations of the seed for the catalogue codes. */
const SEED_UNIT: Record<string, string> = {
  month: 'месяц',
  piece: 'шт.',
  service: 'услуга',
  person: 'чел.',
  personDay: 'чел.-дни',
  ticket: 'билет',
  printRun: 'тираж',
  region: 'регион',
  bottle: 'бут.',
};

/**
 * How texts that differ from the seed's run of text appear there: deliberate corrections (an obvious typo;
 * the travel details reworded so that they read after the row's name, «суточные (…)»), and a cell whose
 * last line the PDF extraction put after the row's numbers.
 */
const AS_IN_SEED: Record<string, string> = {
  'Создание community-центров в Атырауской, Актюбинской, Жамбылской и Восточно-Казахстанской областях':
    'Создание community-центров в в Атырауской, Актюбинской, Жамбылской и Восточно-Казахстанской областях',
  '3 командировки по 2 человека, 4 человеко-дня': 'суточные (3 командировки по 2 человка 4 человеко-дней)',
  '3 командировки по 2 человека, 3 человеко-дня': 'проживание (3 командировки по 2 человка 3 человеко-дней)',
  'Услуги перевода 4-х планов (30 страниц по 2200 тг., с русского на казахский язык)':
    'Услуги перевода 4-х планов (30 страниц по 2200 услуга 4 66 000 264 000 264 000 тг., с русского на казахский язык)',
};

/** Kazakh words that are spelled as in Russian. */
const SAME_IN_KAZAKH = new Set(['Бухгалтер', 'ноутбук', 'папка', 'блокнот']);
/** Kazakh texts that happen to need none of the letters Russian lacks. */
const NO_KAZAKH_LETTER = new Set(['су 0,5 л']);
const KAZAKH_LETTER = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/;

describe('sample estimate (Annex 5) against the seed', () => {
  it('is a valid estimate', () => {
    const r = estimateSchema.safeParse(est);
    expect(r.error?.issues).toBeUndefined();
  });

  it('has every line of the seed, counted by hand', () => {
    expect(ADMIN.map((k) => linesOf(est.administrative[k]).length)).toEqual([4, 1, 1, 1, 1, 0, 0, 1, 0]);
    expect(est.administrative.extra ?? []).toEqual([]);
    expect(linesOf(est.material)).toHaveLength(4);
    expect(activities().map((a) => a.activity)).toEqual(['a1', 'a2', 'a3', 'a6', 'a7', 'a8']);
    expect(activities().map((a) => activityLines(a).length)).toEqual([2, 1, 2, 3, 13, 2]);
    expect(activities().every((a) => (a.extra ?? []).length === 0)).toBe(true);
    expect(allLines()).toHaveLength(36);
  });

  it('puts the lines of the seminar activity into the right sub-groups', () => {
    const a7 = activities()[4] as Activity;
    expect(activityGroups(a7).map(([k, g]) => [k, linesOf(g).length])).toEqual([
      ['travel.perDiem', 1],
      ['travel.accommodation', 1],
      ['travel.transport', 1],
      ['handouts', 3],
      ['services.individuals', 2],
      ['services.legalEntities', 1],
      ['hospitality.coffeeBreak', 1],
      ['hospitality.lunch', 1],
      ['hospitality.hallRent', 1],
      ['hospitality.other', 1],
    ]);
    const destination = a7.travel?.destination as { ru: string };
    expect(destination.ru).toBe('в г. Актобе, Атырау, Жамбыл');
    expect(squashed).toContain(`(${squash(destination.ru)}),`);
  });

  it('prints every line in the seed with its unit, quantity, price and amount, in the seed order', () => {
    let from = squashed.indexOf(squash('Смета расходов по реализации'));
    expect(from).toBeGreaterThan(0);
    for (const l of allLines()) {
      const a = amount(l);
      expect(typeof l.unit).toBe('string');
      const unit = SEED_UNIT[l.unit as string];
      expect(unit, `unit ${JSON.stringify(l.unit)}`).toBeDefined();
      // Amount as printed, right after quantity and price (the seed groups most prices, not all: «5800»).
      const price = grouped(l.price).replace(/ /g, ' ?');
      expect(seed).toMatch(new RegExp(`(?<!\\d)${l.quantity} ${price} ${grouped(a)}(?!\\d)`));
      const row = `${unit}${l.quantity}${l.price}${a}`;
      const at = squashed.indexOf(row, from);
      expect(at, `line ${row} not found after position ${from}`).toBeGreaterThan(from - 1);
      from = at + row.length;
    }
  });

  it('carries all seed amounts as grant money', () => {
    for (const l of allLines()) {
      expect(l.own ?? 0).toBe(0);
      expect(l.cofinancing ?? 0).toBe(0);
    }
  });

  it('adds up to the correct totals', () => {
    const admin = sum(adminLines());
    const material = sum(linesOf(est.material));
    const perActivity = activities().map((a) => sum(activityLines(a)));
    const direct = perActivity.reduce((s, n) => s + n, 0n);
    expect(sum(linesOf(est.administrative.salaries))).toBe(5_040_000n);
    expect(admin).toBe(5_930_720n);
    expect(material).toBe(1_724_000n);
    // The seed's subtotal of the seminars (8 093 600) leaves out the handouts (160 000).
    expect(perActivity).toEqual([3_440_000n, 80_000n, 9_600_000n, 2_530_000n, 8_253_600n, 493_000n]);
    expect(direct).toBe(24_396_600n);
    expect(admin + material + direct).toBe(32_051_320n);
    expect(sum(allLines())).toBe(32_051_320n);
  });

  it('matches the sub-totals the seed prints for the seminars', () => {
    const a7 = activities()[4] as Activity;
    const g = (k: string) => sum(linesOf(activityGroups(a7).find(([key]) => key === k)?.[1]));
    const travel = g('travel.perDiem') + g('travel.accommodation') + g('travel.transport');
    const services = g('services.individuals') + g('services.legalEntities');
    const hospitality = g('hospitality.coffeeBreak') + g('hospitality.lunch') + g('hospitality.hallRent');
    const printed: [bigint, bigint][] = [
      [travel, 576_000n],
      [g('handouts'), 160_000n],
      [g('services.individuals'), 6_320_000n],
      [g('services.legalEntities'), 180_000n],
      [services, 6_500_000n],
      [hospitality + g('hospitality.other'), 1_017_600n],
    ];
    for (const [computed, inSeed] of printed) {
      expect(computed).toBe(inSeed);
      expect(seed).toContain(` ${grouped(inSeed)} `);
    }
  });

  it('records the printed totals only where the seed is wrong', () => {
    const found: [string, number][] = [];
    const walk = (v: unknown, path: string) => {
      if (Array.isArray(v)) {
        for (const [i, x] of v.entries()) walk(x, `${path}[${i}]`);
      } else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          if (k === 'declaredTotal') found.push([path, x as number]);
          else walk(x, `${path}.${k}`);
        }
    };
    walk(est, 'estimate');
    expect(found).toEqual([
      ['estimate.direct.activities[4]', 8_093_600],
      ['estimate.direct', 24_236_600],
      ['estimate', 31_891_320],
    ]);
    for (const [, n] of found) expect(seed).toContain(` ${grouped(n)} `);
    const a7 = activities()[4] as Activity;
    expect(BigInt(a7.declaredTotal ?? 0)).not.toBe(sum(activityLines(a7)));
  });

  it('takes every Russian text from the seed and gives it in Kazakh', () => {
    const texts: Text[] = [
      ...allLines().flatMap((l) => (l.name ? [l.name] : [])),
      ...activities().map((a) => a.title as Text),
      ...activities().flatMap((a) => (a.travel?.destination ? [a.travel.destination] : [])),
    ];
    expect(texts).toHaveLength(37);
    for (const t of texts) {
      expect(typeof t).toBe('object');
      const { ru, kk } = t as { ru: string; kk: string };
      expect(ru.trim()).not.toBe('');
      expect(squashed.includes(squash(AS_IN_SEED[ru] ?? ru)), ru).toBe(true);
      expect(kk.trim(), ru).not.toBe('');
      if (SAME_IN_KAZAKH.has(kk)) continue;
      expect(kk).not.toBe(ru);
      if (!NO_KAZAKH_LETTER.has(kk)) expect(kk, ru).toMatch(KAZAKH_LETTER);
    }
  });
});
