/**
 * The computed estimate as the rows of the Annex 5 table, in the order and shape of the form, so that
 * templates only print. Layout follows the filled form: a fixed one-value row (per diem, social tax…)
 * that holds one line prints the line's figures on its own row; a «в том числе» row prints the subtotal
 * with its lines below, and «…» when it has none.
 */

import type { JsonPath } from '../diagnostics/diagnostic.ts';
import type { Unit } from '../model/annex5.ts';
import type { Money } from './money.ts';
import type { Amounts, ComputedEstimate, ComputedLine, ComputedNode, RowLabel } from './types.ts';

export type RowKind = 'section' | 'article' | 'activity' | 'group' | 'slot' | 'line' | 'placeholder' | 'total';

export interface EstimateRow {
  kind: RowKind;
  /** Content of the № column: "1", "1)", or "". */
  number: string;
  label: RowLabel;
  unit?: Unit;
  /** Exact decimals, formatted only by the view; only on rows that show one line's figures. */
  quantity?: Money;
  price?: Money;
  /** Exact decimals; null where the form leaves the cell empty. */
  total: Money | null;
  own: Money | null;
  cofinancing: Money | null;
  grant: Money | null;
  /** Nesting level: 0 for sections and the total row. */
  depth: number;
  bold: boolean;
  /** JSON path of the value the row shows (a node, or a line). */
  path: JsonPath;
}

export interface RowOptions {
  /** Leave out empty articles, groups and slots and the «…» rows (sections and activities stay). */
  compact?: boolean;
  /**
   * Leave the own-contribution and co-financing cells empty where they are zero, as filled forms do
   * (default true). The total and grant cells of a non-empty row are always filled.
   */
  blankZeroSources?: boolean;
}

/**
 * How a node is laid out:
 * - 'slots': a heading with fixed children (sections 1 and 3, activities, travel, services, hospitality);
 * - 'single': a fixed one-value row (articles 2)–7), per diem, accommodation, transport, coffee break, lunch, hall rent);
 * - 'list': a «в том числе» row whose lines follow (salaries, consumables, other, added articles and groups,
 *   material provision, handouts, works and services of individuals / legal entities);
 * - 'headless': lines with no heading of their own (further hospitality expenses).
 */
type Layout = 'slots' | 'single' | 'list' | 'headless';

const SINGLE_ARTICLES = new Set([
  'socialTax',
  'medicalInsurance',
  'bankServices',
  'communication',
  'utilities',
  'rent',
]);
const SINGLE_SLOTS = new Set(['perDiem', 'accommodation', 'transport', 'coffeeBreak', 'lunch', 'hallRent']);
/** Slots whose label has a short form without the form's instructions, used when the row shows figures. */
const SHORT_LABEL_SLOTS = new Set(['perDiem', 'accommodation', 'transport', 'coffeeBreak']);

function layoutOf(node: ComputedNode): Layout {
  switch (node.kind) {
    case 'estimate':
    case 'activity':
      return 'slots';
    case 'section':
      return node.role === 'material' ? 'list' : 'slots';
    case 'article':
      return SINGLE_ARTICLES.has(node.role) ? 'single' : 'list';
    case 'group':
      return node.role === 'handouts' || node.role === 'extra' ? 'list' : 'slots';
    case 'slot':
      if (SINGLE_SLOTS.has(node.role)) return 'single';
      return node.role === 'other' ? 'headless' : 'list';
  }
}

/** The label printed when the row carries figures rather than the form's instruction. */
function shortLabel(node: ComputedNode, detail?: ComputedLine['name']): RowLabel {
  if (!('key' in node.label)) return node.label;
  const key = SHORT_LABEL_SLOTS.has(node.role) ? `${node.label.key}.short` : node.label.key;
  if (detail === undefined) return node.label.params ? { key, params: node.label.params } : { key };
  return { key, params: { ...node.label.params, detail } };
}

export function estimateRows(computed: ComputedEstimate, options: RowOptions = {}): EstimateRow[] {
  const compact = options.compact ?? false;
  const blankZero = options.blankZeroSources ?? true;
  const rows: EstimateRow[] = [];

  const source = (value: Money) => (blankZero && value.isZero() ? null : value);
  const amounts = (a: Amounts) => ({
    total: a.total,
    own: source(a.own),
    cofinancing: source(a.cofinancing),
    grant: a.grant,
  });
  const noAmounts = { total: null, own: null, cofinancing: null, grant: null };
  const kindOf = (node: ComputedNode): RowKind => (node.kind === 'estimate' ? 'total' : node.kind);
  const bold = (node: ComputedNode) => node.kind === 'section' || node.kind === 'estimate';
  // Sections always show their sums; other rows with no lines leave the amount cells empty.
  const nodeAmounts = (node: ComputedNode) =>
    node.lineCount > 0 || node.kind === 'section' || node.kind === 'estimate' ? amounts(node) : noAmounts;

  const heading = (node: ComputedNode, depth: number, label: RowLabel = node.label) => {
    rows.push({
      kind: kindOf(node),
      number: node.number,
      label,
      ...nodeAmounts(node),
      depth,
      bold: bold(node),
      path: node.path,
    });
  };
  const figures = (line: ComputedLine) => ({
    unit: line.unit,
    quantity: line.quantity,
    price: line.price,
    ...amounts(line),
  });
  /** A node holding one line, printed as one row with the line's figures. */
  const collapsed = (node: ComputedNode, line: ComputedLine, depth: number, label: RowLabel) => {
    rows.push({
      kind: kindOf(node),
      number: node.number,
      label,
      ...figures(line),
      depth,
      bold: bold(node),
      path: line.path,
    });
  };
  const lineRow = (line: ComputedLine, depth: number, fallback: RowLabel) => {
    rows.push({
      kind: 'line',
      number: '',
      label: line.name === undefined ? fallback : { text: line.name },
      ...figures(line),
      depth,
      bold: false,
      path: line.path,
    });
  };
  const placeholder = (node: ComputedNode, depth: number) => {
    rows.push({
      kind: 'placeholder',
      number: '',
      label: { text: '…' },
      ...noAmounts,
      depth,
      bold: false,
      path: node.path,
    });
  };
  // Structural rows always stay; fixed rows of the form stay unless the table is compact.
  const keeps = (node: ComputedNode) =>
    node.lineCount > 0 || !compact || node.kind === 'section' || node.kind === 'activity';

  const emit = (node: ComputedNode, depth: number): void => {
    if (!keeps(node)) return;
    const only = node.lines.length === 1 && node.children.length === 0 ? node.lines[0] : undefined;
    switch (layoutOf(node)) {
      case 'slots':
        heading(node, depth);
        for (const child of node.children) emit(child, depth + 1);
        return;
      case 'single':
        if (node.lineCount === 0) {
          heading(node, depth);
        } else if (only && (only.name === undefined || node.kind === 'slot')) {
          // In a slot a named line becomes the label's detail, «суточные (…)»; an article of the form has no
          // room for one, so its named line is listed below it.
          collapsed(node, only, depth, shortLabel(node, only.name));
        } else {
          heading(node, depth, shortLabel(node));
          for (const line of node.lines) lineRow(line, depth + 1, shortLabel(node));
        }
        return;
      case 'list':
        if (node.lineCount === 0) {
          heading(node, depth);
          if (!compact) placeholder(node, depth + 1);
        } else if (only && only.name === undefined && node.kind !== 'section') {
          collapsed(node, only, depth, node.label);
        } else {
          heading(node, depth);
          for (const line of node.lines) lineRow(line, depth + 1, { text: '' });
          for (const child of node.children) emit(child, depth + 1);
        }
        return;
      case 'headless':
        if (node.lineCount === 0) placeholder(node, depth);
        for (const line of node.lines) lineRow(line, depth, { text: '' });
        return;
    }
  };

  for (const section of computed.children) emit(section, 0);
  heading(computed, 0);
  return rows;
}
