/**
 * The fixed structure of Annex 5 that code outside the model needs too (the estimate engine, the editor's page):
 * the unit codes and the nine administrative articles, in the form's order. Kept free of zod so that the page's
 * bundle does not carry the validation library.
 */

/** Units of the catalogue (names in the label catalogues); any other text is printed as written. */
export const UNIT_CODES = [
  'month',
  'piece',
  'service',
  'person',
  'personDay',
  'ticket',
  'printRun',
  'region',
  'bottle',
] as const;
export type UnitCode = (typeof UNIT_CODES)[number];

/** The administrative articles of the form, in its order (their numbers are their places here). */
export const ADMIN_ARTICLES = [
  'salaries',
  'socialTax',
  'medicalInsurance',
  'bankServices',
  'communication',
  'utilities',
  'rent',
  'consumables',
  'other',
] as const;
export type AdminArticle = (typeof ADMIN_ARTICLES)[number];
