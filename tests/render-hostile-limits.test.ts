/**
 * The model's limits and the empty cases render in both formats and both languages: amounts at the largest
 * price the model allows and the largest total the estimate prints, just below 10¹⁵ tenge (exact, never in
 * exponent notation), zero-price lines, a line paid wholly
 * by the applicant, an estimate without direct costs, a 36-month calendar plan (three year grids), and an
 * application whose every optional section and list is empty. Expected figures are computed here with exact
 * decimals from the JSON.
 */
import { Decimal as DecimalBase } from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../src/model/common.ts';
import { MAX_MONEY } from '../src/model/common.ts';
import { loadApplication } from '../src/pipeline/load.ts';
import { type DocxContent, readDocx } from './helpers/read-docx.ts';
import { type PdfContent, readPdf } from './helpers/read-pdf.ts';
import {
  compact,
  file,
  grouped,
  type Json,
  labelText,
  missingInOrder,
  readingText,
  renderModel,
  textOf,
} from './helpers/rendered.ts';
import { loadSampleJson } from './helpers/sample.ts';

const Decimal = DecimalBase.clone({ precision: 100 });
type Decimal = DecimalBase;
const LANGS: Lang[] = ['ru', 'kk'];
const EXPONENT = /\d[eE][+-]?\d/;

/** An amount as the forms print it: grouped digits, decimal comma, two decimals only when not whole. */
const money = (d: Decimal) => grouped(d.isInteger() ? d.toFixed(0) : d.toFixed(2));
/** A quantity as printed: up to three decimals, trailing zeros dropped. */
const qty = (n: number) => grouped(new Decimal(String(n)).toFixed());
const lineTotal = (q: number, p: number) =>
  new Decimal(String(q)).times(String(p)).toDecimalPlaces(2, DecimalBase.ROUND_HALF_UP);

interface Line {
  name: string;
  unit: string;
  quantity: number;
  price: number;
  own?: number;
  cofinancing?: number;
}

const LINES: Line[] = [
  // Together just below the bound of 10¹⁵ tenge on the estimate's amounts (src/budget/limits.ts).
  { name: 'Наибольшая позиция', unit: 'piece', quantity: 499.999, price: MAX_MONEY },
  { name: 'Почти наибольшая позиция', unit: 'piece', quantity: 499.999, price: 999_999_999_999.99 },
  { name: 'Дробная позиция', unit: 'month', quantity: 0.001, price: 0.01 },
  { name: 'Бесплатная позиция', unit: 'service', quantity: 5, price: 0 },
  { name: 'Позиция за счёт заявителя', unit: 'service', quantity: 3, price: 1234.56, own: 3703.68 },
  { name: 'Позиция с софинансированием', unit: 'month', quantity: 2, price: 1000, own: 500, cofinancing: 700.5 },
];

/** Activities of a 36-month plan, with months in each of the three years. */
const ACTIVITIES = [
  { id: 'y1', title: { ru: 'Первое мероприятие', kk: 'Бірінші іс-шара' }, months: [1, 12] },
  { id: 'y2', title: { ru: 'Второе мероприятие', kk: 'Екінші іс-шара' }, months: [13, 24] },
  { id: 'y3', title: { ru: 'Третье мероприятие', kk: 'Үшінші іс-шара' }, months: [25, 36] },
  { id: 'all', title: 'Сквозное мероприятие / Өтпелі іс-шара', months: [1, 13, 25, 36] },
];

function limitsJson(): Json {
  const json = loadSampleJson();
  const e = json.estimate;
  delete e.declaredTotal;
  delete e.grantAmount;
  e.materialShareLimitPercent = 100;
  for (const k of Object.keys(e.administrative)) if (e.administrative[k]?.lines) e.administrative[k].lines = [];
  delete e.administrative.declaredTotal;
  e.administrative.salaries.lines = LINES;
  e.material.lines = [];
  // No direct costs at all.
  e.direct = { activities: [] };
  json.project.calendar = { durationMonths: 36, activities: ACTIVITIES };
  return json;
}

function emptyJson(): Json {
  const json = loadSampleJson();
  const a = json.applicant;
  delete a.registration.amendments;
  delete a.email;
  delete a.website;
  a.phones = [];
  a.head = { fullName: a.head.fullName };
  a.targetGroupInfo = { notApplicable: true };
  a.chiefAccountant = { notApplicable: true };
  a.labour = { staff: 0, specialists: { notApplicable: true }, volunteers: { notApplicable: true } };
  json.capacity.experience = [];
  json.capacity.team = [];
  json.capacity.regionalExperience = [];
  const p = json.project;
  for (const k of ['targetGroups', 'partners', 'feedback', 'risks', 'media']) p[k] = [];
  p.monitoring.rows = [];
  p.calendar.activities = [];
  json.estimate = {};
  return json;
}

const docx = new Map<string, DocxContent>();
const pdf = new Map<string, PdfContent>();
const D = (name: string) => docx.get(name)!;
const P = (name: string) => pdf.get(name)!;

describe('the limits of the model', () => {
  beforeAll(async () => {
    const { application } = loadApplication({ value: limitsJson() });
    const set = await renderModel(application, { annexes: [4, 5] });
    for (const lang of LANGS)
      for (const a of [4, 5]) {
        docx.set(`limits-${a}.${lang}`, readDocx(file(set, `annex-${a}.${lang}.docx`)));
        pdf.set(`limits-${a}.${lang}`, await readPdf(file(set, `annex-${a}.${lang}.pdf`)));
      }
  }, 180_000);

  const rowOf = (lang: Lang, name: string) => {
    const rows = D(`limits-5.${lang}`).tables[0]!.filter((r) => r[1] === name);
    expect(rows, name).toHaveLength(1);
    return rows[0]!;
  };

  for (const lang of LANGS) {
    it(`${lang}: prints every line's quantity, price and amounts exactly`, () => {
      for (const l of LINES) {
        const total = lineTotal(l.quantity, l.price);
        const own = new Decimal(l.own ?? 0);
        const cofinancing = new Decimal(l.cofinancing ?? 0);
        const grant = total.minus(own).minus(cofinancing);
        const row = rowOf(lang, l.name);
        expect(row.slice(3), l.name).toEqual([
          qty(l.quantity),
          money(new Decimal(String(l.price))),
          money(total),
          // Zero own contribution and co-financing print as empty cells, as on filled forms.
          own.isZero() ? '' : money(own),
          cofinancing.isZero() ? '' : money(cofinancing),
          money(grant),
        ]);
      }
      // The largest line: 499.999 × 10¹² tenge, to the digit.
      expect(rowOf(lang, LINES[0]!.name)[5]).toBe(grouped('499999000000000'));
      // 499.999 × (10¹² − 0.01) = 499 998 999 999 995.000 01, to the tiyn.
      expect(rowOf(lang, LINES[1]!.name)[5]).toBe(grouped('499998999999995'));
    });

    it(`${lang}: the total row is the exact sum, with the grant net of own and co-financing`, () => {
      const total = LINES.reduce((s, l) => s.plus(lineTotal(l.quantity, l.price)), new Decimal(0));
      const own = LINES.reduce((s, l) => s.plus(l.own ?? 0), new Decimal(0));
      const cofinancing = LINES.reduce((s, l) => s.plus(l.cofinancing ?? 0), new Decimal(0));
      const row = rowOf(lang, labelText(lang, 'annex5.total'));
      expect(row.slice(5)).toEqual([
        money(total),
        money(own),
        money(cofinancing),
        money(total.minus(own).minus(cofinancing)),
      ]);
      // The PDF prints the same figures in the same order.
      expect(compact(readingText(P(`limits-5.${lang}`)))).toContain(compact(row.slice(1).join('')));
    });

    it(`${lang}: no amount is ever written in exponent notation`, () => {
      expect(D(`limits-5.${lang}`).text).not.toMatch(EXPONENT);
      expect(readingText(P(`limits-5.${lang}`))).not.toMatch(EXPONENT);
      for (const l of LINES) expect(compact(readingText(P(`limits-5.${lang}`)))).toContain(compact(l.name));
    });

    it(`${lang}: an estimate without direct costs keeps its section row and has no activity rows`, () => {
      const labels = D(`limits-5.${lang}`).tables[0]!.map((r) => r[1]);
      expect(labels).toContain(labelText(lang, 'annex5.section.direct'));
      const activityStart = labelText(lang, 'annex5.activity', { n: 1, title: '@' }).split('@')[0]!;
      expect(labels.filter((l) => l?.startsWith(activityStart))).toEqual([]);
    });

    it(`${lang}: a 36-month plan is three year grids with months 1–12, 13–24, 25–36`, () => {
      const d = D(`limits-4.${lang}`);
      const head = labelText(lang, 'calendar.activity');
      const grids = d.tables.filter((t) => t[0]?.[0] === head);
      expect(grids).toHaveLength(3);
      grids.forEach((grid, y) => {
        const months = Array.from({ length: 12 }, (_, i) => y * 12 + i + 1);
        expect(grid[0]).toEqual([head, ...months.map((n) => labelText(lang, 'calendar.month', { n }))]);
        expect(grid.slice(1).map((r) => r[0])).toEqual(ACTIVITIES.map((a) => textOf(a.title, lang)));
        grid.slice(1).forEach((row, i) => {
          const marked = months.filter((_, k) => row[k + 1] === labelText(lang, 'calendar.mark'));
          expect(marked).toEqual(ACTIVITIES[i]!.months.filter((m) => months.includes(m)));
          expect(row.slice(1).every((c) => c === '' || c === labelText(lang, 'calendar.mark'))).toBe(true);
        });
      });
      // Each grid is titled with its year, in the DOCX and the PDF, in order.
      const titles = [1, 2, 3].map((n) => labelText(lang, 'calendar.year', { n, from: n * 12 - 11, to: n * 12 }));
      for (const t of titles) expect(d.paragraphs).toContain(t);
      const sequence = [1, 2, 3].flatMap((n) => [
        titles[n - 1]!,
        head,
        labelText(lang, 'calendar.month', { n: n * 12 - 11 }),
        labelText(lang, 'calendar.month', { n: n * 12 }),
        ...ACTIVITIES.map((a) => textOf(a.title, lang)),
      ]);
      expect(missingInOrder(readingText(P(`limits-4.${lang}`)), sequence)).toEqual([]);
    });
  }
});

describe('an application with every optional section and list empty', () => {
  let warnings: string[];
  beforeAll(async () => {
    const loaded = loadApplication({ value: emptyJson() });
    warnings = loaded.warnings.map((w) => w.key);
    const set = await renderModel(loaded.application);
    for (const lang of LANGS)
      for (const a of [2, 3, 4, 5, 'application'] as const) {
        const name = a === 'application' ? `application.${lang}` : `annex-${a}.${lang}`;
        docx.set(`empty-${a}.${lang}`, readDocx(file(set, `${name}.docx`)));
        pdf.set(`empty-${a}.${lang}`, await readPdf(file(set, `${name}.pdf`)));
      }
  }, 180_000);

  it('is valid without errors or warnings', () => {
    expect(warnings).toEqual([]);
  });

  for (const lang of LANGS) {
    it(`${lang}: every annex renders with its title and its tables' headers`, () => {
      for (const a of [2, 3, 4, 5]) {
        const title = labelText(lang, `annex${a}.title`);
        expect(D(`empty-${a}.${lang}`).text).toContain(title);
        expect(compact(readingText(P(`empty-${a}.${lang}`)))).toContain(compact(title));
        expect(D(`empty-${a}.${lang}`).tables.length).toBeGreaterThan(0);
      }
      const teamHead = labelText(lang, 'annex3.team.col.fullName');
      expect(D(`empty-3.${lang}`).tables.some((t) => t[0]?.includes(teamHead))).toBe(true);
      const calendarHead = labelText(lang, 'calendar.activity');
      expect(D(`empty-4.${lang}`).tables.some((t) => t[0]?.[0] === calendarHead)).toBe(true);
      // The whole application holds the four annexes.
      for (const a of [2, 3, 4, 5])
        expect(D(`empty-application.${lang}`).text).toContain(labelText(lang, `annex${a}.title`));
    });

    it(`${lang}: the empty estimate totals 0 in every column`, () => {
      const row = D(`empty-5.${lang}`).tables[0]!.find((r) => r[1] === labelText(lang, 'annex5.total'))!;
      expect(row[5]).toBe('0');
      expect(row[8]).toBe('0');
      expect(compact(readingText(P(`empty-5.${lang}`)))).toContain(compact(`${labelText(lang, 'annex5.total')}00`));
    });
  }
});
