/**
 * The sample's values where the form puts them: DOCX table cells and PDF text of each annex, in Russian and
 * Kazakh, and the estimate's computed figures (the paper's misprinted totals never appear). Expected values come
 * from the sample JSON and the label catalogues, with the estimate's sums recomputed here.
 */
import { Decimal } from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../src/model/common.ts';
import { type DocxContent, readDocx } from './helpers/read-docx.ts';
import { normalizeSpaces as n, type PdfContent, readPdf } from './helpers/read-pdf.ts';
import {
  compact,
  type DocxRowFormat,
  docxTableFormats,
  drawnLines,
  file,
  grouped,
  type Json,
  labelText,
  missingInOrder,
  pluralLabel,
  type RenderedSet,
  readingText,
  regexEscape,
  renderSample,
  richTexts,
  textOf,
  textWidth,
} from './helpers/rendered.ts';
import { loadSampleJson } from './helpers/sample.ts';

const json = loadSampleJson();
const LANGS: Lang[] = ['ru', 'kk'];

let set: RenderedSet;
const docx = new Map<string, DocxContent>();
const pdf = new Map<string, PdfContent>();

beforeAll(async () => {
  set = await renderSample();
  for (const lang of LANGS)
    for (const a of [2, 3, 4, 5]) {
      docx.set(`annex-${a}.${lang}`, readDocx(file(set, `annex-${a}.${lang}.docx`)));
      pdf.set(`annex-${a}.${lang}`, await readPdf(file(set, `annex-${a}.${lang}.pdf`)));
    }
});

const D = (annex: number, lang: Lang) => docx.get(`annex-${annex}.${lang}`)!;
const P = (annex: number, lang: Lang) => pdf.get(`annex-${annex}.${lang}`)!;
/** The table whose first header cell is that label. */
const tablesHeaded = (d: DocxContent, lang: Lang, key: string) =>
  d.tables.filter((t) => n(t[0]?.[0] ?? '') === n(labelText(lang, key)));
const paragraphs = (cell: string) => cell.split('\n').map(n);
const rich = (v: unknown, lang: Lang) => richTexts(v, lang).map(n);

/** «21.11.2005 г.» / «21.11.2005 ж.» from an ISO date. */
const numericDate = (iso: string, lang: Lang) => {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y} ${lang === 'ru' ? 'г.' : 'ж.'}`;
};

/** Amount as printed: whole tenge without decimals, else two decimals. */
const money = (v: Decimal.Value) => {
  const d = new Decimal(v);
  return grouped(d.isInteger() ? d.toFixed(0) : d.toFixed(2));
};

describe.each(LANGS)('Annex 2 (%s)', (lang) => {
  const a = json.applicant;
  const L = (key: string) => labelText(lang, key);
  const NA = L('common.notApplicable');

  it('has every answer in its row of the DOCX table', () => {
    const t = D(2, lang).tables[0]!;
    const row = (no: string) => t.find((r) => r[0] === no)!;
    expect(n(row('1.')[2]!)).toBe(n(textOf(a.name, lang)));
    expect(paragraphs(row('2.')[2]!)).toEqual([
      n(`${L('annex2.registration.first')} ${numericDate(a.registration.first, lang)}`),
      n(`${L('annex2.registration.amendments')} ${numericDate(a.registration.amendments, lang)}`),
    ]);
    expect(row('3.')[2]).toBe('051140010597');
    expect(row('3.')[2]).toBe(a.bin);
    expect(paragraphs(row('4.')[2]!)).toEqual([
      n(textOf(a.address, lang)),
      n(`${L('annex2.contact.email')} ${a.email}`),
      n(`${L('annex2.contact.phone')} ${a.phones.join(', ')}`),
      n(`${L('annex2.contact.website')} ${a.website}`),
    ]);
    expect(row('5.')[2]).toBe(NA);
    expect(paragraphs(row('6.')[2]!)).toEqual([
      n(a.head.fullName),
      n(`${L('annex2.contact.position')} ${textOf(a.head.position, lang)}`),
      n(`${L('annex2.contact.phone')} ${a.head.phones.join(', ')}`),
      n(`${L('annex2.contact.email')} ${a.head.email}`),
    ]);
    expect(row('7.')[2]).toBe(NA);
    const eight = t.findIndex((r) => r[0] === '8.');
    expect(t[eight]![2]).toBe(String(a.labour.staff));
    expect(t.slice(eight + 1).map((r) => [n(r[1]!), n(r[2]!)])).toEqual([
      [L('annex2.row.labour.staff'), pluralLabel(lang, 'annex2.labour.staff', a.labour.staff)],
      [L('annex2.row.labour.specialists'), NA],
      [L('annex2.row.labour.volunteers'), NA],
    ]);
  });

  it('prints the registration date in the form of the language', () => {
    const cell = D(2, lang).tables[0]!.find((r) => r[0] === '2.')![2]!;
    expect(n(cell)).toContain(lang === 'ru' ? '21.11.2005 г.' : '21.11.2005 ж.');
    expect(n(cell)).not.toContain(lang === 'ru' ? '21.11.2005 ж.' : '21.11.2005 г.');
  });

  it('has the same answers in order in the PDF', () => {
    const values = [
      '1.',
      textOf(a.name, lang),
      '2.',
      numericDate(a.registration.first, lang),
      numericDate(a.registration.amendments, lang),
      '3.',
      L('annex2.row.bin'),
      a.bin,
      textOf(a.address, lang),
      a.email,
      a.website,
      L('annex2.row.targetGroup'),
      NA,
      a.head.fullName,
      a.head.email,
      L('annex2.row.chiefAccountant'),
      NA,
      pluralLabel(lang, 'annex2.labour.staff', a.labour.staff),
      NA,
      NA,
    ];
    expect(missingInOrder(readingText(P(2, lang)), values)).toEqual([]);
  });
});

describe.each(LANGS)('Annex 3 (%s)', (lang) => {
  const cap = json.capacity;
  const cost = (c: Json) => {
    const word =
      c.scale !== 'units'
        ? labelText(lang, `currency.${c.currency}.${c.scale}`)
        : labelText(lang, `currency.${c.currency}`);
    return n(`${grouped(String(c.amount))} ${word}`);
  };

  it('lists the 17 past projects in order in the experience table', () => {
    expect(cap.experience).toHaveLength(17);
    const [t] = tablesHeaded(D(3, lang), lang, 'annex3.experience.col.period');
    expect(t).toHaveLength(1 + 17);
    t!.slice(1).forEach((row, i) => {
      const e = cap.experience[i];
      expect(n(row[0]!)).toBe(n(textOf(e.period, lang)));
      expect(paragraphs(row[1]!)[0]).toBe(n(textOf(e.title, lang)));
      const customer = [textOf(e.customer, lang), ...(e.geography ? [textOf(e.geography, lang)] : [])];
      expect(paragraphs(row[2]!)).toEqual(customer.map(n));
      expect(n(row[3]!)).toBe(cost(e.cost));
      expect(paragraphs(row[4]!)).toEqual(rich(e.results, lang));
    });
  });

  it('prints costs with digit groups and the currency of the language', () => {
    const [t] = tablesHeaded(D(3, lang), lang, 'annex3.experience.col.period');
    const costs = t!.slice(1).map((r) => n(r[3]!));
    expect(costs[0]).toBe(lang === 'ru' ? '2 800 000 тенге' : '2 800 000 теңге');
    expect(costs[3]).toBe(lang === 'ru' ? '458 000 евро' : '458 000 еуро');
    expect(costs[10]).toBe(lang === 'ru' ? '1 994 тыс. тенге' : '1 994 мың теңге');
  });

  it('lists the 4 team members with their projects, years and duties', () => {
    expect(cap.team).toHaveLength(4);
    const [t] = tablesHeaded(D(3, lang), lang, 'annex3.team.col.fullName');
    expect(t).toHaveLength(1 + 4);
    t!.slice(1).forEach((row, i) => {
      const m = cap.team[i];
      expect(n(row[0]!)).toBe(n(m.fullName));
      expect(n(row[1]!)).toBe(n(textOf(m.position, lang)));
      let rest = n(row[2]!);
      m.experience.forEach((x: Json, k: number) => {
        const head = n(`${k + 1}) ${textOf(x.project, lang)}`);
        expect(rest).toContain(head);
        rest = rest.slice(rest.indexOf(head) + head.length);
        if (x.role) expect(rest).toContain(n(textOf(x.role, lang)));
      });
      expect(n(row[3]!)).toBe(pluralLabel(lang, 'annex3.yearsOfService', m.yearsOfService));
      expect(paragraphs(row[4]!)).toEqual(rich(m.duties, lang));
    });
  });

  it('prints the regional-experience table with its header though the sample has none', () => {
    expect(cap.regionalExperience).toEqual([]);
    const tables = tablesHeaded(D(3, lang), lang, 'annex3.experience.col.period');
    expect(tables).toHaveLength(2);
    const keys = ['period', 'title', 'customer', 'cost', 'results'];
    expect(tables[1]![0]!.map(n)).toEqual(keys.map((k) => labelText(lang, `annex3.experience.col.${k}`)));
    expect(tables[1]!.slice(1)).toEqual([['', '', '', '', '']]);
    // In the PDF the table header follows the instruction of section 5, and nothing else comes after it.
    const text = readingText(P(3, lang));
    const tail = text.slice(text.lastIndexOf(labelText(lang, 'annex3.section5.instruction').slice(-20)));
    expect(compact(tail)).toMatch(
      new RegExp(`${regexEscape(compact(labelText(lang, 'annex3.experience.col.results')))}$`),
    );
  });

  it('has the periods, costs and team members in order in the PDF', () => {
    const values = [
      ...cap.experience.flatMap((e: Json) => [textOf(e.period, lang), cost(e.cost)]),
      ...cap.team.flatMap((m: Json) => [m.fullName, textOf(m.position, lang)]),
    ];
    expect(missingInOrder(readingText(P(3, lang)), values)).toEqual([]);
  });
});

describe.each(LANGS)('Annex 4 (%s)', (lang) => {
  const p = json.project;
  const body = (key: string) => {
    const [t] = tablesHeaded(D(4, lang), lang, key);
    expect(t, key).toBeDefined();
    return t!.slice(1);
  };

  it('fills the label–content tables of sections 1, 2 and 10', () => {
    const d = D(4, lang);
    const rowOf = (key: string) => d.tables.flat().find((r) => n(r[0] ?? '') === labelText(lang, key));
    const expectRow = (key: string, value: unknown) => expect(paragraphs(rowOf(key)![1]!), key).toEqual(value);
    expectRow('annex4.basics.goal', rich(p.basics.goal, lang));
    expectRow(
      'annex4.basics.tasks',
      p.basics.tasks.map((t: unknown) => n(textOf(t, lang))),
    );
    for (const k of ['activities', 'coverage', 'targetGroups', 'expectedResults'])
      expectRow(`annex4.basics.${k}`, rich(p.basics[k], lang));
    for (const k of ['situation', 'statistics', 'needsAssessment'])
      expectRow(`annex4.justification.${k}`, rich(p.justification[k], lang));
    for (const k of ['continuation', 'organizationRole'])
      expectRow(`annex4.sustainability.${k}`, rich(p.sustainability[k], lang));
  });

  it('fills the target groups, partners and feedback tables row by row', () => {
    expect(p.partners).toHaveLength(10);
    const groups = body('annex4.targetGroups.col.group');
    expect(groups.map((r) => r.map(paragraphs))).toEqual(
      p.targetGroups.map((g: Json) => [
        rich(g.group, lang),
        rich(g.number, lang),
        [n(textOf(g.age, lang))],
        rich(g.benefit, lang),
      ]),
    );
    expect(body('annex4.partners.col.name').map((r) => r.map(paragraphs))).toEqual(
      p.partners.map((x: Json) => [rich(x.name, lang), rich(x.participation, lang)]),
    );
    expect(body('annex4.feedback.col.group').map((r) => r.map(paragraphs))).toEqual(
      p.feedback.map((x: Json) => [rich(x.group, lang), rich(x.measurement, lang)]),
    );
  });

  it('has the 7 monitoring rows with short- and long-term results and indicators', () => {
    expect(p.monitoring.rows).toHaveLength(7);
    const L = (k: string) => labelText(lang, `annex4.monitoring.${k}`);
    expect(body('annex4.monitoring.col.task').map((r) => r.map(paragraphs))).toEqual(
      p.monitoring.rows.map((r: Json) => [
        rich(r.task, lang),
        rich(r.activities, lang),
        [
          L('result.shortTerm'),
          ...rich(r.results.shortTerm, lang),
          L('result.longTerm'),
          ...rich(r.results.longTerm, lang),
        ],
        [
          L('indicator.shortTerm'),
          ...rich(r.indicators.shortTerm, lang),
          L('indicator.longTerm'),
          ...rich(r.indicators.longTerm, lang),
        ],
        rich(r.periodicity, lang),
      ]),
    );
  });

  it('marks «+» in exactly the months of each activity in the DOCX calendar', () => {
    const months: number = p.calendar.durationMonths;
    const [t] = tablesHeaded(D(4, lang), lang, 'calendar.activity');
    expect(t![0]!.slice(1).map(n)).toEqual(
      Array.from({ length: months }, (_, i) => labelText(lang, 'calendar.month', { n: i + 1 })),
    );
    expect(t!.slice(1)).toEqual(
      p.calendar.activities.map((a: Json) => [
        textOf(a.title, lang),
        ...Array.from({ length: months }, (_, i) => (a.months.includes(i + 1) ? '+' : '')),
      ]),
    );
  });

  it('marks «+» in exactly the months of each activity in the PDF calendar', () => {
    expect(pdfCalendar(P(4, lang), lang)).toEqual(
      p.calendar.activities.map((a: Json) =>
        Array.from({ length: p.calendar.durationMonths }, (_, i) => (a.months.includes(i + 1) ? '+' : '')),
      ),
    );
  });

  it('fills the risks and the media plan', () => {
    expect(body('annex4.risks.col.risk').map((r) => r.map(paragraphs))).toEqual(
      p.risks.map((x: Json) => [rich(x.risk, lang), rich(x.mitigation, lang)]),
    );
    expect(body('annex4.media.col.product').map((r) => r.map(paragraphs))).toEqual(
      p.media.map((x: Json) => ['product', 'quantity', 'channels', 'frequency'].map((k) => rich(x[k], lang))),
    );
  });

  it('has the tables’ first words in order in the PDF', () => {
    // The first words only: the PDF draws the rest of a row cut by a page break after the break.
    const first = (v: unknown) => n(richTexts(v, lang)[0]!).split(' ').slice(0, 3).join(' ');
    const values = [
      first(p.basics.goal),
      ...p.targetGroups.map((g: Json) => first(g.age)),
      ...p.partners.map((x: Json) => first(x.name)),
      ...p.monitoring.rows.map((r: Json) => first(r.activities)),
      ...p.calendar.activities.map((a: Json) => first(a.title)),
      ...p.risks.map((x: Json) => first(x.risk)),
      ...p.media.map((x: Json) => first(x.product)),
      first(p.sustainability.organizationRole),
    ];
    expect(missingInOrder(readingText(P(4, lang)), values)).toEqual([]);
  });
});

/**
 * The calendar grid as drawn in the PDF: rows by the activity titles' first lines (left column), «+» marks placed
 * in the month column whose header number they stand under. The grid may run over several pages, each with the
 * header row repeated: the rows are read page by page.
 */
function pdfCalendar(content: PdfContent, lang: Lang): string[][] {
  const months: number = json.project.calendar.durationMonths;
  const activities: Json[] = json.project.calendar.activities;
  const pages = drawnLines(content);
  const header = compact(labelText(lang, 'calendar.activity'));
  const grid = activities.map(() => new Array<string>(months).fill(''));
  let next = 0;
  pages.forEach((lines, pageIndex) => {
    const headerAt = lines.findIndex((l) => compact(l.text) === header);
    if (headerAt < 0 || next >= activities.length) return;
    const page = content.pages[pageIndex]!;
    // Month headers: «Месяц 1» / «1-ай», possibly broken into lines; the piece holding the number gives the column.
    const centres: number[] = [];
    for (let m = 1; m <= months; m++) {
      const label = labelText(lang, 'calendar.month', { n: m });
      const piece = page.pieces.find(
        (p) =>
          p.y >= lines[headerAt]!.y - 40 &&
          p.y <= lines[headerAt]!.y + 40 &&
          compact(label).includes(p.text.trim()) &&
          /\d/.test(p.text),
      );
      expect(piece, label).toBeDefined();
      centres.push(piece!.x + textWidth(piece!.text, piece!.font, piece!.size) / 2);
    }
    // Row tops: the first line of each activity title on this page, one after the other.
    let from = headerAt;
    const rows: number[] = [];
    const tops: number[] = [];
    for (let k = next; k < activities.length; k++) {
      const title = compact(textOf(activities[k]!.title, lang));
      const i = lines.findIndex((l, j) => j > from && compact(l.text).length > 0 && title.startsWith(compact(l.text)));
      if (i < 0) break;
      from = i;
      rows.push(k);
      tops.push(lines[i]!.y);
    }
    if (rows.length === 0) return;
    next = rows.at(-1)! + 1;
    const rowHeight = tops.length > 1 ? Math.abs(tops[1]! - tops[0]!) : 30;
    for (const p of page.pieces.filter((x) => x.text.trim() === '+' && x.y < tops[0]! + 5)) {
      // The row of a mark: the last row whose top is above it (marks are centred vertically in their row).
      let row = -1;
      tops.forEach((top, k) => {
        if (top >= p.y - 5) row = k;
      });
      if (row === -1 || (row === tops.length - 1 && tops[row]! - p.y > rowHeight * 3)) continue;
      const centre = p.x + textWidth(p.text, p.font, p.size) / 2;
      const col = centres.reduce(
        (best, c, i) => (Math.abs(c - centre) < Math.abs(centres[best]! - centre) ? i : best),
        0,
      );
      grid[rows[row]!]![col] = '+';
    }
  });
  expect(next, 'every activity of the calendar found in the PDF').toBe(activities.length);
  return grid;
}

// ---------------------------------------------------------------------------------------------------------------
// Annex 5

interface Line {
  name?: unknown;
  unit: unknown;
  quantity: number;
  price: number;
  own?: number;
  cofinancing?: number;
}

/** Every budget line of the estimate, in the JSON. */
function budgetLines(v: unknown, out: Line[] = []): Line[] {
  if (Array.isArray(v)) for (const x of v) budgetLines(x, out);
  else if (v && typeof v === 'object') {
    if ('quantity' in v && 'price' in v) out.push(v as Line);
    else for (const x of Object.values(v)) budgetLines(x, out);
  }
  return out;
}

const lineTotal = (l: Line) => new Decimal(l.quantity).times(l.price);
const sum = (lines: Line[]) => lines.reduce((s, l) => s.plus(lineTotal(l)), new Decimal(0));

describe('the sample estimate, recomputed here', () => {
  const e = json.estimate;
  it('adds up to the corrected totals, not the paper’s', () => {
    expect(sum(budgetLines(e)).toFixed()).toBe('32051320');
    expect(sum(budgetLines(e.administrative)).toFixed()).toBe('5930720');
    expect(sum(budgetLines(e.material)).toFixed()).toBe('1724000');
    expect(sum(budgetLines(e.direct)).toFixed()).toBe('24396600');
    expect(sum(budgetLines(e.direct.activities[4])).toFixed()).toBe('8253600');
    expect(e.declaredTotal).toBe(31891320);
  });
});

describe.each(LANGS)('Annex 5 (%s)', (lang) => {
  const e = json.estimate;
  const L = (key: string, params?: Record<string, string | number>) => labelText(lang, key, params);
  const rows = () => D(5, lang).tables[0]!;
  const rowLabelled = (label: string) => rows().find((r) => n(r[1]!) === n(label));
  const figures = (r: string[] | undefined) => r && [n(r[5]!), n(r[8]!)];
  const activityTitle = (i: number) => {
    const act = e.direct.activities[i];
    const planned = json.project.calendar.activities.find((a: Json) => a.id === act.activity);
    return L('annex5.activity', { n: i + 1, title: textOf(act.title ?? planned.title, lang) });
  };

  it('shows the computed totals in the total and grant columns of the DOCX', () => {
    expect(figures(rowLabelled(L('annex5.total')))).toEqual(['32 051 320', '32 051 320']);
    expect(figures(rowLabelled(L('annex5.section.administrative')))).toEqual(['5 930 720', '5 930 720']);
    expect(figures(rowLabelled(L('annex5.section.material')))).toEqual(['1 724 000', '1 724 000']);
    expect(figures(rowLabelled(L('annex5.section.direct')))).toEqual(['24 396 600', '24 396 600']);
    expect(figures(rowLabelled(activityTitle(4)))).toEqual(['8 253 600', '8 253 600']);
    expect(rowLabelled(L('annex5.total'))![0]).toBe('');
  });

  it('shows every budget line with its unit, quantity, price and total', () => {
    const lines = budgetLines(e);
    expect(lines.length).toBeGreaterThan(30);
    const unit = (u: unknown) => (typeof u === 'string' && !u.includes(' ') ? L(`unit.${u}`) : textOf(u, lang));
    const missing = lines.filter((l) => {
      const want = [unit(l.unit), grouped(String(l.quantity)), money(l.price), money(lineTotal(l))].map(n);
      const name = l.name === undefined ? undefined : n(textOf(l.name, lang));
      return !rows().some(
        (r) =>
          r.slice(2, 6).map(n).join('|') === want.join('|') &&
          n(r[8]!) === want[3] &&
          (name === undefined || n(r[1]!) === name || n(r[1]!).endsWith(`(${name})`)),
      );
    });
    expect(missing).toEqual([]);
  });

  it('right-aligns every figure of the DOCX table', () => {
    const formats: DocxRowFormat[] = docxTableFormats(D(5, lang).xml)[0]!;
    const body = formats.filter((r) => !r.header);
    const figuresCells = body.flatMap((r) => r.cells.slice(3)).filter((c) => c.text !== '');
    expect(figuresCells.length).toBeGreaterThan(200);
    expect(figuresCells.filter((c) => c.align.some((a) => a !== 'right')).map((c) => c.text)).toEqual([]);
    // The article names stay left: the check sees a difference.
    expect(body.flatMap((r) => r.cells.slice(1, 2)).some((c) => c.align.every((a) => a === 'right'))).toBe(false);
  });

  it('shows the same figures in the PDF', () => {
    const text = readingText(P(5, lang));
    expect(
      missingInOrder(text, [
        L('annex5.section.administrative'),
        '5 930 720',
        '5 930 720',
        L('annex5.section.material'),
        '1 724 000',
        '1 724 000',
        L('annex5.section.direct'),
        '24 396 600',
        '24 396 600',
        activityTitle(4),
        '8 253 600',
        '8 253 600',
        L('annex5.total'),
        '32 051 320',
        '32 051 320',
      ]),
    ).toEqual([]);
  });

  it('right-aligns the figures in the PDF: numbers of a column end at one edge', () => {
    const amount = /^(\d{3}|\d{1,3}([\u00a0 ]\d{3})+)(,\d{2})?$/;
    const edges = new Map<number, number>();
    for (const page of P(5, lang).pages)
      for (const p of page.pieces.filter((x) => amount.test(x.text.trim()))) {
        const right = Math.round(p.x + textWidth(p.text.trim(), p.font, p.size));
        edges.set(right, (edges.get(right) ?? 0) + 1);
      }
    const pieces = [...edges.values()].reduce((a, b) => a + b, 0);
    expect(pieces).toBeGreaterThan(150);
    // Quantity, price, total and grant columns (own and co-financing are empty in the sample).
    expect(edges.size).toBeLessThanOrEqual(4);
  });
});

describe('the paper’s misprinted totals', () => {
  const wrong = ['31 891 320', '24 236 600', '8 093 600'];
  it.each(LANGS)('appear in no %s document', (lang) => {
    for (const name of [`annex-5.${lang}.docx`, `application.${lang}.docx`]) {
      const text = n(readDocx(file(set, name)).text);
      for (const w of wrong) expect(text, name).not.toContain(w);
      expect(text).toContain('32 051 320');
    }
    const text = compact(readingText(P(5, lang)));
    for (const w of wrong) expect(text).not.toContain(compact(w));
    expect(text).toContain('32051320');
  });
});
