/** View model of Annex 4 (project content), with the calendar plan as grids of at most 12 months. */
import type { Application } from '../model/application.ts';
import type { ViewContext } from './context.ts';

const MONTHS_PER_GRID = 12;

/** Share of the page width the activity column takes, %, when the months leave it room. */
const ACTIVITY_PERCENT = 28;
/**
 * The narrowest a month column may be, % of the page width: on a landscape page it leaves «Месяц 12» (9 pt bold,
 * 37.8 pt wide) about 1.3 pt to spare inside the cell's padding, so no month header wraps. A grid of 11 or 12
 * months takes the room from its activity column (20.8 % of the width with 12 months); a shorter grid, such as
 * the last year of an 18-month plan, keeps the activity column wide and its rows short.
 */
const MONTH_MIN_PERCENT = 6.6;

/** Relative column widths of a grid of `months` months: the activity column, then the months. */
function gridWidths(months: number): number[] {
  const month = Math.max(MONTH_MIN_PERCENT, (100 - ACTIVITY_PERCENT) / months);
  const round = (x: number) => Math.round(x * 100) / 100;
  return [round(100 - month * months), ...new Array<number>(months).fill(round(month))];
}

export function calendarGrids(app: Application, c: ViewContext) {
  const plan = app.project.calendar;
  const grids = [];
  for (let from = 1; from <= plan.durationMonths; from += MONTHS_PER_GRID) {
    const to = Math.min(from + MONTHS_PER_GRID - 1, plan.durationMonths);
    const months: number[] = [];
    for (let m = from; m <= to; m++) months.push(m);
    grids.push({
      // A project of more than 12 months gets one grid per year, each titled.
      title: plan.durationMonths > MONTHS_PER_GRID ? { year: grids.length + 1, from, to } : null,
      months: months.map((m) => c.monthHeader(m)),
      widths: gridWidths(months.length).join(','),
      rows: plan.activities.map((a) => {
        const active = new Set(a.months);
        return { title: c.text(a.title), cells: months.map((m) => ({ mark: active.has(m) })) };
      }),
    });
  }
  return grids;
}

/** «Месяц 10» does not fit a portrait column once a grid has more than 9 months: such plans go landscape. */
const PORTRAIT_MONTHS = 9;

export function annex4View(app: Application, c: ViewContext) {
  const p = app.project;
  return {
    calendarLandscape: Math.min(p.calendar.durationMonths, MONTHS_PER_GRID) > PORTRAIT_MONTHS,
    basics: {
      goal: c.rich(p.basics.goal),
      tasks: [{ ol: p.basics.tasks.map((t) => c.text(t)) }],
      activities: c.rich(p.basics.activities),
      coverage: c.rich(p.basics.coverage),
      targetGroups: c.rich(p.basics.targetGroups),
      expectedResults: c.rich(p.basics.expectedResults),
    },
    justification: {
      situation: c.rich(p.justification.situation),
      statistics: c.rich(p.justification.statistics),
      needsAssessment: c.rich(p.justification.needsAssessment),
    },
    targetGroups: p.targetGroups.map((g) => ({
      group: c.rich(g.group),
      number: c.rich(g.number),
      age: c.text(g.age),
      benefit: c.rich(g.benefit),
    })),
    partners: p.partners.map((x) => ({ name: c.rich(x.name), participation: c.rich(x.participation) })),
    feedback: p.feedback.map((x) => ({ group: c.rich(x.group), measurement: c.rich(x.measurement) })),
    monitoring: {
      goal: c.rich(p.monitoring.goal),
      rows: p.monitoring.rows.map((r) => ({
        task: c.rich(r.task),
        activities: c.rich(r.activities),
        results: { shortTerm: c.rich(r.results.shortTerm), longTerm: c.rich(r.results.longTerm) },
        indicators: { shortTerm: c.rich(r.indicators.shortTerm), longTerm: c.rich(r.indicators.longTerm) },
        periodicity: c.rich(r.periodicity),
      })),
    },
    calendar: calendarGrids(app, c),
    risks: p.risks.map((r) => ({ risk: c.rich(r.risk), mitigation: c.rich(r.mitigation) })),
    media: p.media.map((m) => ({
      product: c.rich(m.product),
      quantity: c.rich(m.quantity),
      channels: c.rich(m.channels),
      frequency: c.rich(m.frequency),
    })),
    sustainability: {
      continuation: c.rich(p.sustainability.continuation),
      organizationRole: c.rich(p.sustainability.organizationRole),
    },
  };
}
