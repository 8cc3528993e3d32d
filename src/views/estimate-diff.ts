/** View model of the estimate's change report: the comparison's rows as printable strings of one language. */
import type { ComparisonReport, LineFigures, MoneyColumn } from '../compare/report.ts';
import { MONEY_COLUMNS } from '../compare/report.ts';
import type { ViewContext } from './context.ts';

export interface EstimateDiffHeader {
  /** The two versions as the user named them (file names). */
  oldName: string;
  newName: string;
  project: string;
  applicant: string;
}

export function estimateDiffView(report: ComparisonReport, header: EstimateDiffHeader, c: ViewContext) {
  const amount = (v: string | undefined) => (v === undefined ? '' : c.amount(v));
  // A difference always shows its sign: «+160 000», «−80 000», «0».
  const signed = (v: string) => (v.startsWith('-') ? `−${c.amount(v.slice(1))}` : v === '0' ? '0' : `+${c.amount(v)}`);
  const figures = (f: LineFigures | undefined) => ({
    quantity: f ? c.quantity(f.quantity) : '',
    price: amount(f?.price),
    total: amount(f?.total),
    grant: amount(f?.grant),
  });
  const money = (x: Record<MoneyColumn, string>, diff = false) =>
    MONEY_COLUMNS.map((col) => (diff ? signed(x[col]) : c.amount(x[col])));
  return {
    ...header,
    none: report.lines.length + report.totals.length + report.calendar.length + report.texts.length === 0,
    hasLines: report.lines.length > 0,
    lines: report.lines.map((l) => ({
      where: l.where,
      name: l.name,
      unit: (l.new ?? l.old)?.unit ?? '',
      change: c.label(`annex5.diff.${l.change}`),
      old: figures(l.old),
      new: figures(l.new),
      totalDifference: signed(l.totalDifference),
      grantDifference: signed(l.grantDifference),
    })),
    hasTotals: report.totals.length > 0,
    totals: report.totals.map((t) => {
      const old = money(t.old);
      const now = money(t.new);
      const diff = money(t.difference, true);
      return {
        number: t.number,
        label: t.label,
        bold: t.kind === 'section' || t.kind === 'estimate',
        // One row per money column of the form, the node's number and name on the first.
        columns: MONEY_COLUMNS.map((col, i) => ({
          first: i === 0,
          name: c.label(`annex5.col.${col}`),
          old: old[i],
          new: now[i],
          difference: diff[i],
        })),
      };
    }),
    hasCalendar: report.calendar.length > 0,
    calendar: report.calendar.map((m) => ({
      activity: `${m.activity}. ${m.title}`,
      old: m.old?.map((n) => c.monthHeader(n)).join(', ') ?? '',
      new: m.new?.map((n) => c.monthHeader(n)).join(', ') ?? '',
    })),
    hasTexts: report.texts.length > 0,
    texts: report.texts.map((t) => ({ form: t.form, path: t.path, old: t.old, new: t.new })),
  };
}
