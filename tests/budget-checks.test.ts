/** Each estimate check on small estimates, with a case that must be reported and one that must not. */
import { describe, expect, it } from 'vitest';
import { checkEstimate } from '../src/budget/checks.ts';
import { computeEstimate } from '../src/budget/compute.ts';
import { budgetMessages } from '../src/budget/messages.ts';
import type { Diagnostic } from '../src/diagnostics/diagnostic.ts';
import type { CalendarPlan } from '../src/model/annex4.ts';
import { calendarOf, parseEstimate } from './fixtures/seed-estimate.ts';

const line = (price: number, extra: Record<string, unknown> = {}) => ({ unit: 'piece', quantity: 1, price, ...extra });

function check(raw: Record<string, unknown>, calendar?: CalendarPlan): Diagnostic[] {
  const estimate = parseEstimate(raw);
  const plan = calendar ?? calendarOf(estimate.direct.activities.map((a) => a.activity));
  return checkEstimate({ estimate, project: { calendar: plan } }, computeEstimate(estimate, plan));
}
const keys = (ds: Diagnostic[]) => ds.map((d) => d.key);
const only = (ds: Diagnostic[], key: string) => ds.filter((d) => d.key === key);

/** An activity with one service line, so that the material share stays small. */
const activity = (id: string, price = 1000, extra: Record<string, unknown> = {}) => ({
  activity: id,
  services: { individuals: { lines: [line(price)] } },
  ...extra,
});

describe('budget.declaredTotal', () => {
  it('warns where a declared total differs from the lines, at any level', () => {
    const ds = check({
      administrative: { salaries: { lines: [line(100), line(50)], declaredTotal: 140 }, declaredTotal: 150 },
      direct: {
        activities: [
          {
            activity: 'a',
            hospitality: {
              coffeeBreak: { lines: [line(10.5)], declaredTotal: 10 },
              other: { lines: [], declaredTotal: 1 },
            },
            extra: [{ title: { ru: 'видеосъемка', kk: 'бейнетүсірілім' }, lines: [], declaredTotal: 2 }],
            declaredTotal: 10.5,
          },
        ],
      },
      declaredTotal: 160.5,
    });
    expect(only(ds, 'budget.declaredTotal')).toEqual([
      {
        severity: 'warning',
        path: ['estimate', 'administrative', 'salaries', 'declaredTotal'],
        key: 'budget.declaredTotal',
        params: {
          itemRu: 'Административные затраты, статья 1) «заработная плата»',
          itemKk: 'Әкімшілік шығындар, 1) «жалақы» бабы',
          itemEn: 'Administrative costs, article 1) "salaries"',
          number: '1)',
          declared: '140',
          computed: '150',
          difference: '10',
        },
      },
      expect.objectContaining({
        path: ['estimate', 'direct', 'activities', 0, 'hospitality', 'coffeeBreak', 'declaredTotal'],
        params: expect.objectContaining({
          itemRu: 'Мероприятие 1, строка «кофе-брейк»',
          declared: '10',
          computed: '10.50',
          difference: '0.50',
        }),
      }),
      expect.objectContaining({
        path: ['estimate', 'direct', 'activities', 0, 'hospitality', 'other', 'declaredTotal'],
        params: expect.objectContaining({
          itemRu: 'Мероприятие 1, строка «прочие представительские расходы»',
          itemKk: '1-іс-шара, «өзге де өкілдік шығыстар» жолы',
          declared: '1',
          computed: '0',
        }),
      }),
      expect.objectContaining({
        path: ['estimate', 'direct', 'activities', 0, 'extra', 0, 'declaredTotal'],
        params: expect.objectContaining({
          itemRu: 'Мероприятие 1, строка «видеосъемка»',
          itemKk: '1-іс-шара, «бейнетүсірілім» жолы',
        }),
      }),
    ]);
  });

  it('is silent when every declared total matches', () => {
    const ds = check({
      material: { lines: [line(5), line(5)], declaredTotal: 10 },
      direct: { activities: [activity('a', 1000, { declaredTotal: 1000 })], declaredTotal: 1000 },
      declaredTotal: 1010,
    });
    expect(ds).toEqual([]);
  });
});

describe('budget.negativeGrant', () => {
  it('reports a line whose own contribution and co-financing exceed its total', () => {
    const ds = check({
      direct: {
        activities: [
          activity('a', 1000),
          { activity: 'b', handouts: { lines: [line(100, { own: 60, cofinancing: 50 })] } },
        ],
      },
    });
    expect(only(ds, 'budget.negativeGrant')).toEqual([
      {
        severity: 'error',
        path: ['estimate', 'direct', 'activities', 1, 'handouts', 'lines', 0],
        key: 'budget.negativeGrant',
        params: { own: '60', cofinancing: '50', total: '100' },
      },
    ]);
  });

  it('accepts a line fully paid by own money and co-financing', () => {
    const ds = check({
      direct: {
        activities: [
          activity('a', 1000),
          { activity: 'b', handouts: { lines: [line(100, { own: 60, cofinancing: 40 })] } },
        ],
      },
    });
    expect(keys(ds)).toEqual([]);
  });
});

describe('budget.overGrantAmount', () => {
  it('reports a grant column above the grant amount', () => {
    const ds = check({ grantAmount: 999.99, direct: { activities: [activity('a', 1000)] } });
    expect(only(ds, 'budget.overGrantAmount')).toEqual([
      {
        severity: 'error',
        path: ['estimate', 'grantAmount'],
        key: 'budget.overGrantAmount',
        params: { grant: '1000', grantAmount: '999.99', excess: '0.01' },
      },
    ]);
  });

  it('accepts a grant column equal to the grant amount, and counts only the grant column', () => {
    expect(check({ grantAmount: 1000, direct: { activities: [activity('a', 1000)] } })).toEqual([]);
    const ownPaid = {
      activity: 'a',
      services: { individuals: { lines: [line(1500, { own: 300, cofinancing: 200 })] } },
    };
    expect(check({ grantAmount: 1000, direct: { activities: [ownPaid] } })).toEqual([]);
  });
});

describe('budget.materialShare', () => {
  const withMaterial = (material: unknown, extra: Record<string, unknown> = {}) =>
    check({ material, direct: { activities: [activity('a', 8900)] }, ...extra });

  it('reports material provision above 10 % of the grant column', () => {
    const ds = withMaterial({ lines: [line(1100)] });
    expect(only(ds, 'budget.materialShare')).toEqual([
      {
        severity: 'error',
        path: ['estimate', 'material'],
        key: 'budget.materialShare',
        params: { material: '1100', percent: '11.00', limitPercent: '10', limit: '1000' },
      },
    ]);
  });

  it('accepts exactly 10 %, a higher limit, and material paid by the applicant', () => {
    expect(withMaterial({ lines: [line(988.88)] }).length).toBe(0); // 988.88 of 9888.88 is 10 %
    expect(withMaterial({ lines: [line(1100)] }, { materialShareLimitPercent: 15 })).toEqual([]);
    expect(withMaterial({ lines: [line(1100, { own: 200 })] })).toEqual([]);
  });
});

describe('calendar agreement', () => {
  it('warns about an estimate activity missing from the calendar plan', () => {
    const ds = check({ direct: { activities: [activity('a'), activity('zz')] } }, calendarOf(['a']));
    expect(ds).toEqual([
      {
        severity: 'warning',
        path: ['estimate', 'direct', 'activities', 1, 'activity'],
        key: 'budget.activityNotInCalendar',
        params: { id: 'zz' },
      },
    ]);
  });

  it('warns about a budgeted calendar activity with no expenses, not about one marked budgeted: false', () => {
    const ds = check({ direct: { activities: [activity('a')] } }, calendarOf(['a', 'b'], ['c']));
    expect(ds).toEqual([
      {
        severity: 'warning',
        path: ['project', 'calendar', 'activities', 1],
        key: 'budget.activityNotInEstimate',
        params: { id: 'b' },
      },
    ]);
    expect(check({ direct: { activities: [activity('a')] } }, calendarOf(['a'], ['b', 'c']))).toEqual([]);
  });

  it('reports an activity listed twice in the estimate', () => {
    const ds = check({ direct: { activities: [activity('a', 100), activity('b', 200), activity('a', 300)] } });
    expect(ds).toEqual([
      {
        severity: 'error',
        path: ['estimate', 'direct', 'activities', 2, 'activity'],
        key: 'budget.activityDuplicate',
        params: { id: 'a', first: 1 },
      },
    ]);
  });
});

describe('budget.possibleDoubleCount', () => {
  const named = (name: unknown, price: number) => ({ name, ...line(price) });
  const act = (id: string, ...lines: unknown[]) => ({ activity: id, handouts: { lines } });

  it('warns once per further activity that repeats a line (same name, same total)', () => {
    const ds = check({
      direct: {
        activities: [
          act('a', named('Анкета', 500), named('Папка', 20)),
          act('b', named('  анкета ', 500)),
          act('c', named('Анкета', 500), named('Анкета', 500)),
        ],
      },
    });
    expect(only(ds, 'budget.possibleDoubleCount')).toEqual([
      {
        severity: 'warning',
        path: ['estimate', 'direct', 'activities', 1, 'handouts', 'lines', 0],
        key: 'budget.possibleDoubleCount',
        params: { name: '  анкета ', total: '500', n: 2, other: 1 },
      },
      expect.objectContaining({
        path: ['estimate', 'direct', 'activities', 2, 'handouts', 'lines', 0],
        params: expect.objectContaining({ n: 3, other: 1 }),
      }),
    ]);
  });

  it('ignores a different total, a repeat inside one activity, and nameless lines', () => {
    const ds = check({
      direct: {
        activities: [
          act('a', named('Анкета', 500), named('Анкета', 500), line(70)),
          act('b', named('Анкета', 400), line(70)),
          act('c', named({ ru: 'Анкета', kk: 'Сауалнама' }, 500)),
        ],
      },
    });
    expect(ds).toEqual([]);
  });
});

describe('messages', () => {
  it('has ru, kk and en texts for every key the checks produce, with every parameter supplied', () => {
    const ds = [
      ...check({
        grantAmount: 1,
        material: { lines: [line(5000)] },
        direct: {
          activities: [
            { ...activity('a'), declaredTotal: 1 },
            { activity: 'x', handouts: { lines: [{ name: 'n', ...line(10, { own: 20 }) }] } },
            { activity: 'a', services: { individuals: { lines: [line(1000)] } } },
          ],
        },
      }),
      ...check({ direct: { activities: [activity('a'), activity('b')] } }, calendarOf(['a', 'c'])),
      ...check({
        direct: {
          activities: [
            { activity: 'a', handouts: { lines: [{ name: 'n', ...line(1) }] } },
            { activity: 'b', handouts: { lines: [{ name: 'n', ...line(1) }] } },
          ],
        },
      }),
      // A unit written like a mistyped code.
      ...check({ material: { lines: [{ ...line(1), unit: 'months' }] } }),
    ];
    expect(new Set(keys(ds))).toEqual(new Set(Object.keys(budgetMessages)));
    for (const d of ds) {
      const texts = budgetMessages[d.key]!;
      for (const lang of ['ru', 'kk', 'en'] as const) {
        for (const [, name] of texts[lang].matchAll(/\{(\w+)\}/g))
          expect(d.params, `${d.key} ${lang}`).toHaveProperty(name!);
      }
    }
    expect(budgetMessages['budget.declaredTotal']!.kk).toContain('{itemKk}');
  });
});
