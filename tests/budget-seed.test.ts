/**
 * The estimate engine on the seed application's Annex 5 (tests/fixtures/seed-estimate.json): the
 * corrected totals, the table rows against the seed's printed table row by row, and the checks.
 */
import { describe, expect, it } from 'vitest';
import { checkEstimate } from '../src/budget/checks.ts';
import { computeEstimate, walkLines } from '../src/budget/compute.ts';
import { decimalString, type Money, moneyString, toDecimal } from '../src/budget/money.ts';
import { type EstimateRow, estimateRows } from '../src/budget/rows.ts';
import { formatTotalsTable, totalsReport } from '../src/budget/totals.ts';
import type { LocalizedText } from '../src/model/common.ts';
import { seedEstimate, seedEstimateJson } from './fixtures/seed-estimate.ts';
import { seedText } from './helpers/sample.ts';

const { estimate, calendar } = seedEstimate();
const computed = computeEstimate(estimate, calendar);
const app = { estimate, project: { calendar } };
const str = (d: { toFixed: () => string }) => d.toFixed();

describe('seed estimate: totals', () => {
  it('computes the corrected figures of the seed', () => {
    expect(str(computed.administrative.total)).toBe('5930720');
    expect(str(computed.material.total)).toBe('1724000');
    expect(str(computed.direct.total)).toBe('24396600');
    expect(str(computed.total)).toBe('32051320');
    expect(computed.direct.children.map((a) => str(a.total))).toEqual([
      '3440000',
      '80000',
      '9600000',
      '2530000',
      '8253600',
      '493000',
    ]);
    expect(str(computed.administrative.children[0]!.total)).toBe('5040000');
  });

  it('puts every amount in the grant column', () => {
    for (const node of [computed, computed.administrative, computed.material, computed.direct]) {
      expect(node.own.isZero()).toBe(true);
      expect(node.cofinancing.isZero()).toBe(true);
      expect(node.grant.eq(node.total)).toBe(true);
    }
    expect(str(computed.grant)).toBe('32051320');
  });

  it('counts the 36 lines and gives each its JSON path', () => {
    const lines = [...walkLines(computed)];
    expect(lines).toHaveLength(36);
    expect(computed.lineCount).toBe(36);
    const pen = lines.find((l) => l.name === 'ручка')!;
    expect(pen.path).toEqual(['estimate', 'direct', 'activities', 4, 'handouts', 'lines', 0]);
    expect(str(pen.total)).toBe('12500');
  });

  it('numbers nodes and records paths and declared totals', () => {
    const event5 = computed.direct.children[4]!;
    expect(event5.number).toBe('5)');
    expect(event5.path).toEqual(['estimate', 'direct', 'activities', 4]);
    expect(event5.declaredTotal?.toFixed()).toBe('8093600');
    const handouts = event5.children.find((c) => c.role === 'handouts')!;
    expect(handouts.path).toEqual(['estimate', 'direct', 'activities', 4, 'handouts']);
    expect(str(handouts.total)).toBe('160000');
    expect(computed.administrative.children.map((c) => c.number)).toEqual([
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
    expect(event5.activityId).toBe('trainings');
    expect(event5.calendarIndex).toBe(6);
  });

  it('takes the title from the calendar plan when the estimate has none', () => {
    const withoutTitle = {
      ...estimate,
      direct: {
        ...estimate.direct,
        activities: estimate.direct.activities.map((a, i) => (i === 1 ? { ...a, title: undefined } : a)),
      },
    };
    const fromCalendar = computeEstimate(withoutTitle, calendar).direct.children[1]!;
    expect(fromCalendar.title).toBe('Проведение оценки потребности местного сообщества');
    expect(fromCalendar.label).toEqual({
      key: 'annex5.activity',
      params: { n: 2, title: 'Проведение оценки потребности местного сообщества' },
    });
    // The estimate's own title wins over the calendar's.
    expect(computed.direct.children[0]!.title).toMatch(/^Создание community-центров/);
    expect(calendar.activities[0]!.title).toBe('Создание 4 community центров');
  });
});

/** Russian texts of the annex5.* label keys, as the form (and the seed) prints them. */
const RU: Record<string, string> = {
  'annex5.section.administrative': 'Административные затраты:',
  'annex5.section.material': 'Материально-техническое обеспечение',
  'annex5.section.direct': 'Прямые расходы:',
  'annex5.article.salaries': 'заработная плата, в том числе:',
  'annex5.article.socialTax': 'социальный налог и социальные отчисления',
  'annex5.article.medicalInsurance': 'обязательное медицинское страхование',
  'annex5.article.bankServices': 'банковские услуги',
  'annex5.article.communication': 'расходы на оплату услуг связи (почтовые расходы)',
  'annex5.article.utilities': 'коммунальные услуги и (или) эксплуатационные расходы',
  'annex5.article.rent': 'расходы на оплату аренды за помещения',
  'annex5.article.consumables':
    'расходные материалы, приобретение товаров, необходимых для обслуживания и содержания основных средств и другие запасы, в т.ч.',
  'annex5.article.other': 'прочие расходы, в том числе:',
  'annex5.travel': 'расходы на служебные командировки, в том числе:',
  'annex5.travel.perDiem': 'суточные (указать количество командировок и человек, человеко- дней)',
  'annex5.travel.perDiem.short': 'суточные',
  'annex5.travel.accommodation': 'проживание (указать количество командировок и человек, человеко- дней)',
  'annex5.travel.accommodation.short': 'проживание',
  'annex5.travel.transport': 'проезд (расписать количество командировок и человек)',
  'annex5.travel.transport.short': 'проезд',
  'annex5.handouts': 'приобретение раздаточных материалов, в том числе:',
  'annex5.services': 'расходы по оплате работ и услуг, оказываемых юридическими и физическими лицами, в том числе:',
  'annex5.services.individuals': 'работы и услуги физических лиц, в том числе:',
  'annex5.services.legalEntities': 'работы и услуги юридических лиц, в том числе:',
  'annex5.hospitality': 'представительские расходы:',
  'annex5.hospitality.coffeeBreak': 'кофе-брейк',
  'annex5.hospitality.coffeeBreak.short': 'кофе-брейк',
  'annex5.hospitality.lunch': 'обед',
  'annex5.hospitality.hallRent': 'аренда зала',
  'annex5.total': 'Итого:',
};
const UNIT_RU: Record<string, string> = {
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
const ru = (t: LocalizedText | string | number | undefined): string =>
  t === undefined ? '' : typeof t === 'object' ? (t.ru ?? '') : String(t);

function labelRu(row: EstimateRow): string {
  if ('text' in row.label) return ru(row.label.text);
  const { key, params = {} } = row.label;
  let text: string;
  if (key === 'annex5.activity') text = `мероприятие ${params.n}. ${ru(params.title)}`;
  else if (key === 'annex5.travelTo')
    text = `расходы на служебные командировки (${ru(params.destination)}), в том числе:`;
  else text = RU[key] ?? `?${key}?`;
  return params.detail === undefined ? text : `${text} (${ru(params.detail)})`;
}

const grouped = (s: string | null | undefined) => (s ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
/** The row's exact figures as plain decimal strings, as the seed writes them. */
const money = (v: Money | null | undefined) => (v === null || v === undefined ? undefined : moneyString(v));
/** The row with its exact figures as plain decimal strings ("47880", "9"). */
const plain = (r: EstimateRow) => ({
  ...r,
  quantity: r.quantity && decimalString(r.quantity),
  price: money(r.price),
  total: money(r.total) ?? null,
  own: money(r.own) ?? null,
  cofinancing: money(r.cofinancing) ?? null,
  grant: money(r.grant) ?? null,
});
/** The row's label and its figures as the seed prints them, without whitespace (the PDF text breaks words anywhere). */
function squashedRow(row: EstimateRow, amounts: Pick<EstimateRow, 'total' | 'own' | 'cofinancing' | 'grant'> = row) {
  const unit =
    row.unit === undefined ? '' : typeof row.unit === 'string' ? (UNIT_RU[row.unit] ?? row.unit) : ru(row.unit);
  const figures = [
    unit,
    row.quantity === undefined ? undefined : decimalString(row.quantity),
    grouped(money(row.price)),
    money(amounts.total),
    money(amounts.own),
    money(amounts.cofinancing),
    money(amounts.grant),
  ]
    .map((s) => grouped(s ?? ''))
    .join('');
  return { label: (row.number + labelRu(row)).replace(/\s+/g, ''), figures: figures.replace(/\s+/g, '') };
}

/**
 * Matches a row exactly at `at`: label then figures, or — where a page break cut the label cell — the
 * figures inside the label. Returns the position after the row, or -1.
 */
function matchAt(text: string, at: number, label: string, figures: string): number {
  if (text.startsWith(label + figures, at)) return at + label.length + figures.length;
  for (let k = 1; k < label.length; k++) {
    const split = label.slice(0, k) + figures + label.slice(k);
    if (text.startsWith(split, at)) return at + split.length;
  }
  return -1;
}

describe('seed estimate: rows against the seed table', () => {
  const seed = seedText().replace(/\s+/g, '');
  const start = seed.indexOf('Средствагранта', seed.indexOf('Сметарасходовпореализации')) + 'Средствагранта'.length;
  const rows = estimateRows(computed);
  const declared = seedEstimateJson();
  /** The three rows the seed misprints, with the figures it prints. */
  const misprinted = new Map<string, number>([
    [JSON.stringify(['estimate', 'direct', 'activities', 4]), declared.estimate.direct.activities[4]!.declaredTotal],
    [JSON.stringify(['estimate', 'direct']), declared.estimate.direct.declaredTotal],
    [JSON.stringify(['estimate']), declared.estimate.declaredTotal],
  ]);

  it('reproduces the seed table row by row, with nothing left over between rows', () => {
    expect(start).toBeGreaterThan(100);
    let at = start;
    for (const [i, row] of rows.entries()) {
      const printed = misprinted.get(JSON.stringify(row.path));
      const { label, figures } = squashedRow(
        row,
        printed === undefined ? row : { ...row, total: toDecimal(printed), grant: toDecimal(printed) },
      );
      const next = matchAt(seed, at, label, figures);
      expect(next, `row ${i} «${label}|${figures}» not at ${seed.slice(at, at + 120)}`).toBeGreaterThan(at);
      at = next;
    }
    // After the total row the footnote follows.
    expect(seed.slice(at, at + 80)).toMatch(/^_+\*Расходырасшифровываются/);
  });

  it('differs from the seed exactly in its three misprinted totals', () => {
    const wrong = rows.filter((r) => misprinted.has(JSON.stringify(r.path)));
    expect(wrong.map((r) => [r.kind, money(r.total), money(r.grant)])).toEqual([
      ['section', '24396600', '24396600'],
      ['activity', '8253600', '8253600'],
      ['total', '32051320', '32051320'],
    ]);
    for (const row of wrong) {
      const { label, figures } = squashedRow(row);
      expect(seed.includes(label + figures)).toBe(false);
    }
  });

  it('lays out key rows as the seed does', () => {
    const byLabel = (key: string) => rows.filter((r) => 'key' in r.label && r.label.key === key);
    expect(rows[0]).toMatchObject({ kind: 'section', number: '1', bold: true });
    expect([money(rows[0]!.total), money(rows[0]!.grant)]).toEqual(['5930720', '5930720']);
    expect(rows[0]!.own).toBeNull();
    // «2) социальный налог … месяц 9 47 880 430 920»: one nameless line on the article's own row.
    expect(byLabel('annex5.article.socialTax').map(plain)).toEqual([
      expect.objectContaining({
        kind: 'article',
        number: '2)',
        unit: 'month',
        quantity: '9',
        price: '47880',
        total: '430920',
        depth: 1,
      }),
    ]);
    // Empty articles: a row with empty amounts; «9) прочие расходы» followed by «…».
    const utilities = rows.findIndex((r) => 'key' in r.label && r.label.key === 'annex5.article.utilities');
    expect(rows[utilities]).toMatchObject({ number: '6)', total: null, grant: null });
    const other = rows.findIndex((r) => 'key' in r.label && r.label.key === 'annex5.article.other');
    expect(rows[other + 1]).toMatchObject({ kind: 'placeholder', label: { text: '…' }, total: null });
    // «суточные (3 командировки …) чел.-дни 24 5 000 120 000» on the slot's own row.
    expect(byLabel('annex5.travel.perDiem.short').map(plain)).toEqual([
      expect.objectContaining({
        kind: 'slot',
        label: {
          key: 'annex5.travel.perDiem.short',
          params: { detail: '3 командировки по 2 человка 4 человеко-дней' },
        },
        unit: 'personDay',
        quantity: '24',
        price: '5000',
        total: '120000',
      }),
    ]);
    expect(byLabel('annex5.travel.perDiem')).toHaveLength(5);
    expect(rows.filter((r) => r.kind === 'activity').map((r) => r.number)).toEqual([
      '1)',
      '2)',
      '3)',
      '4)',
      '5)',
      '6)',
    ]);
    expect(rows.filter((r) => r.kind === 'section').map((r) => [r.number, money(r.total)])).toEqual([
      ['1', '5930720'],
      ['2', '1724000'],
      ['3', '24396600'],
    ]);
    expect(rows.at(-1)).toMatchObject({ kind: 'total', label: { key: 'annex5.total' }, bold: true, depth: 0 });
    expect(rows.filter((r) => r.kind === 'line')).toHaveLength(26);
  });

  it('leaves out empty rows when compact, keeping sections and activities', () => {
    const compact = estimateRows(computed, { compact: true });
    expect(compact.some((r) => r.kind === 'placeholder' || r.total === null)).toBe(false);
    expect(compact.filter((r) => r.kind === 'section')).toHaveLength(3);
    expect(compact.filter((r) => r.kind === 'activity')).toHaveLength(6);
    // Every non-empty row of the full table is kept, in the same order.
    const full = rows.filter((r) => r.total !== null).map((r) => JSON.stringify(r));
    expect(compact.map((r) => JSON.stringify(r))).toEqual(full);
  });
});

describe('seed estimate: checks', () => {
  const diagnostics = checkEstimate(app, computed);

  it('reports exactly the three misprinted totals and the survey line counted twice', () => {
    expect(diagnostics.map((d) => [d.severity, d.key, d.path])).toEqual([
      ['warning', 'budget.declaredTotal', ['estimate', 'declaredTotal']],
      ['warning', 'budget.declaredTotal', ['estimate', 'direct', 'declaredTotal']],
      ['warning', 'budget.declaredTotal', ['estimate', 'direct', 'activities', 4, 'declaredTotal']],
      [
        'warning',
        'budget.possibleDoubleCount',
        ['estimate', 'direct', 'activities', 1, 'services', 'individuals', 'lines', 0],
      ],
    ]);
    const [total, direct, event5, survey] = diagnostics;
    expect(total!.params).toMatchObject({ declared: '31891320', computed: '32051320', difference: '160000' });
    expect(direct!.params).toMatchObject({ declared: '24236600', computed: '24396600', number: '3' });
    expect(event5!.params).toMatchObject({
      declared: '8093600',
      computed: '8253600',
      itemRu: 'Мероприятие 5',
      itemKk: '5-іс-шара',
    });
    expect(survey!.params).toEqual({ name: 'Услуги разработки анкеты онлайн-опроса', total: '80000', n: 2, other: 1 });
  });

  it('has no material-share error: 1 724 000 is 5.38 % of the grant', () => {
    expect(totalsReport(computed).sections.material.grantSharePercent).toBe(5.38);
  });
});

describe('seed estimate: totals report', () => {
  const report = totalsReport(computed);

  it('gives the four columns in tenge as exact decimal strings and the grant shares', () => {
    expect(report.total).toEqual({
      total: '32051320',
      own: '0',
      cofinancing: '0',
      grant: '32051320',
      grantSharePercent: 100,
    });
    expect(report.sections.administrative).toEqual({
      total: '5930720',
      own: '0',
      cofinancing: '0',
      grant: '5930720',
      grantSharePercent: 18.5,
    });
    expect(report.sections.direct.grant).toBe('24396600');
    expect(report.articles.map((a) => [a.number, a.article, a.total])).toEqual([
      ['1)', 'salaries', '5040000'],
      ['2)', 'socialTax', '430920'],
      ['3)', 'medicalInsurance', '100800'],
      ['4)', 'bankServices', '189000'],
      ['5)', 'communication', '35000'],
      ['6)', 'utilities', '0'],
      ['7)', 'rent', '0'],
      ['8)', 'consumables', '135000'],
      ['9)', 'other', '0'],
    ]);
    expect(report.activities.map((a) => [a.activity, a.total, a.grantSharePercent])).toEqual([
      ['community-centers', '3440000', 10.73],
      ['needs-assessment', '80000', 0.25],
      ['mini-grants', '9600000', 29.95],
      ['inclusive-plans', '2530000', 7.89],
      ['trainings', '8253600', 25.75],
      ['guide', '493000', 1.54],
    ]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('prints a terminal table in Russian and in Kazakh', () => {
    const ruTable = formatTotalsTable(report, 'ru');
    expect(ruTable).toContain('Административные затраты');
    expect(ruTable).toMatch(/Итого\s+32 051 320\s+0\s+0\s+32 051 320\s+100,00\n$/);
    expect(ruTable).toMatch(/5\)\s+мероприятие 5\. Семинары.*…\s+8 253 600 .* 25,75\n/);
    const kkTable = formatTotalsTable(report, 'kk');
    expect(kkTable).toContain('Әкімшілік шығындар');
    expect(kkTable).toMatch(/5\)\s+5-іс-шара\. Семинары/);
    expect(kkTable).toMatch(/Жиыны\s+32 051 320/);
    // Columns line up: every amount row has the same length up to the grant column.
    const lines = ruTable.trimEnd().split('\n');
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });
});
