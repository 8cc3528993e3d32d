/** View model of Annex 5: the estimate's rows (from the budget engine) as printable strings. */

import type { Money } from '../budget/money.ts';
import { type EstimateRow, estimateRows } from '../budget/rows.ts';
import type { ComputedEstimate } from '../budget/types.ts';
import type { LocalizedText } from '../model/common.ts';
import type { ViewContext } from './context.ts';

const isText = (v: unknown): v is LocalizedText =>
  typeof v === 'string' || (typeof v === 'object' && v !== null && !Array.isArray(v));

function rowLabel(row: EstimateRow, c: ViewContext): string {
  const label = row.label;
  if ('text' in label) return c.text(label.text);
  const params: Record<string, unknown> = {};
  let detail: string | undefined;
  for (const [k, v] of Object.entries(label.params ?? {})) {
    const value = isText(v) && typeof v !== 'number' ? c.text(v) : v;
    if (k === 'detail') detail = String(value);
    else params[k] = value;
  }
  const text = c.label(label.key, params);
  // A fixed row holding one named line: «суточные (3 командировки …)»; a line named as the row itself
  // («Кофе-брейк» in the row «кофе-брейк») adds nothing to it.
  return detail && !sameWords(detail, text) ? `${text} (${detail})` : text;
}

/** Whether two texts say the same, letter case, spacing and final punctuation aside. */
function sameWords(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .toLocaleLowerCase()
      .replace(/[\s\u00a0]+/g, ' ')
      .replace(/^[\s.:;,]+|[\s.:;,]+$/g, '');
  return norm(a) === norm(b);
}

/** The estimate as computed by the load stage: this view only prints it. */
export function annex5View(estimate: ComputedEstimate, c: ViewContext, opts: { compact?: boolean } = {}) {
  const money = (v: Money | null) => (v === null ? '' : c.amount(v));
  return {
    rows: estimateRows(estimate, { compact: opts.compact }).map((r) => ({
      number: r.number,
      label: rowLabel(r, c),
      unit: r.unit === undefined ? '' : c.unit(r.unit),
      quantity: r.quantity === undefined ? '' : c.quantity(r.quantity),
      price: r.price === undefined ? '' : c.amount(r.price),
      total: money(r.total),
      own: money(r.own),
      cofinancing: money(r.cofinancing),
      grant: money(r.grant),
      bold: r.bold || r.kind === 'activity',
    })),
  };
}
