import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  currencyWord,
  formatAmount,
  formatDate,
  formatProjectCost,
  formatQuantity,
  labourCount,
  monthHeader,
  monthName,
  pickText,
  unitName,
  yearsOfService,
} from '../src/i18n/format.ts';
import { loadLabels } from '../src/i18n/labels.ts';
import { missingTranslations } from '../src/views/language.ts';
import { richView } from '../src/views/rich.ts';

const S = '\u00A0'; // no-break space: digit groups, «2005 г.»
const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
// The forms' label reference, kept in the repository so that these checks always run.
const REFERENCE = root('docs/reference/labels-ru-kk.md');
const mm = (m: number) => String(m).padStart(2, '0');

const RU_GENITIVE = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];

describe('Russian dates', () => {
  it.each(RU_GENITIVE.map((g, i) => [i + 1, g] as const))('month %i: %s', (m, genitive) => {
    const iso = `2021-${mm(m)}-07`;
    expect(formatDate(iso, 'ru', 'numeric')).toBe(`07.${mm(m)}.2021${S}г.`);
    expect(formatDate(iso, 'ru', 'long')).toBe(`7 ${genitive} 2021${S}г.`);
    expect(formatDate(iso, 'ru', 'on')).toBe(`7 ${genitive} 2021${S}г.`);
    expect(formatDate(iso, 'ru', 'dated')).toBe(`от 7 ${genitive} 2021${S}г.`);
    expect(formatDate(iso, 'ru', 'from')).toBe(`с 7 ${genitive} 2021${S}г.`);
    expect(formatDate(iso, 'ru', 'until')).toBe(`до 7 ${genitive} 2021${S}г.`);
    expect(monthName(m, 'ru')).toBe(genitive);
  });

  it('numeric is the default style; the seed registration date', () => {
    expect(formatDate('2005-11-21', 'ru')).toBe(`21.11.2005${S}г.`);
    expect(formatDate('2013-08-08', 'kk')).toBe(`08.08.2013${S}ж.`);
  });

  it('rejects dates that do not exist or are not ISO', () => {
    for (const bad of ['2005-02-30', '2005-2-3', '21.11.2005', '', '2005-13-01', '2005-11-21T00:00'])
      expect(() => formatDate(bad, 'ru', 'long'), bad).toThrow(RangeError);
    expect(formatDate('2024-02-29', 'kk', 'on')).toBe('2024 жылғы 29 ақпанда');
  });
});

/** Month rows of labels-ru-kk.md §3.2: nominative and the four case forms. */
function kazakhMonths(md: string) {
  const first = (cell: string) => cell.split(/[\s/]/)[0]!;
  const section = md.slice(md.indexOf('### 3.2'), md.indexOf('### 3.3'));
  return section
    .split('\n')
    .filter((l) => /^\| \d{1,2} \|/.test(l))
    .map((l) => {
      const c = l
        .slice(1, -1)
        .split('|')
        .map((x) => x.trim());
      return {
        month: Number(c[0]),
        nominative: c[2]!,
        dated: first(c[3]!),
        on: first(c[4]!),
        from: first(c[5]!),
        until: first(c[6]!),
      };
    });
}

describe('Kazakh dates against labels-ru-kk.md §3.2', () => {
  const months = kazakhMonths(readFileSync(REFERENCE, 'utf8'));

  it('has all twelve months', () => {
    expect(months.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('prints every month in every case form', () => {
    for (const m of months) {
      const iso = `2005-${mm(m.month)}-21`;
      expect.soft(formatDate(iso, 'kk', 'numeric')).toBe(`21.${mm(m.month)}.2005${S}ж.`);
      expect.soft(formatDate(iso, 'kk', 'long')).toBe(`2005 жылғы 21 ${m.nominative}`);
      expect.soft(formatDate(iso, 'kk', 'dated')).toBe(`2005 жылғы 21 ${m.dated}`);
      expect.soft(formatDate(iso, 'kk', 'on')).toBe(`2005 жылғы 21 ${m.on}`);
      expect.soft(formatDate(iso, 'kk', 'from')).toBe(`2005 жылғы 21 ${m.from} бастап`);
      expect.soft(formatDate(iso, 'kk', 'until')).toBe(`2005 жылғы 21 ${m.until} дейін`);
      expect.soft(monthName(m.month, 'kk', 'dated')).toBe(m.dated);
    }
  });
});

describe('the attested Kazakh examples', () => {
  it.each([
    ['2015-12-25', 'dated', '2015 жылғы 25 желтоқсандағы'],
    ['2022-09-26', 'dated', '2022 жылғы 26 қыркүйектегі'],
    ['2025-04-07', 'dated', '2025 жылғы 7 сәуірдегі'],
    ['2015-07-17', 'dated', '2015 жылғы 17 шілдедегі'],
    ['2025-04-08', 'on', '2025 жылғы 8 сәуірде'],
    ['2022-01-05', 'on', '2022 жылғы 5 қаңтарда'],
    ['2015-06-25', 'from', '2015 жылғы 25 маусымнан бастап'],
  ] as const)('%s %s → %s', (iso, style, expected) => {
    expect(formatDate(iso, 'kk', style)).toBe(expected);
  });
});

describe('amounts', () => {
  it('groups thousands with no-break spaces and uses a decimal comma', () => {
    expect(formatAmount('5930720')).toBe(`5${S}930${S}720`);
    expect(formatAmount(31891320)).toBe(`31${S}891${S}320`);
    expect(formatAmount('1234.5')).toBe(`1${S}234,50`);
    expect(formatAmount('999')).toBe('999');
    expect(formatAmount(0)).toBe('0');
    expect(formatAmount('1000')).toBe(`1${S}000`);
    expect(formatAmount('5930720')).not.toContain(' ');
  });

  it('decimals: auto, 0 and 2 (half up)', () => {
    expect(formatAmount('1234', { decimals: 'auto' })).toBe(`1${S}234`);
    expect(formatAmount('1234.00')).toBe(`1${S}234`);
    expect(formatAmount('1234', { decimals: 2 })).toBe(`1${S}234,00`);
    expect(formatAmount('1234.5', { decimals: 0 })).toBe(`1${S}235`);
    expect(formatAmount('0.125', { decimals: 2 })).toBe('0,13');
    expect(formatAmount('-47880')).toBe(`-47${S}880`);
  });

  it('keeps decimal strings exact beyond floating point', () => {
    expect(formatAmount('9007199254740993')).toBe(`9${S}007${S}199${S}254${S}740${S}993`);
    expect(formatAmount('123456789012345.67')).toBe(`123${S}456${S}789${S}012${S}345,67`);
  });

  it('rejects what is not a decimal number', () => {
    for (const bad of ['1,5', '1e3', 'abc', '', '1 000', '.5']) expect(() => formatAmount(bad), bad).toThrow();
    expect(() => formatAmount(Number.NaN)).toThrow();
    expect(() => formatAmount(Number.POSITIVE_INFINITY)).toThrow();
  });

  it('round-trips any amount with two decimals', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: 1, max: 99 }), (int, cents) => {
        const source = `${int}.${String(cents).padStart(2, '0')}`;
        const printed = formatAmount(source);
        expect(printed.replaceAll(S, '').replace(',', '.')).toBe(source);
        for (const g of printed.split(',')[0]!.split(S).slice(1)) expect(g).toHaveLength(3);
      }),
    );
  });
});

describe('quantities', () => {
  it('print up to three decimals without trailing zeros', () => {
    expect(formatQuantity(1500)).toBe(`1${S}500`);
    expect(formatQuantity('0.5')).toBe('0,5');
    expect(formatQuantity('2.1250')).toBe('2,125');
    expect(formatQuantity('1.0005')).toBe('1,001');
    expect(formatQuantity(240)).toBe('240');
  });
});

describe('currencies and project costs', () => {
  it('prints the costs of the seed', () => {
    expect(formatProjectCost({ amount: 2800000, currency: 'KZT', scale: 'units' }, 'ru')).toBe(
      `2${S}800${S}000${S}тенге`,
    );
    expect(formatProjectCost({ amount: 1994.0, currency: 'KZT', scale: 'thousands' }, 'ru')).toBe(
      `1${S}994${S}тыс. тенге`,
    );
    expect(formatProjectCost({ amount: 1994.5, currency: 'KZT', scale: 'thousands' }, 'ru')).toBe(
      `1${S}994,5${S}тыс. тенге`,
    );
    expect(formatProjectCost({ amount: 458000, currency: 'EUR', scale: 'units' }, 'ru')).toBe(`458${S}000${S}евро`);
    expect(formatProjectCost({ amount: 458000, currency: 'EUR', scale: 'units' }, 'kk')).toBe(`458${S}000${S}еуро`);
    expect(formatProjectCost({ amount: 6300, currency: 'KZT', scale: 'thousands' }, 'kk')).toBe(
      `6${S}300${S}мың теңге`,
    );
  });

  it('agrees the Russian currency word with the amount', () => {
    const usd = (amount: number) => formatProjectCost({ amount, currency: 'USD', scale: 'units' }, 'ru');
    expect(usd(1)).toBe(`1${S}доллар США`);
    expect(usd(3)).toBe(`3${S}доллара США`);
    expect(usd(11)).toBe(`11${S}долларов США`);
    expect(usd(21)).toBe(`21${S}доллар США`);
    expect(usd(1000)).toBe(`1${S}000${S}долларов США`);
    expect(formatProjectCost({ amount: 2.5, currency: 'RUB', scale: 'units' }, 'ru')).toBe(`2,5${S}рубля`);
    expect(formatProjectCost({ amount: 5, currency: 'USD', scale: 'units' }, 'kk')).toBe(`5${S}АҚШ доллары`);
  });

  it('names currencies and scales', () => {
    expect(currencyWord('KZT', 'units', 'ru')).toBe('тенге');
    expect(currencyWord('KZT', 'units', 'kk')).toBe('теңге');
    expect(currencyWord('KZT', 'thousands', 'kk')).toBe('мың теңге');
    expect(currencyWord('USD', 'units', 'ru')).toBe('доллар США');
    expect(currencyWord('USD', 'units', 'kk')).toBe('АҚШ доллары');
    expect(currencyWord('RUB', 'thousands', 'ru')).toBe('тыс. рублей');
    expect(currencyWord('EUR', 'millions', 'kk')).toBe('млн еуро');
  });
});

describe('units, calendar, years of service', () => {
  const UNITS = {
    month: ['месяц', 'ай'],
    piece: ['шт.', 'дана'],
    service: ['услуга', 'қызмет'],
    person: ['чел.', 'адам'],
    personDay: ['чел.-дни', 'адам-күн'],
    ticket: ['билет', 'билет'],
    printRun: ['тираж', 'таралым'],
    region: ['регион', 'өңір'],
    bottle: ['бут.', 'бөтелке'],
  } as const;

  it('names the unit codes and prints other units as written', () => {
    for (const [code, [r, k]] of Object.entries(UNITS)) {
      expect(unitName(code as keyof typeof UNITS, 'ru')).toBe(r);
      expect(unitName(code as keyof typeof UNITS, 'kk')).toBe(k);
    }
    expect(unitName('комплект', 'kk')).toBe('комплект');
    expect(unitName({ ru: 'комплект', kk: 'жинақ' }, 'kk')).toBe('жинақ');
    expect(unitName({ ru: 'комплект' }, 'kk')).toBeUndefined();
    expect(unitName({ ru: 'комплект' }, 'kk', { fallback: true })).toBe('комплект');
  });

  it('uses the overridden labels when given a Labels object', () => {
    const labels = loadLabels('2015-413', 'kk', { 'unit.piece': 'дана (шт.)' });
    expect(unitName('piece', labels)).toBe('дана (шт.)');
    expect(unitName('piece', 'kk')).toBe('дана');
  });

  it('month and year headers', () => {
    expect(monthHeader(1, 'ru')).toBe('Месяц 1');
    expect(monthHeader(12, 'kk')).toBe('12-ай');
    // Year headers are printed by the calendar template from this label.
    expect(loadLabels('2015-413', 'ru').t('calendar.year', { n: 1, from: 1, to: 12 })).toBe('Год 1 (месяцы 1–12)');
    expect(loadLabels('2015-413', 'kk').t('calendar.year', { n: 3, from: 25, to: 36 })).toBe('3-жыл (25–36-айлар)');
  });

  it('Russian years of service follow the plural rules', () => {
    const cases: [number, string][] = [
      [0, '0 лет'],
      [1, '1 год'],
      [2, '2 года'],
      [4, '4 года'],
      [5, '5 лет'],
      [10, '10 лет'],
      [11, '11 лет'],
      [14, '14 лет'],
      [20, '20 лет'],
      [21, '21 год'],
      [22, '22 года'],
      [25, '25 лет'],
      [101, '101 год'],
      [111, '111 лет'],
    ];
    for (const [n, text] of cases) expect(yearsOfService(n, 'ru')).toBe(text);
    expect(yearsOfService(10, 'kk')).toBe('10 жыл');
    expect(yearsOfService(21, 'kk')).toBe('21 жыл');
    expect(() => yearsOfService(1.5, 'ru')).toThrow();
  });

  it('labour sub-rows', () => {
    expect(labourCount('staff', 6, 'ru')).toBe('6 сотрудников');
    expect(labourCount('staff', 1, 'ru')).toBe('1 сотрудник');
    expect(labourCount('specialists', 3, 'ru')).toBe('3 специалиста');
    expect(labourCount('volunteers', 6, 'kk')).toBe('6 ерікті');
  });
});

describe('localized text', () => {
  it('pickText returns the language, the fallback or nothing', () => {
    expect(pickText('Актау', 'kk')).toBe('Актау');
    expect(pickText({ ru: 'Актау', kk: 'Ақтау' }, 'kk')).toBe('Ақтау');
    expect(pickText({ ru: 'Актау' }, 'kk')).toBeUndefined();
    expect(pickText({ ru: 'Актау' }, 'kk', { fallback: true })).toBe('Актау');
    expect(pickText({ kk: 'Ақтау' }, 'ru', { fallback: true })).toBe('Ақтау');
    expect(pickText(undefined, 'ru')).toBeUndefined();
  });

  it('every text missing a language is listed with its path, in plain and rich text', () => {
    const app = {
      project: {
        title: { ru: 'Цель' },
        basics: {
          goal: [
            { ru: 'абзац', kk: 'азат жол' },
            { ul: ['общий', { ru: 'пункт' }] },
            { ol: [{ kk: 'бір' }, { ru: 'два' }] },
          ],
        },
        justification: { situation: { ru: 'ситуация' } },
      },
    };
    // The title is printed on no page (document metadata only): either language serves, it is never listed.
    expect(missingTranslations(app, 'kk')).toEqual([
      ['project', 'basics', 'goal', 1, 'ul', 1],
      ['project', 'basics', 'goal', 2, 'ol', 1],
      ['project', 'justification', 'situation'],
    ]);
    expect(missingTranslations(app, 'ru')).toEqual([['project', 'basics', 'goal', 2, 'ol', 0]]);
  });

  it('rich text in one language prints the other language only where its own is missing', () => {
    expect(richView({ kk: 'мәтін' }, 'ru')).toEqual([{ p: 'мәтін' }]);
    expect(richView('одна строка\nвторая', 'ru')).toEqual([{ p: 'одна строка\nвторая' }]);
    expect(richView([{ ru: 'а', kk: 'ә' }, { ol: [{ ru: 'б' }] }], 'kk')).toEqual([{ p: 'ә' }, { ol: ['б'] }]);
  });
});
