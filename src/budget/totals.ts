/** Totals of the estimate for JSON output and for a plain-text table in the terminal. */
import { formatAmount } from '../i18n/amount.ts';
import { loadLabels } from '../i18n/labels.ts';
import type { LocalizedText } from '../model/common.ts';
import { DEFAULT_EDITION, type Edition } from '../templates/editions.ts';
import { rowName, textIn } from './messages.ts';
import { moneyString, percentOf } from './money.ts';
import type { Amounts, ComputedActivity, ComputedEstimate, ComputedNode } from './types.ts';

/**
 * The four columns in tenge as exact decimal strings ("32051320", "1234.50": a JS number would round amounts
 * of 10¹⁴ tenge and more), and the row's share of the estimate's grant column in percent (2 decimals).
 */
export interface ColumnTotals {
  total: string;
  own: string;
  cofinancing: string;
  grant: string;
  grantSharePercent: number;
}

export interface ArticleTotals extends ColumnTotals {
  /** "1)"…"9)", then "10)"… for added articles. */
  number: string;
  /** Name of a fixed article (salaries, socialTax…), or 'extra'. */
  article: string;
  /** Title of an added article. */
  title?: LocalizedText;
}

export interface ActivityTotals extends ColumnTotals {
  number: string;
  /** Id of the activity in the calendar plan. */
  activity: string;
  title: LocalizedText;
}

export interface TotalsReport {
  currency: 'KZT';
  sections: { administrative: ColumnTotals; material: ColumnTotals; direct: ColumnTotals };
  articles: ArticleTotals[];
  activities: ActivityTotals[];
  total: ColumnTotals;
}

export function totalsReport(computed: ComputedEstimate): TotalsReport {
  const columns = (a: Amounts): ColumnTotals => ({
    total: moneyString(a.total),
    own: moneyString(a.own),
    cofinancing: moneyString(a.cofinancing),
    grant: moneyString(a.grant),
    grantSharePercent: percentOf(a.grant, computed.grant).toNumber(),
  });
  return {
    currency: 'KZT',
    sections: {
      administrative: columns(computed.administrative),
      material: columns(computed.material),
      direct: columns(computed.direct),
    },
    articles: computed.administrative.children.map((a: ComputedNode) => {
      const row: ArticleTotals = { number: a.number, article: a.role, ...columns(a) };
      if ('text' in a.label) row.title = a.label.text;
      return row;
    }),
    activities: computed.direct.children.map((a: ComputedActivity) => ({
      number: a.number,
      activity: a.activityId,
      title: a.title,
      ...columns(a),
    })),
    total: columns(computed),
  };
}

/** The table's columns, in order: the keys of their headers in the label catalogues. */
const COLUMNS = ['no', 'article', 'total', 'own', 'cofinancing', 'grant', 'grantShare'] as const;
const MAX_NAME = 60;

/** The totals as a plain-text table with aligned columns, in Russian or Kazakh. */
export function formatTotalsTable(report: TotalsReport, lang: 'ru' | 'kk', edition: Edition = DEFAULT_EDITION): string {
  const labels = loadLabels(edition, lang);
  const headers = COLUMNS.map((c) => labels.t(`annex5.totals.col.${c}`));
  const clip = (s: string) => (s.length > MAX_NAME ? `${s.slice(0, MAX_NAME - 1)}…` : s);
  // A terminal shows a no-break space as a blank anyway; a plain one keeps the table easy to copy.
  const amount = (v: string) => formatAmount(v, { separator: ' ' });
  const line = (number: string, name: string, c: ColumnTotals) => [
    number,
    clip(name),
    amount(c.total),
    amount(c.own),
    amount(c.cofinancing),
    amount(c.grant),
    formatAmount(c.grantSharePercent, { decimals: 2, separator: ' ' }),
  ];
  const name = (role: string) => rowName(role, lang, edition);
  const body: string[][] = [
    line('1', name('administrative'), report.sections.administrative),
    ...report.articles.map((a) =>
      line(`  ${a.number}`, a.title === undefined ? name(a.article) : textIn(a.title, lang), a),
    ),
    line('2', name('material'), report.sections.material),
    line('3', name('direct'), report.sections.direct),
    ...report.activities.map((a, i) => {
      const title = textIn(a.title, lang);
      return line(`  ${a.number}`, labels.t('annex5.totals.activity', { n: i + 1, title }), a);
    }),
    line('', name('estimate'), report.total),
  ];
  const table = [headers, ...body];
  const widths = headers.map((_, col) => Math.max(...table.map((r) => [...(r[col] ?? '')].length)));
  const pad = (cell: string, col: number) => {
    const gap = ' '.repeat((widths[col] ?? 0) - [...cell].length);
    // Text columns to the left, amounts to the right.
    return col < 2 ? cell + gap : gap + cell;
  };
  const render = (r: string[]) =>
    r
      .map((c, col) => pad(c, col))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return (
    [render(table[0]!), rule, ...body.slice(0, -1).map(render), rule, render(body[body.length - 1]!)].join('\n') + '\n'
  );
}
