/**
 * Annex 5: the estimate (Смета расходов). The shape mirrors the form's fixed rows: nine administrative
 * articles, material and technical provision, and per activity the fixed sub-groups of direct costs.
 * Every amount the documents print is computed from the lines (src/budget/); a group may record the
 * total printed on an existing paper estimate (`declaredTotal`) so that differences can be reported.
 */
import { z } from 'zod';
import { localizedText, money, plainString, quantity } from './common.ts';
import { ADMIN_ARTICLES, UNIT_CODES } from './estimate-form.ts';

export { ADMIN_ARTICLES, type AdminArticle, UNIT_CODES, type UnitCode } from './estimate-form.ts';
export const unit = z.union([z.enum(UNIT_CODES), localizedText], { error: 'expected:unit' });
export type Unit = z.infer<typeof unit>;

export const budgetLine = z
  .strictObject({
    /** What is bought. In a fixed row (per diem, coffee break…) with one line, the detail printed after the row's name. */
    name: localizedText.optional(),
    unit,
    quantity,
    /** Unit price in tenge. */
    price: money,
    /** Part of the line paid by the applicant; the grant pays the rest. */
    own: money.optional(),
    /** Part of the line paid by other co-financing sources. */
    cofinancing: money.optional(),
  })
  .meta({
    id: 'BudgetLine',
    description: 'A line of the estimate: quantity × price, funded by the grant unless own/cofinancing say otherwise',
  });
export type BudgetLine = z.infer<typeof budgetLine>;

const declaredTotal = money.optional();

export const lineGroup = z
  .strictObject({
    lines: z.array(budgetLine).default([]),
    declaredTotal,
  })
  .meta({
    id: 'LineGroup',
    description: 'Lines of one row of the form; declaredTotal: the total printed on a paper estimate, if any',
  });
export type LineGroup = z.infer<typeof lineGroup>;
const emptyGroup = () => ({ lines: [] as BudgetLine[] });

/** An article or sub-group beyond the fixed ones (the form's footnote allows them). */
export const extraGroup = z
  .strictObject({
    title: localizedText,
    lines: z.array(budgetLine).default([]),
    declaredTotal,
  })
  .meta({ id: 'ExtraGroup', description: 'An article or sub-group beyond the fixed ones' });
export type ExtraGroup = z.infer<typeof extraGroup>;

const group = lineGroup.default(emptyGroup);

export const administrative = z.strictObject({
  salaries: group,
  socialTax: group,
  medicalInsurance: group,
  bankServices: group,
  communication: group,
  utilities: group,
  rent: group,
  consumables: group,
  other: group,
  extra: z.array(extraGroup).default([]),
  declaredTotal,
});

export const directActivity = z.strictObject({
  /** Id of the activity in the calendar plan (Annex 4, section 7). */
  activity: plainString,
  /** Title in the estimate; the calendar plan's title when absent. */
  title: localizedText.optional(),
  declaredTotal,
  travel: z
    .strictObject({
      /** Where the trips go, printed after the group's name: «(в г. Актобе, Атырау, Жамбыл)». */
      destination: localizedText.optional(),
      perDiem: group,
      accommodation: group,
      transport: group,
      declaredTotal,
    })
    .default(() => ({ perDiem: emptyGroup(), accommodation: emptyGroup(), transport: emptyGroup() })),
  handouts: group,
  services: z
    .strictObject({ individuals: group, legalEntities: group, declaredTotal })
    .default(() => ({ individuals: emptyGroup(), legalEntities: emptyGroup() })),
  hospitality: z
    .strictObject({ coffeeBreak: group, lunch: group, hallRent: group, other: group, declaredTotal })
    .default(() => ({ coffeeBreak: emptyGroup(), lunch: emptyGroup(), hallRent: emptyGroup(), other: emptyGroup() })),
  extra: z.array(extraGroup).default([]),
});
export type DirectActivity = z.infer<typeof directActivity>;

export const estimate = z.strictObject({
  /** Grant amount of the call, if known: the grant column may not exceed it. */
  grantAmount: money.optional(),
  /** Largest share of the grant that material and technical provision may take, in percent. */
  materialShareLimitPercent: z.number({ error: 'expected:number' }).min(0).max(100).default(10),
  administrative: administrative.default(() => administrative.parse({})),
  material: group,
  direct: z
    .strictObject({ activities: z.array(directActivity).default([]), declaredTotal })
    .default(() => ({ activities: [] })),
  declaredTotal,
});
export type Estimate = z.infer<typeof estimate>;
