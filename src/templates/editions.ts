/**
 * The editions of the forms: the one place that names them. Each edition is a folder `templates/<edition>/`
 * with the annex templates and the label catalogues that hold every fixed text of its forms (headings, column
 * headers, row names of the estimate, the headers of the totals table…).
 */
import kk2015 from '../../templates/2015-413/labels.kk.json' with { type: 'json' };
import ru2015 from '../../templates/2015-413/labels.ru.json' with { type: 'json' };

/** Edition id: the Rules' year and order number (order No. 413 of 2015, as worded in 2020–2021). */
export const EDITIONS = ['2015-413'] as const;
export type Edition = (typeof EDITIONS)[number];

/** The edition of an application that names none, and of the commands' label listings. */
export const DEFAULT_EDITION: Edition = EDITIONS[0];

/** The label catalogues of each edition, as stored (src/i18n/labels.ts parses and cross-checks them). */
export const LABEL_CATALOGUES: Record<Edition, { ru: unknown; kk: unknown }> = {
  [DEFAULT_EDITION]: { ru: ru2015, kk: kk2015 },
};
