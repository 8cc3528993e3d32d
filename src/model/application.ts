/** The whole application: Annexes 2–5 in one file. */
import { z } from 'zod';
import { applicant } from './annex2.ts';
import { capacity } from './annex3.ts';
import { project } from './annex4.ts';
import { estimate } from './annex5.ts';

export const EDITIONS = ['2015-413'] as const;

export const application = z.strictObject({
  /** Where editors find the JSON Schema. */
  $schema: z.string().optional(),
  /** Edition of the grant Rules whose forms are used. */
  edition: z.enum(EDITIONS).default('2015-413'),
  applicant,
  capacity,
  project,
  estimate,
});
export type Application = z.infer<typeof application>;
/** What a person writes (defaults not yet applied). */
export type ApplicationInput = z.input<typeof application>;
