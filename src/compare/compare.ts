/**
 * What changed between two versions of an application: the estimate's lines (added, removed, changed), the totals
 * of every article, activity, section and the grand total in the four money columns, the months of the calendar
 * plan, and the text fields outside the estimate. Exact decimals throughout.
 *
 * Lines have no identity of their own in the file: a line is the same line in both versions when it stands in the
 * same row of the form (activities matched by their id, not their position) under the same name; lines of one name
 * in one row are matched in their order.
 */
import { computeEstimate } from '../budget/index.ts';
import type { Money } from '../budget/money.ts';
import { ZERO } from '../budget/money.ts';
import type {
  Amounts,
  ComputedActivity,
  ComputedEstimate,
  ComputedLine,
  ComputedNode,
  RowLabel,
} from '../budget/types.ts';
import type { JsonPath } from '../diagnostics/diagnostic.ts';
import type { Unit } from '../model/annex5.ts';
import type { Application } from '../model/application.ts';
import type { LocalizedText } from '../model/common.ts';

export const LINE_FIELDS = ['name', 'unit', 'quantity', 'price', 'own', 'cofinancing'] as const;
export type LineField = (typeof LINE_FIELDS)[number];

/** Where a line stands: its row of the form, and the activity when it is a direct cost. */
export interface LineGroup {
  node: ComputedNode;
  /** From the section down to the row (the estimate itself left out). */
  ancestors: ComputedNode[];
  activity?: ComputedActivity;
}

export interface LineChange {
  change: 'added' | 'removed' | 'changed';
  group: LineGroup;
  old?: ComputedLine;
  new?: ComputedLine;
  /** The fields that differ (all of them for an added or removed line). */
  fields: LineField[];
}

export interface TotalChange {
  node: ComputedNode;
  /** The node in the other version when it exists in both. */
  old: Amounts;
  new: Amounts;
  difference: Amounts;
}

export interface MonthChange {
  activity: string;
  title: LocalizedText;
  old?: number[];
  new?: number[];
  path: JsonPath;
}

export interface TextChange {
  path: JsonPath;
  old?: unknown;
  new?: unknown;
}

export interface Comparison {
  lines: LineChange[];
  totals: TotalChange[];
  calendar: MonthChange[];
  texts: TextChange[];
  oldEstimate: ComputedEstimate;
  newEstimate: ComputedEstimate;
}

const ZEROS: Amounts = { total: ZERO, own: ZERO, cofinancing: ZERO, grant: ZERO };
const COLUMNS = ['total', 'own', 'cofinancing', 'grant'] as const;

/** A node's identity across versions: its path with each activity's position replaced by its id. */
function identity(node: ComputedNode, activity: ComputedActivity | undefined): string {
  const path = [...node.path];
  if (activity) path.splice(0, activity.path.length, 'estimate', 'direct', 'activities', `#${activity.activityId}`);
  return path.join('.');
}

interface Indexed {
  nodes: Map<string, { node: ComputedNode; group: LineGroup }>;
  lines: Map<string, { line: ComputedLine; group: LineGroup }>;
}

function index(computed: ComputedEstimate): Indexed {
  const nodes: Indexed['nodes'] = new Map();
  const lines: Indexed['lines'] = new Map();
  const visit = (node: ComputedNode, ancestors: ComputedNode[], activity: ComputedActivity | undefined) => {
    const act = node.kind === 'activity' ? (node as ComputedActivity) : activity;
    const id = identity(node, act);
    const group: LineGroup = { node, ancestors, ...(act ? { activity: act } : {}) };
    nodes.set(id, { node, group });
    const seen = new Map<string, number>();
    for (const line of node.lines) {
      const name = JSON.stringify(line.name ?? null);
      const n = seen.get(name) ?? 0;
      seen.set(name, n + 1);
      lines.set(`${id}|${name}|${n}`, { line, group });
    }
    for (const child of node.children) visit(child, node.kind === 'estimate' ? [] : [...ancestors, node], act);
  };
  visit(computed, [], undefined);
  return { nodes, lines };
}

const eqUnit = (a: Unit, b: Unit) => JSON.stringify(a) === JSON.stringify(b);

function changedFields(a: ComputedLine, b: ComputedLine): LineField[] {
  const out: LineField[] = [];
  if (JSON.stringify(a.name ?? null) !== JSON.stringify(b.name ?? null)) out.push('name');
  if (!eqUnit(a.unit, b.unit)) out.push('unit');
  for (const f of ['quantity', 'price', 'own', 'cofinancing'] as const) if (!a[f].eq(b[f])) out.push(f);
  return out;
}

const minus = (a: Amounts, b: Amounts): Amounts => ({
  total: a.total.minus(b.total),
  own: a.own.minus(b.own),
  cofinancing: a.cofinancing.minus(b.cofinancing),
  grant: a.grant.minus(b.grant),
});
const isZero = (a: Amounts) => COLUMNS.every((c) => (a[c] as Money).isZero());
const amountsOf = (n: ComputedNode): Amounts => ({
  total: n.total,
  own: n.own,
  cofinancing: n.cofinancing,
  grant: n.grant,
});

export function compareApplications(before: Application, after: Application): Comparison {
  const oldEstimate = computeEstimate(before.estimate, before.project.calendar);
  const newEstimate = computeEstimate(after.estimate, after.project.calendar);
  const a = index(oldEstimate);
  const b = index(newEstimate);

  // Lines, in the new version's order, then the removed ones in the old version's order.
  const lines: LineChange[] = [];
  for (const [key, { line, group }] of b.lines) {
    const old = a.lines.get(key);
    if (!old) lines.push({ change: 'added', group, new: line, fields: [...LINE_FIELDS] });
    else {
      const fields = changedFields(old.line, line);
      if (fields.length > 0) lines.push({ change: 'changed', group, old: old.line, new: line, fields });
    }
  }
  for (const [key, { line, group }] of a.lines)
    if (!b.lines.has(key)) lines.push({ change: 'removed', group, old: line, fields: [...LINE_FIELDS] });

  // Totals of the sections, the articles, the activities and the estimate whose figures moved.
  const totals: TotalChange[] = [];
  const kinds = new Set(['estimate', 'section', 'article', 'activity']);
  const seen = new Set<string>();
  const push = (key: string, node: ComputedNode, oldAmounts: Amounts, newAmounts: Amounts) => {
    seen.add(key);
    const difference = minus(newAmounts, oldAmounts);
    if (!isZero(difference)) totals.push({ node, old: oldAmounts, new: newAmounts, difference });
  };
  for (const [key, { node }] of b.nodes) {
    if (!kinds.has(node.kind)) continue;
    const old = a.nodes.get(key)?.node;
    push(key, node, old ? amountsOf(old) : ZEROS, amountsOf(node));
  }
  for (const [key, { node }] of a.nodes)
    if (kinds.has(node.kind) && !seen.has(key)) push(key, node, amountsOf(node), ZEROS);
  // The grand total last, as in the form.
  totals.sort((x, y) => Number(x.node.kind === 'estimate') - Number(y.node.kind === 'estimate'));

  return {
    lines,
    totals,
    calendar: compareCalendar(before, after),
    texts: compareTexts(before, after),
    oldEstimate,
    newEstimate,
  };
}

function compareCalendar(before: Application, after: Application): MonthChange[] {
  const out: MonthChange[] = [];
  const old = new Map(before.project.calendar.activities.map((x, i) => [x.id, { x, i }]));
  const now = new Map(after.project.calendar.activities.map((x, i) => [x.id, { x, i }]));
  const months = (m: number[]) => [...m].sort((p, q) => p - q);
  for (const [id, { x, i }] of now) {
    const o = old.get(id);
    const path: JsonPath = ['project', 'calendar', 'activities', i, 'months'];
    if (!o) out.push({ activity: id, title: x.title, new: months(x.months), path });
    else if (JSON.stringify(months(o.x.months)) !== JSON.stringify(months(x.months)))
      out.push({ activity: id, title: x.title, old: months(o.x.months), new: months(x.months), path });
  }
  for (const [id, { x, i }] of old)
    if (!now.has(id))
      out.push({
        activity: id,
        title: x.title,
        old: months(x.months),
        path: ['project', 'calendar', 'activities', i, 'months'],
      });
  return out;
}

/** A value printed as one field of a form: a text in one or two languages, a number, a date, a flag. */
const isLeaf = (v: unknown): boolean =>
  v === null ||
  typeof v !== 'object' ||
  (!Array.isArray(v) && Object.keys(v as object).every((k) => k === 'ru' || k === 'kk'));

/** Fields outside the estimate (and outside the calendar's months, compared on their own) whose value changed. */
function compareTexts(before: Application, after: Application): TextChange[] {
  const out: TextChange[] = [];
  const walk = (a: unknown, b: unknown, path: JsonPath) => {
    if (path[0] === 'estimate' || path[0] === '$schema') return;
    if (path.length === 5 && path[1] === 'calendar' && path[4] === 'months') return;
    if (a === undefined && b === undefined) return;
    if (a === undefined || b === undefined || isLeaf(a) || isLeaf(b)) {
      if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, old: a, new: b });
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], [...path, i]);
      return;
    }
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) walk(ao[k], bo[k], [...path, k]);
  };
  walk(before, after, []);
  return out;
}

export type { RowLabel };
