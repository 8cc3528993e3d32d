/** Layout rules of the estimate rows beyond what the seed shows. */
import { describe, expect, it } from 'vitest';
import { computeEstimate } from '../src/budget/compute.ts';
import { decimalString, type Money, moneyString } from '../src/budget/money.ts';
import { type EstimateRow, estimateRows, type RowOptions } from '../src/budget/rows.ts';
import { calendarOf, parseEstimate } from './fixtures/seed-estimate.ts';

function rowsOf(raw: Record<string, unknown>, options?: RowOptions): EstimateRow[] {
  const estimate = parseEstimate(raw);
  return estimateRows(
    computeEstimate(estimate, calendarOf(estimate.direct.activities.map((a) => a.activity))),
    options,
  );
}
/** An exact amount as a plain decimal string ("1000.50"), for comparing with the figures written below. */
const money = (v: Money | null) => (v === null ? null : moneyString(v));
/** The row's money columns as plain decimal strings. */
const amounts = (r: EstimateRow | undefined) =>
  r && { total: money(r.total), own: money(r.own), cofinancing: money(r.cofinancing), grant: money(r.grant) };
/** The row with its exact figures as plain decimal strings ("0.50", "2"), to compare with figures written out. */
const plain = (r: EstimateRow | undefined) =>
  r && {
    ...r,
    ...amounts(r),
    quantity: r.quantity && decimalString(r.quantity),
    price: r.price && moneyString(r.price),
  };
const label = (r: EstimateRow) => ('key' in r.label ? r.label.key : `text:${JSON.stringify(r.label.text)}`);
/** A compact summary of rows: kind, number, label, figures. */
const brief = (rows: EstimateRow[]) =>
  rows.map((r) =>
    [r.kind, r.number, label(r), r.depth, r.quantity ? decimalString(r.quantity) : '', money(r.total) ?? '-'].join(
      ' | ',
    ),
  );

describe('estimate rows', () => {
  it('lists several lines of a travel slot under a short-label subtotal', () => {
    const rows = rowsOf(
      {
        direct: {
          activities: [
            {
              activity: 'a',
              travel: {
                perDiem: {
                  lines: [
                    { name: 'Актобе', unit: 'personDay', quantity: 4, price: 5000 },
                    { unit: 'personDay', quantity: 2, price: 5000 },
                  ],
                },
              },
            },
          ],
        },
      },
      { compact: true },
    );
    expect(brief(rows)).toEqual([
      'section | 1 | annex5.section.administrative | 0 |  | 0',
      'section | 2 | annex5.section.material | 0 |  | 0',
      'section | 3 | annex5.section.direct | 0 |  | 30000',
      'activity | 1) | annex5.activity | 1 |  | 30000',
      'group |  | annex5.travel | 2 |  | 30000',
      'slot |  | annex5.travel.perDiem.short | 3 |  | 30000',
      'line |  | text:"Актобе" | 4 | 4 | 20000',
      'line |  | annex5.travel.perDiem.short | 4 | 2 | 10000',
      'total |  | annex5.total | 0 |  | 30000',
    ]);
    expect(rows[3]!.label).toEqual({ key: 'annex5.activity', params: { n: 1, title: 'Activity a' } });
  });

  it('prints a named single line of a fixed hospitality slot as the detail of the slot', () => {
    const rows = rowsOf(
      {
        direct: {
          activities: [
            {
              activity: 'a',
              hospitality: { lunch: { lines: [{ name: 'в кафе', unit: 'person', quantity: 10, price: 1500 }] } },
            },
          ],
        },
      },
      { compact: true },
    );
    expect(plain(rows.find((r) => r.kind === 'slot'))).toMatchObject({
      label: { key: 'annex5.hospitality.lunch', params: { detail: 'в кафе' } },
      unit: 'person',
      quantity: '10',
      price: '1500',
      total: '15000',
    });
  });

  it('lists a named line of a one-value article below it, and puts a nameless one on its row', () => {
    const rows = rowsOf(
      {
        administrative: {
          communication: { lines: [{ name: 'интернет', unit: 'month', quantity: 3, price: 5000 }] },
          salaries: { lines: [{ unit: 'month', quantity: 2, price: 100000 }] },
        },
      },
      { compact: true },
    );
    expect(brief(rows)).toEqual([
      'section | 1 | annex5.section.administrative | 0 |  | 215000',
      'article | 1) | annex5.article.salaries | 1 | 2 | 200000',
      'article | 5) | annex5.article.communication | 1 |  | 15000',
      'line |  | text:"интернет" | 2 | 3 | 15000',
      'section | 2 | annex5.section.material | 0 |  | 0',
      'section | 3 | annex5.section.direct | 0 |  | 0',
      'total |  | annex5.total | 0 |  | 215000',
    ]);
  });

  it('numbers added articles after the nine fixed ones and shows added groups of an activity', () => {
    const rows = rowsOf({
      administrative: {
        extra: [
          { title: 'аудит', lines: [{ unit: 'service', quantity: 1, price: 300000 }] },
          { title: { ru: 'страхование', kk: 'сақтандыру' } },
        ],
      },
      direct: {
        activities: [
          {
            activity: 'a',
            extra: [{ title: 'видеосъемка', lines: [{ name: 'ролик', unit: 'piece', quantity: 2, price: 0.5 }] }],
          },
        ],
      },
    });
    const articles = rows.filter((r) => r.kind === 'article');
    expect(articles.map((r) => r.number)).toEqual(['1)', '2)', '3)', '4)', '5)', '6)', '7)', '8)', '9)', '10)', '11)']);
    expect(plain(articles[9])).toMatchObject({ label: { text: 'аудит' }, unit: 'service', total: '300000' });
    const i = rows.indexOf(articles[10]!);
    expect(rows[i]).toMatchObject({ label: { text: { ru: 'страхование', kk: 'сақтандыру' } }, total: null });
    expect(rows[i + 1]).toMatchObject({ kind: 'placeholder', label: { text: '…' }, depth: 2 });
    const video = rows.findIndex((r) => 'text' in r.label && r.label.text === 'видеосъемка');
    expect(plain(rows[video])).toMatchObject({ kind: 'group', depth: 2, total: '1' });
    expect(plain(rows[video + 1])).toMatchObject({ kind: 'line', price: '0.50', quantity: '2', total: '1', depth: 3 });
    // The added group comes after the fixed ones of its activity.
    expect(rows[video - 1]).toMatchObject({ kind: 'placeholder' });
    expect(rows[video - 2]).toMatchObject({ label: { key: 'annex5.hospitality.hallRent' } });
  });

  it('shows an empty activity with empty fixed rows, and keeps only its heading when compact', () => {
    const raw = { direct: { activities: [{ activity: 'a', title: 'Круглый стол' }] } };
    const full = brief(rowsOf(raw));
    // The empty material section shows «…» like any empty list.
    expect(full.slice(full.indexOf('section | 2 | annex5.section.material | 0 |  | 0'))).toEqual([
      'section | 2 | annex5.section.material | 0 |  | 0',
      'placeholder |  | text:"…" | 1 |  | -',
      'section | 3 | annex5.section.direct | 0 |  | 0',
      'activity | 1) | annex5.activity | 1 |  | -',
      'group |  | annex5.travel | 2 |  | -',
      'slot |  | annex5.travel.perDiem | 3 |  | -',
      'slot |  | annex5.travel.accommodation | 3 |  | -',
      'slot |  | annex5.travel.transport | 3 |  | -',
      'group |  | annex5.handouts | 2 |  | -',
      'placeholder |  | text:"…" | 3 |  | -',
      'group |  | annex5.services | 2 |  | -',
      'slot |  | annex5.services.individuals | 3 |  | -',
      'placeholder |  | text:"…" | 4 |  | -',
      'slot |  | annex5.services.legalEntities | 3 |  | -',
      'placeholder |  | text:"…" | 4 |  | -',
      'group |  | annex5.hospitality | 2 |  | -',
      'slot |  | annex5.hospitality.coffeeBreak | 3 |  | -',
      'slot |  | annex5.hospitality.lunch | 3 |  | -',
      'slot |  | annex5.hospitality.hallRent | 3 |  | -',
      'placeholder |  | text:"…" | 3 |  | -',
      'total |  | annex5.total | 0 |  | 0',
    ]);
    expect(brief(rowsOf(raw, { compact: true }))).toEqual([
      'section | 1 | annex5.section.administrative | 0 |  | 0',
      'section | 2 | annex5.section.material | 0 |  | 0',
      'section | 3 | annex5.section.direct | 0 |  | 0',
      'activity | 1) | annex5.activity | 1 |  | -',
      'total |  | annex5.total | 0 |  | 0',
    ]);
  });

  it('fills the source columns, leaving zero own and co-financing cells empty unless asked', () => {
    const raw = {
      material: {
        lines: [
          { name: 'ноутбук', unit: 'piece', quantity: 1, price: 1000.5, own: 200.25 },
          { name: 'принтер', unit: 'piece', quantity: 1, price: 500, cofinancing: 500 },
        ],
      },
    };
    const rows = rowsOf(raw, { compact: true });
    const [laptop, printer] = rows.filter((r) => r.kind === 'line');
    expect(amounts(laptop)).toEqual({ total: '1000.50', own: '200.25', cofinancing: null, grant: '800.25' });
    expect(amounts(printer)).toEqual({ total: '500', own: null, cofinancing: '500', grant: '0' });
    expect(amounts(rows.at(-1))).toEqual({ total: '1500.50', own: '200.25', cofinancing: '500', grant: '800.25' });
    const full = rowsOf(raw, { compact: true, blankZeroSources: false }).filter((r) => r.kind === 'line');
    expect(full.map((r) => [money(r.own), money(r.cofinancing)])).toEqual([
      ['200.25', '0'],
      ['0', '500'],
    ]);
  });
});
