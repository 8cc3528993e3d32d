/**
 * Computes the estimate (Annex 5) from its lines: a tree of sections, articles, activities, groups and
 * slots, each with its total and its three sources of funding, summed exactly.
 */

import type { JsonPath } from '../diagnostics/diagnostic.ts';
import type { CalendarPlan } from '../model/annex4.ts';
import type { BudgetLine, Estimate, ExtraGroup, LineGroup } from '../model/annex5.ts';
import { ADMIN_ARTICLES } from '../model/estimate-form.ts';
import { lineTotal, toDecimal, ZERO } from './money.ts';
import type {
  Amounts,
  ComputedActivity,
  ComputedDirect,
  ComputedEstimate,
  ComputedLine,
  ComputedNode,
  NodeKind,
  RowLabel,
} from './types.ts';

export const TRAVEL_SLOTS = ['perDiem', 'accommodation', 'transport'] as const;
export const SERVICE_SLOTS = ['individuals', 'legalEntities'] as const;
export const HOSPITALITY_SLOTS = ['coffeeBreak', 'lunch', 'hallRent', 'other'] as const;

function computeLine(line: BudgetLine, path: JsonPath, index: number): ComputedLine {
  const quantity = toDecimal(line.quantity);
  const price = toDecimal(line.price);
  const total = lineTotal(quantity, price);
  const own = toDecimal(line.own ?? 0);
  const cofinancing = toDecimal(line.cofinancing ?? 0);
  // The grant pays what the other sources do not; a negative result is reported by the checks.
  const grant = total.minus(own).minus(cofinancing);
  const computed: ComputedLine = {
    kind: 'line',
    index,
    path,
    unit: line.unit,
    quantity,
    price,
    total,
    own,
    cofinancing,
    grant,
  };
  if (line.name !== undefined) computed.name = line.name;
  return computed;
}

/** Each column summed on its own, over direct lines and children. */
function addUp(lines: ComputedLine[], children: ComputedNode[]): Amounts {
  const acc: Amounts = { total: ZERO, own: ZERO, cofinancing: ZERO, grant: ZERO };
  for (const item of [...lines, ...children]) {
    acc.total = acc.total.plus(item.total);
    acc.own = acc.own.plus(item.own);
    acc.cofinancing = acc.cofinancing.plus(item.cofinancing);
    acc.grant = acc.grant.plus(item.grant);
  }
  return acc;
}

interface NodeSpec {
  kind: NodeKind;
  role: string;
  number?: string;
  label: RowLabel;
  path: JsonPath;
  declaredTotal?: number | undefined;
  lines?: BudgetLine[];
  children?: ComputedNode[];
}

function node(spec: NodeSpec): ComputedNode {
  const lines = (spec.lines ?? []).map((l, i) => computeLine(l, [...spec.path, 'lines', i], i));
  const children = spec.children ?? [];
  const result: ComputedNode = {
    kind: spec.kind,
    role: spec.role,
    number: spec.number ?? '',
    label: spec.label,
    path: spec.path,
    ...addUp(lines, children),
    lineCount: lines.length + children.reduce((n, c) => n + c.lineCount, 0),
    children,
    lines,
  };
  if (spec.declaredTotal !== undefined) result.declaredTotal = toDecimal(spec.declaredTotal);
  return result;
}

function groupNode(kind: NodeKind, role: string, label: RowLabel, path: JsonPath, group: LineGroup, number?: string) {
  return node({ kind, role, label, path, number, lines: group.lines, declaredTotal: group.declaredTotal });
}

function extraNode(kind: NodeKind, path: JsonPath, group: ExtraGroup, number?: string) {
  return node({
    kind,
    role: 'extra',
    label: { text: group.title },
    path,
    number,
    lines: group.lines,
    declaredTotal: group.declaredTotal,
  });
}

function computeActivity(
  activity: Estimate['direct']['activities'][number],
  index: number,
  calendar: CalendarPlan,
): ComputedActivity {
  const path: JsonPath = ['estimate', 'direct', 'activities', index];
  const n = index + 1;
  const calendarIndex = calendar.activities.findIndex((a) => a.id === activity.activity);
  const title = activity.title ?? calendar.activities[calendarIndex]?.title ?? activity.activity;

  const { travel, services, hospitality } = activity;
  const travelPath = [...path, 'travel'];
  const servicesPath = [...path, 'services'];
  const hospitalityPath = [...path, 'hospitality'];
  const children: ComputedNode[] = [
    node({
      kind: 'group',
      role: 'travel',
      label:
        travel.destination === undefined
          ? { key: 'annex5.travel' }
          : { key: 'annex5.travelTo', params: { destination: travel.destination } },
      path: travelPath,
      declaredTotal: travel.declaredTotal,
      children: TRAVEL_SLOTS.map((slot) =>
        groupNode('slot', slot, { key: `annex5.travel.${slot}` }, [...travelPath, slot], travel[slot]),
      ),
    }),
    groupNode('group', 'handouts', { key: 'annex5.handouts' }, [...path, 'handouts'], activity.handouts),
    node({
      kind: 'group',
      role: 'services',
      label: { key: 'annex5.services' },
      path: servicesPath,
      declaredTotal: services.declaredTotal,
      children: SERVICE_SLOTS.map((slot) =>
        groupNode('slot', slot, { key: `annex5.services.${slot}` }, [...servicesPath, slot], services[slot]),
      ),
    }),
    node({
      kind: 'group',
      role: 'hospitality',
      label: { key: 'annex5.hospitality' },
      path: hospitalityPath,
      declaredTotal: hospitality.declaredTotal,
      children: HOSPITALITY_SLOTS.map((slot) =>
        // «other» has no label of its own: the form shows its lines (or «…») directly under the group.
        groupNode(
          'slot',
          slot,
          slot === 'other' ? { text: '…' } : { key: `annex5.hospitality.${slot}` },
          [...hospitalityPath, slot],
          hospitality[slot],
        ),
      ),
    }),
    ...activity.extra.map((g, j) => extraNode('group', [...path, 'extra', j], g)),
  ];
  const computed = node({
    kind: 'activity',
    role: 'activity',
    number: `${n})`,
    label: { key: 'annex5.activity', params: { n, title } },
    path,
    declaredTotal: activity.declaredTotal,
    children,
  });
  const result: ComputedActivity = {
    ...computed,
    kind: 'activity',
    role: 'activity',
    activityId: activity.activity,
    n,
    title,
  };
  if (calendarIndex >= 0) result.calendarIndex = calendarIndex;
  return result;
}

/** The estimate computed from its lines. The calendar plan supplies activity titles the estimate leaves out. */
export function computeEstimate(estimate: Estimate, calendar: CalendarPlan): ComputedEstimate {
  const adminPath: JsonPath = ['estimate', 'administrative'];
  const { administrative } = estimate;
  const articles = [
    ...ADMIN_ARTICLES.map((article, i) =>
      groupNode(
        'article',
        article,
        { key: `annex5.article.${article}` },
        [...adminPath, article],
        administrative[article],
        `${i + 1})`,
      ),
    ),
    // Articles added beyond the form's nine continue the numbering: 10), 11)…
    ...administrative.extra.map((g, j) =>
      extraNode('article', [...adminPath, 'extra', j], g, `${ADMIN_ARTICLES.length + j + 1})`),
    ),
  ];
  const adminNode = node({
    kind: 'section',
    role: 'administrative',
    number: '1',
    label: { key: 'annex5.section.administrative' },
    path: adminPath,
    declaredTotal: administrative.declaredTotal,
    children: articles,
  });
  const materialNode = groupNode(
    'section',
    'material',
    { key: 'annex5.section.material' },
    ['estimate', 'material'],
    estimate.material,
    '2',
  );
  const activities = estimate.direct.activities.map((a, i) => computeActivity(a, i, calendar));
  const directNode = node({
    kind: 'section',
    role: 'direct',
    number: '3',
    label: { key: 'annex5.section.direct' },
    path: ['estimate', 'direct'],
    declaredTotal: estimate.direct.declaredTotal,
    children: activities,
  }) as ComputedDirect;
  const root = node({
    kind: 'estimate',
    role: 'estimate',
    label: { key: 'annex5.total' },
    path: ['estimate'],
    declaredTotal: estimate.declaredTotal,
    children: [adminNode, materialNode, directNode],
  });
  return { ...root, kind: 'estimate', administrative: adminNode, material: materialNode, direct: directNode };
}

/** Every node of the tree, depth first, parents before children. */
export function* walkNodes(start: ComputedNode): Generator<ComputedNode> {
  yield start;
  for (const child of start.children) yield* walkNodes(child);
}

/** Every line of the tree in document order. */
export function* walkLines(start: ComputedNode): Generator<ComputedLine> {
  yield* start.lines;
  for (const child of start.children) yield* walkLines(child);
}
