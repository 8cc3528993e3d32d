/**
 * Building blocks shared by every annex: localized text, rich text, dates, money.
 *
 * Custom messages in this model are message keys (for example `bin.checksum`), not prose: the validation
 * report translates them into the user's language (see src/validation/messages.ts).
 */
import { z } from 'zod';

export const LANGUAGES = ['ru', 'kk'] as const;
export type Lang = (typeof LANGUAGES)[number];

/**
 * Control characters other than tab and line feed never belong in a document; nor do noncharacters (U+FFFE…) and
 * halves of surrogate pairs, which XML (the DOCX) cannot hold at all.
 */
export const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\p{Cs}\p{Noncharacter_Code_Point}]/u;

export const plainString = z
  .string({ error: 'expected:string' })
  // A line break typed on Windows (CRLF, "\r\n") or an old Mac (CR) is a line break like LF.
  .overwrite((s) => (s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s))
  .check((ctx) => {
    const m = CONTROL_CHARS.exec(ctx.value);
    if (!m) return;
    const code = `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    ctx.issues.push({
      code: 'custom',
      message: 'text.control',
      input: ctx.value,
      // Position in characters as a person counts them (1-based, a surrogate pair is one).
      params: { char: code, at: [...ctx.value.slice(0, m.index)].length + 1 },
    });
  });

/** Text that is the same in every language, or given per language. */
export const localizedText = z
  .union(
    [
      plainString,
      z
        .strictObject({ ru: plainString.optional(), kk: plainString.optional() })
        .refine((t) => t.ru !== undefined || t.kk !== undefined, { message: 'text.noLanguage' }),
    ],
    { error: 'expected:text' },
  )
  .meta({ id: 'Text', description: 'Text: a string (the same in every language) or { "ru": "…", "kk": "…" }' });
export type LocalizedText = z.infer<typeof localizedText>;

/**
 * Rich text: one text (line breaks kept), or a list of blocks. A block is a paragraph (a text)
 * or a list: `{ "ul": [ … ] }` bulleted, `{ "ol": [ … ] }` numbered.
 */
export const richBlock = z
  .union(
    [localizedText, z.strictObject({ ul: z.array(localizedText) }), z.strictObject({ ol: z.array(localizedText) })],
    { error: 'expected:block' },
  )
  .meta({
    id: 'RichBlock',
    description: 'A paragraph (text) or a list: { "ul": [ … ] } bulleted, { "ol": [ … ] } numbered',
  });
export type RichBlock = z.infer<typeof richBlock>;
export const richText = z
  .union([localizedText, z.array(richBlock)], { error: 'expected:richText' })
  .meta({ id: 'RichText', description: 'A text, or a list of paragraphs and lists' });
export type RichText = z.infer<typeof richText>;

/** A row the form allows to be «Не применимо» / «Қолданылмайды». */
export const notApplicable = z
  .strictObject({ notApplicable: z.literal(true) })
  .meta({ id: 'NotApplicable', description: 'Printed as «Не применимо» / «Қолданылмайды»' });
export type NotApplicable = z.infer<typeof notApplicable>;
export const orNotApplicable = <T extends z.ZodType>(schema: T) =>
  z.union([notApplicable, schema], { error: 'expected:orNotApplicable' });
export const isNotApplicable = (v: unknown): v is NotApplicable =>
  typeof v === 'object' && v !== null && (v as { notApplicable?: unknown }).notApplicable === true;

/** Calendar date in ISO form, YYYY-MM-DD, that exists. */
export const isoDate = z
  .string({ error: 'expected:date' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date.format' })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
    },
    { message: 'date.invalid' },
  );

/** Count of decimals of a JSON number as written (1e-7 style included). */
export function decimalPlaces(n: number): number {
  if (!Number.isFinite(n)) return Infinity;
  const s = n.toString();
  const m = /^-?\d*(?:\.(\d+))?(?:e([+-]\d+))?$/i.exec(s);
  if (!m) return Infinity;
  const frac = m[1]?.length ?? 0;
  const exp = m[2] ? Number(m[2]) : 0;
  return Math.max(0, frac - exp);
}

export const MAX_MONEY = 1_000_000_000_000; // 1 trillion tenge: far above any grant
export const MAX_QUANTITY = 1_000_000_000;

/** Amount of money in tenge: ≥ 0, at most two decimals. */
export const money = z
  .number({ error: 'expected:number' })
  .min(0)
  .max(MAX_MONEY)
  .refine((n) => decimalPlaces(n) <= 2, { message: 'money.decimals' });

/** A quantity: > 0, at most three decimals. */
export const quantity = z
  .number({ error: 'expected:number' })
  .gt(0)
  .max(MAX_QUANTITY)
  .refine((n) => decimalPlaces(n) <= 3, { message: 'quantity.decimals' });

export const count = z.number({ error: 'expected:number' }).int().min(0).max(100_000_000);

export const email = z
  .string({ error: 'expected:string' })
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: 'email.format' });
export const phone = z.string({ error: 'expected:string' }).regex(/^[0-9+()\-/ ]{5,30}$/, { message: 'phone.format' });
