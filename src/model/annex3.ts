/** Annex 3: the applicant's capacity (Сведения о потенциале заявителя). */
import { z } from 'zod';
import { localizedText, richText } from './common.ts';

/** Cost of a past project as it was written: amount, currency and scale («тыс. тг» is scale thousands). */
export const projectCost = z.strictObject({
  amount: z.number({ error: 'expected:number' }).min(0),
  currency: z.enum(['KZT', 'EUR', 'USD', 'RUB']).default('KZT'),
  scale: z.enum(['units', 'thousands', 'millions']).default('units'),
});
export type ProjectCost = z.infer<typeof projectCost>;

export const experienceRow = z
  .strictObject({
    /** As written: «2017 год», «2017–2020 гг.». */
    period: localizedText,
    title: localizedText,
    /** Short description of the main activity, printed under the title. */
    description: richText.optional(),
    customer: localizedText,
    geography: localizedText.optional(),
    cost: projectCost,
    results: richText,
  })
  .meta({ id: 'ExperienceRow' });
export type ExperienceRow = z.infer<typeof experienceRow>;

export const teamExperience = z.strictObject({
  project: localizedText,
  customer: localizedText.optional(),
  description: richText.optional(),
  period: localizedText.optional(),
  role: localizedText.optional(),
});

export const teamMember = z.strictObject({
  fullName: localizedText,
  position: localizedText,
  experience: z.array(teamExperience).default([]),
  yearsOfService: z.number({ error: 'expected:number' }).int().min(0).max(80),
  duties: richText,
});
export type TeamMember = z.infer<typeof teamMember>;

export const capacity = z.strictObject({
  charterFit: richText,
  experience: z.array(experienceRow).default([]),
  materialBase: richText,
  team: z.array(teamMember).default([]),
  /** Filled for grant themes of the local executive bodies' Plan; printed (with its header) even when empty. */
  regionalExperience: z.array(experienceRow).default([]),
});
export type Capacity = z.infer<typeof capacity>;
