/** Annex 2: the applicant questionnaire (Анкета заявителя). */
import { z } from 'zod';
import { count, email, isoDate, localizedText, orNotApplicable, phone, plainString, richText } from './common.ts';

/**
 * Business identification number: 12 digits, the last one a check digit computed with weights 1…11
 * (and 3…11,1,2 when the first pass gives 10), as for every Kazakh BIN/IIN.
 */
export function binChecksumOk(bin: string): boolean {
  if (!/^\d{12}$/.test(bin)) return false;
  const d = [...bin].map(Number);
  const pass = (weights: number[]) => weights.reduce((s, w, i) => s + w * (d[i] as number), 0) % 11;
  let c = pass([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  if (c === 10) c = pass([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
  return c !== 10 && c === d[11];
}

export const bin = z
  .string({ error: 'expected:string' })
  .regex(/^\d{12}$/, { message: 'bin.format' })
  .refine(binChecksumOk, { message: 'bin.checksum' });

export const contactPerson = z.strictObject({
  fullName: localizedText,
  position: localizedText.optional(),
  phones: z.array(phone).default([]),
  email: email.optional(),
});

export const applicant = z.strictObject({
  /** Name as in the state registration certificate. */
  name: localizedText,
  registration: z.strictObject({
    /** Date of the first state registration. */
    first: isoDate,
    /** Date of re-registration, if any. */
    reregistration: isoDate.optional(),
    /** Date of the last registered amendments and additions, if any. */
    amendments: isoDate.optional(),
  }),
  bin,
  address: localizedText,
  email: email.optional(),
  phones: z.array(phone).default([]),
  website: plainString.optional(),
  targetGroupInfo: orNotApplicable(richText),
  head: contactPerson,
  chiefAccountant: orNotApplicable(contactPerson),
  /** Labour resources; the total is computed from the three parts. */
  labour: z.strictObject({
    staff: orNotApplicable(count),
    specialists: orNotApplicable(count),
    volunteers: orNotApplicable(count),
  }),
});
export type Applicant = z.infer<typeof applicant>;
