/** The whole application: Annexes 2–5 in one file. */
import { z } from 'zod';
import { DEFAULT_EDITION, EDITIONS } from '../templates/editions.ts';
import { applicant } from './annex2.ts';
import { capacity } from './annex3.ts';
import { project } from './annex4.ts';
import { estimate } from './annex5.ts';
import { LANGUAGES } from './common.ts';

export { EDITIONS } from '../templates/editions.ts';

export const application = z.strictObject({
  /** Where editors find the JSON Schema. */
  $schema: z.string().optional(),
  /** Edition of the grant Rules whose forms are used. */
  edition: z.enum(EDITIONS).default(DEFAULT_EDITION),
  /**
   * The languages the application is filed in: `build` without --lang makes these, `validate` requires every
   * text in each of them. Absent: both.
   */
  languages: z
    .array(z.enum(LANGUAGES))
    .min(1)
    .refine((l) => new Set(l).size === l.length, { message: 'languages.duplicate' })
    .optional(),
  applicant,
  capacity,
  project,
  estimate,
});
export type Application = z.infer<typeof application>;
/** What a person writes (defaults not yet applied). */
export type ApplicationInput = z.input<typeof application>;
