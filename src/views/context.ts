/** What the view builders need to turn the model into printable strings of one language. */

import type { Amount } from '../i18n/amount.ts';
import {
  type DateStyle,
  formatAmount,
  formatDate,
  formatProjectCost,
  formatQuantity,
  labourCount,
  monthHeader,
  unitName,
  yearsOfService,
} from '../i18n/format.ts';
import type { LabelKey, LabelParams, Labels } from '../i18n/labels.ts';
import type { ProjectCost } from '../model/annex3.ts';
import type { Unit } from '../model/annex5.ts';
import type { Lang, LocalizedText, RichText } from '../model/common.ts';
import { pickText } from './language.ts';
import { type RichView, richView } from './rich.ts';

export interface ViewContext {
  lang: Lang;
  label(key: string, params?: Record<string, unknown>): string;
  text(t: LocalizedText | undefined | null): string;
  rich(t: RichText | undefined | null): RichView;
  date(iso: string, style?: DateStyle): string;
  /** An exact amount of tenge, grouped: «5 930 720». */
  amount(v: Amount): string;
  quantity(v: Amount): string;
  unit(u: Unit): string;
  projectCost(c: ProjectCost): string;
  yearsOfService(n: number): string;
  monthHeader(n: number): string;
  /** «6 сотрудников» / «6 қызметкер». */
  labourCount(kind: 'staff' | 'specialists' | 'volunteers', n: number): string;
}

/** The context of one language, with the user's label overrides applied through `labels`. */
export function createViewContext(labels: Labels): ViewContext {
  const lang = labels.lang;
  return {
    lang,
    label: (key, params) => labels.t(key as LabelKey, params as LabelParams),
    text: (t) => pickText(t, lang),
    rich: (t) => richView(t, lang),
    date: (iso, style = 'numeric') => formatDate(iso, lang, style),
    amount: (v) => formatAmount(v),
    quantity: (v) => formatQuantity(v),
    unit: (u) => unitName(u, labels, { fallback: true }) ?? '',
    projectCost: (c) => formatProjectCost(c, labels),
    yearsOfService: (n) => yearsOfService(n, labels),
    monthHeader: (n) => monthHeader(n, labels),
    labourCount: (kind, n) => labourCount(kind, n, labels),
  };
}
