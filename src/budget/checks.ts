/**
 * Checks of the estimate: printed subtotals against the lines, funding splits, limits of the grant,
 * agreement with the calendar plan, and lines that look counted twice.
 */

import { distance } from 'fastest-levenshtein';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { loadLabels } from '../i18n/labels.ts';
import type { CalendarPlan } from '../model/annex4.ts';
import { type Estimate, UNIT_CODES } from '../model/annex5.ts';
import type { LocalizedText } from '../model/common.ts';
import { walkLines } from './compute.ts';
import { describeNode, textIn } from './messages.ts';
import { Decimal, moneyString, percentOf, toDecimal } from './money.ts';
import type { ComputedActivity, ComputedEstimate, ComputedNode } from './types.ts';

/** The parts of an application the checks read (an Application fits). */
export interface EstimateSource {
  estimate: Estimate;
  project: { calendar: CalendarPlan };
}

function declaredTotals(computed: ComputedEstimate): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (node: ComputedNode, ancestors: ComputedNode[]) => {
    if (node.declaredTotal !== undefined && !node.declaredTotal.eq(node.total)) {
      out.push({
        severity: 'warning',
        path: [...node.path, 'declaredTotal'],
        key: 'budget.declaredTotal',
        params: {
          itemRu: describeNode(node, ancestors, 'ru'),
          itemKk: describeNode(node, ancestors, 'kk'),
          itemEn: describeNode(node, ancestors, 'en'),
          number: node.number,
          declared: moneyString(node.declaredTotal),
          computed: moneyString(node.total),
          difference: moneyString(node.total.minus(node.declaredTotal)),
        },
      });
    }
    for (const child of node.children) visit(child, [...ancestors, node]);
  };
  visit(computed, []);
  return out;
}

function negativeGrants(computed: ComputedEstimate): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const line of walkLines(computed)) {
    if (line.grant.isNegative())
      out.push({
        severity: 'error',
        path: line.path,
        key: 'budget.negativeGrant',
        params: {
          own: moneyString(line.own),
          cofinancing: moneyString(line.cofinancing),
          total: moneyString(line.total),
        },
      });
  }
  return out;
}

function grantLimits(estimate: Estimate, computed: ComputedEstimate): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (estimate.grantAmount !== undefined) {
    const grantAmount = toDecimal(estimate.grantAmount);
    if (computed.grant.gt(grantAmount))
      out.push({
        severity: 'error',
        path: ['estimate', 'grantAmount'],
        key: 'budget.overGrantAmount',
        params: {
          grant: moneyString(computed.grant),
          grantAmount: moneyString(grantAmount),
          excess: moneyString(computed.grant.minus(grantAmount)),
        },
      });
  }
  const limitPercent = toDecimal(estimate.materialShareLimitPercent);
  const limit = computed.grant.times(limitPercent).dividedBy(100);
  if (computed.material.grant.gt(limit))
    out.push({
      severity: 'error',
      path: ['estimate', 'material'],
      key: 'budget.materialShare',
      params: {
        material: moneyString(computed.material.grant),
        percent: percentOf(computed.material.grant, computed.grant).toFixed(2),
        limitPercent: limitPercent.toFixed(),
        // Rounded down, so that the amount shown is still within the limit.
        limit: moneyString(limit.toDecimalPlaces(2, Decimal.ROUND_DOWN)),
      },
    });
  return out;
}

function calendarAgreement(calendar: CalendarPlan, computed: ComputedEstimate): Diagnostic[] {
  const out: Diagnostic[] = [];
  const firstById = new Map<string, ComputedActivity>();
  for (const activity of computed.direct.children) {
    const idPath = [...activity.path, 'activity'];
    const first = firstById.get(activity.activityId);
    if (first) {
      out.push({
        severity: 'error',
        path: idPath,
        key: 'budget.activityDuplicate',
        params: { id: activity.activityId, first: first.n },
      });
      continue;
    }
    firstById.set(activity.activityId, activity);
    if (activity.calendarIndex === undefined)
      out.push({
        severity: 'warning',
        path: idPath,
        key: 'budget.activityNotInCalendar',
        params: { id: activity.activityId },
      });
  }
  calendar.activities.forEach((a, j) => {
    if (a.budgeted !== false && !firstById.has(a.id))
      out.push({
        severity: 'warning',
        path: ['project', 'calendar', 'activities', j],
        key: 'budget.activityNotInEstimate',
        params: { id: a.id },
      });
  });
  return out;
}

/** Comparable form of a line name: case, spacing and language variants do not matter. */
function nameKey(name: LocalizedText): string {
  const norm = (s: string | undefined) =>
    (s ?? '').normalize('NFC').toLocaleLowerCase('ru').replace(/\s+/g, ' ').trim();
  return typeof name === 'string'
    ? JSON.stringify([norm(name), norm(name)])
    : JSON.stringify([norm(name.ru), norm(name.kk)]);
}

function doubleCounts(computed: ComputedEstimate): Diagnostic[] {
  const out: Diagnostic[] = [];
  // name + total → activity where the line was first seen, and the activities already reported.
  const seen = new Map<string, { first: ComputedActivity; reported: Set<ComputedActivity> }>();
  for (const activity of computed.direct.children) {
    for (const line of walkLines(activity)) {
      if (line.name === undefined) continue;
      const key = `${nameKey(line.name)}|${moneyString(line.total)}`;
      const entry = seen.get(key);
      if (!entry) {
        seen.set(key, { first: activity, reported: new Set() });
        continue;
      }
      if (entry.first === activity || entry.reported.has(activity)) continue;
      entry.reported.add(activity);
      out.push({
        severity: 'warning',
        path: line.path,
        key: 'budget.possibleDoubleCount',
        params: {
          name: textIn(line.name, 'ru'),
          total: moneyString(line.total),
          n: activity.n,
          other: entry.first.n,
        },
      });
    }
  }
  return out;
}

/**
 * A unit written like a code but not one (`months`, `Piece`): it prints as typed, which is rarely what was meant.
 * Texts in words («шт.», «человек») are units of their own and pass.
 */
function unitCodes(computed: ComputedEstimate): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const line of walkLines(computed)) {
    const unit = line.unit;
    if (typeof unit !== 'string' || !/^[A-Za-z]+$/.test(unit)) continue;
    if ((UNIT_CODES as readonly string[]).includes(unit)) continue;
    const lower = unit.toLowerCase();
    const scored = UNIT_CODES.map((code) => ({ code, d: distance(lower, code.toLowerCase()) })).sort(
      (a, b) => a.d - b.d,
    );
    const best = scored[0]!;
    if (best.d > Math.min(2, Math.floor(best.code.length / 3))) continue;
    out.push({
      severity: 'warning',
      path: [...line.path, 'unit'],
      key: 'budget.unitCode',
      params: {
        unit,
        hint: best.code,
        nameRu: loadLabels('2015-413', 'ru').t(`unit.${best.code}`),
        nameKk: loadLabels('2015-413', 'kk').t(`unit.${best.code}`),
      },
    });
  }
  return out;
}

/** Every problem of the estimate, in a stable order. Amounts in the parameters are exact decimal strings. */
export function checkEstimate(app: EstimateSource, computed: ComputedEstimate): Diagnostic[] {
  return [
    ...declaredTotals(computed),
    ...negativeGrants(computed),
    ...grantLimits(app.estimate, computed),
    ...calendarAgreement(app.project.calendar, computed),
    ...doubleCounts(computed),
    ...unitCodes(computed),
  ];
}
