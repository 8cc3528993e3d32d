/** Annex 4: the content of the proposed social project (Содержание…). */
import { z } from 'zod';
import { localizedText, plainString, richText } from './common.ts';

export const MAX_MONTHS = 36;

export const calendarActivity = z.strictObject({
  /** Identifier the estimate refers to (letters, digits, «-», «_»). */
  id: plainString.regex(/^[A-Za-z0-9_-]{1,40}$/, { message: 'id.format' }),
  title: localizedText,
  /** Months (1…duration) in which the activity runs. */
  months: z.array(z.number({ error: 'expected:number' }).int().min(1).max(MAX_MONTHS)).min(1),
  /**
   * false: the activity deliberately has no lines in the estimate (done by staff paid under
   * administrative costs); it then draws no «missing in the estimate» warning.
   */
  budgeted: z.boolean().default(true),
});
export type CalendarActivity = z.infer<typeof calendarActivity>;

export const calendarPlan = z
  .strictObject({
    durationMonths: z.number({ error: 'expected:number' }).int().min(1).max(MAX_MONTHS),
    activities: z.array(calendarActivity).default([]),
  })
  .superRefine((plan, ctx) => {
    const seen = new Set<string>();
    plan.activities.forEach((a, i) => {
      if (seen.has(a.id))
        ctx.addIssue({ code: 'custom', path: ['activities', i, 'id'], message: 'id.duplicate', params: { id: a.id } });
      seen.add(a.id);
      a.months.forEach((m, j) => {
        if (m > plan.durationMonths)
          ctx.addIssue({
            code: 'custom',
            path: ['activities', i, 'months', j],
            message: 'calendar.monthOutOfRange',
            params: { month: m, duration: plan.durationMonths },
          });
      });
    });
  });
export type CalendarPlan = z.infer<typeof calendarPlan>;

export const shortLong = z.strictObject({ shortTerm: richText, longTerm: richText });

export const project = z.strictObject({
  /**
   * Project title: the form has no place for it, so it is printed on no page; it goes into the documents'
   * metadata (title and subject of the DOCX and PDF files). Optional, and either language serves both.
   */
  title: localizedText.optional(),
  basics: z.strictObject({
    goal: richText,
    tasks: z.array(localizedText).min(1),
    activities: richText,
    coverage: richText,
    targetGroups: richText,
    expectedResults: richText,
  }),
  justification: z.strictObject({
    situation: richText,
    statistics: richText,
    needsAssessment: richText,
  }),
  targetGroups: z
    .array(
      z.strictObject({
        group: richText,
        /** The number as the form shows it: total and breakdown. */
        number: richText,
        age: localizedText,
        benefit: richText,
      }),
    )
    .default([]),
  partners: z.array(z.strictObject({ name: richText, participation: richText })).default([]),
  feedback: z.array(z.strictObject({ group: richText, measurement: richText })).default([]),
  monitoring: z.strictObject({
    goal: richText,
    rows: z
      .array(
        z.strictObject({
          task: richText,
          activities: richText,
          results: shortLong,
          indicators: shortLong,
          periodicity: richText,
        }),
      )
      .default([]),
  }),
  calendar: calendarPlan,
  risks: z.array(z.strictObject({ risk: richText, mitigation: richText })).default([]),
  media: z
    .array(z.strictObject({ product: richText, quantity: richText, channels: richText, frequency: richText }))
    .default([]),
  sustainability: z.strictObject({ continuation: richText, organizationRole: richText }),
});
export type Project = z.infer<typeof project>;
