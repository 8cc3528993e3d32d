/**
 * What a reader expects to see on each annex, in the order of the official form: the fixed labels (taken from
 * the label catalogues by key) and, where the form prints them between labels, the sample's own words (estimate
 * line names, units). Built from the raw sample JSON, never from the code that renders it.
 */
import type { Lang } from '../../src/model/common.ts';
import { catalogue, type Json, labelText, pluralLabel, textOf } from './rendered.ts';

export interface Expected {
  /** Catalogue key of a fixed label; absent for the application's own text. */
  key?: string;
  text: string;
  /**
   * A label inside a table row that may break across pages: the PDF draws the rest of every cell of such a row
   * after the page break, so only its count (not its order) can be read back from the PDF.
   */
  inRow?: boolean;
}

export type AnnexNo = 2 | 3 | 4 | 5;

const isNa = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && (v as { notApplicable?: unknown }).notApplicable === true;

const ADMIN_ARTICLES = [
  'salaries',
  'socialTax',
  'medicalInsurance',
  'bankServices',
  'communication',
  'utilities',
  'rent',
  'consumables',
  'other',
];

export function formSequence(
  annex: AnnexNo,
  json: Json,
  lang: Lang,
  opts: { rulesReference?: boolean } = {},
): Expected[] {
  const out: Expected[] = [];
  const L = (key: string, params?: Record<string, string | number>, inRow?: boolean) =>
    out.push({ key, text: labelText(lang, key, params), ...(inRow ? { inRow } : {}) });
  const plural = (key: string, n: number) => {
    const variant = `${key}.${new Intl.PluralRules('ru').select(n)}`;
    out.push({ key: variant, text: pluralLabel(lang, key, n) });
  };
  const data = (text: string) => out.push({ text });

  L(opts.rulesReference ? 'common.annexToRules' : 'common.annex', { n: annex });
  L('common.form');
  L(`annex${annex}.title`);

  if (annex === 2) {
    const a = json.applicant;
    const person = (p: Json) => {
      if (p.position) L('annex2.contact.position');
      if (p.phones?.length) L('annex2.contact.phone');
      if (p.email) L('annex2.contact.email');
    };
    for (const c of ['no', 'name', 'info']) L(`annex2.col.${c}`);
    L('annex2.row.name');
    L('annex2.row.registration');
    L('annex2.registration.first');
    if (a.registration.reregistration) L('annex2.registration.reregistration');
    if (a.registration.amendments) L('annex2.registration.amendments');
    L('annex2.row.bin');
    L('annex2.row.address');
    if (a.email) L('annex2.contact.email');
    if (a.phones?.length) L('annex2.contact.phone');
    if (a.website) L('annex2.contact.website');
    L('annex2.row.targetGroup');
    if (isNa(a.targetGroupInfo)) L('common.notApplicable');
    L('annex2.row.head');
    person(a.head);
    L('annex2.row.chiefAccountant');
    if (isNa(a.chiefAccountant)) L('common.notApplicable');
    else person(a.chiefAccountant);
    L('annex2.row.labour');
    for (const kind of ['staff', 'specialists', 'volunteers']) {
      L(`annex2.row.labour.${kind}`);
      const v = a.labour[kind];
      if (isNa(v)) L('common.notApplicable');
      else plural(`annex2.labour.${kind}`, v);
    }
  }

  if (annex === 3) {
    const cap = json.capacity;
    const experienceTable = (rows: Json[]) => {
      for (const c of ['period', 'title', 'customer', 'cost', 'results']) L(`annex3.experience.col.${c}`);
      for (const r of rows) {
        const { currency = 'KZT', scale = 'units', amount } = r.cost;
        if (scale !== 'units') L(`currency.${currency}.${scale}`);
        else if (catalogue(lang)[`currency.${currency}.one`]) plural(`currency.${currency}`, amount);
        else L(`currency.${currency}`);
      }
    };
    L('annex3.section1');
    L('annex3.section2');
    L('annex3.section2.instruction');
    experienceTable(cap.experience);
    L('annex3.section3');
    L('annex3.section3.instruction');
    L('annex3.section4');
    for (const c of ['fullName', 'position', 'experience', 'yearsOfService', 'duties']) L(`annex3.team.col.${c}`);
    for (const m of cap.team) plural('annex3.yearsOfService', m.yearsOfService);
    L('annex3.section5');
    L('annex3.section5.instruction');
    experienceTable(cap.regionalExperience);
  }

  if (annex === 4) {
    const p = json.project;
    L('annex4.section1');
    for (const k of ['goal', 'tasks', 'activities', 'coverage', 'targetGroups', 'expectedResults'])
      L(`annex4.basics.${k}`);
    L('annex4.section2');
    for (const k of ['situation', 'statistics', 'needsAssessment']) L(`annex4.justification.${k}`);
    L('annex4.section3');
    L('annex4.section3.instruction');
    for (const k of ['group', 'number', 'age', 'benefit']) L(`annex4.targetGroups.col.${k}`);
    L('annex4.section4');
    L('annex4.section4.instruction');
    for (const k of ['name', 'participation']) L(`annex4.partners.col.${k}`);
    L('annex4.section5');
    for (const k of ['group', 'measurement']) L(`annex4.feedback.col.${k}`);
    L('annex4.section6');
    L('annex4.monitoring.goal');
    for (const k of ['task', 'activities', 'results', 'indicators', 'periodicity']) L(`annex4.monitoring.col.${k}`);
    for (const _ of p.monitoring.rows) {
      L('annex4.monitoring.result.shortTerm', {}, true);
      L('annex4.monitoring.result.longTerm', {}, true);
      L('annex4.monitoring.indicator.shortTerm', {}, true);
      L('annex4.monitoring.indicator.longTerm', {}, true);
    }
    L('annex4.section7');
    const months: number = p.calendar.durationMonths;
    for (let from = 1; from <= months; from += 12) {
      const to = Math.min(from + 11, months);
      if (months > 12) L('calendar.year', { n: (from - 1) / 12 + 1, from, to });
      L('calendar.activity');
      for (let m = from; m <= to; m++) L('calendar.month', { n: m });
      for (const a of p.calendar.activities) {
        data(textOf(a.title, lang));
        for (const m of a.months as number[]) if (m >= from && m <= to) L('calendar.mark');
      }
    }
    L('annex4.section8');
    for (const k of ['risk', 'mitigation']) L(`annex4.risks.col.${k}`);
    L('annex4.section9');
    for (const k of ['product', 'quantity', 'channels', 'frequency']) L(`annex4.media.col.${k}`);
    L('annex4.section10');
    for (const k of ['continuation', 'organizationRole']) L(`annex4.sustainability.${k}`);
  }

  if (annex === 5) {
    const e = json.estimate;
    const unit = (u: unknown) => {
      if (typeof u === 'string' && catalogue(lang)[`unit.${u}`]) L(`unit.${u}`);
      else data(textOf(u, lang));
    };
    const lines = (group: Json | undefined) => {
      for (const line of group?.lines ?? []) {
        if (line.name !== undefined) data(textOf(line.name, lang));
        unit(line.unit);
      }
    };
    /** A fixed row of the form: its short label (without the form's instruction) once it holds figures. */
    const slot = (key: string, group: Json | undefined) => {
      const filled = (group?.lines?.length ?? 0) > 0;
      L(filled && catalogue(lang)[`${key}.short`] ? `${key}.short` : key);
      lines(group);
    };
    for (const c of ['no', 'article', 'unit', 'quantity', 'price', 'total', 'sources', 'own', 'cofinancing', 'grant'])
      L(`annex5.col.${c}`);
    L('annex5.section.administrative');
    for (const art of ADMIN_ARTICLES) {
      L(`annex5.article.${art}`);
      lines(e.administrative?.[art]);
    }
    for (const x of e.administrative?.extra ?? []) {
      data(textOf(x.title, lang));
      lines(x);
    }
    L('annex5.section.material');
    lines(e.material);
    L('annex5.section.direct');
    (e.direct?.activities ?? []).forEach((act: Json, i: number) => {
      const planned = json.project.calendar.activities.find((a: Json) => a.id === act.activity);
      L('annex5.activity', { n: i + 1, title: textOf(act.title ?? planned.title, lang) });
      const travel = act.travel ?? {};
      if (travel.destination) L('annex5.travelTo', { destination: textOf(travel.destination, lang) });
      else L('annex5.travel');
      for (const s of ['perDiem', 'accommodation', 'transport']) slot(`annex5.travel.${s}`, travel[s]);
      L('annex5.handouts');
      lines(act.handouts);
      L('annex5.services');
      slot('annex5.services.individuals', act.services?.individuals);
      slot('annex5.services.legalEntities', act.services?.legalEntities);
      L('annex5.hospitality');
      for (const s of ['coffeeBreak', 'lunch', 'hallRent']) slot(`annex5.hospitality.${s}`, act.hospitality?.[s]);
      lines(act.hospitality?.other);
      for (const x of act.extra ?? []) {
        data(textOf(x.title, lang));
        lines(x);
      }
    });
    L('annex5.total');
    L('annex5.footnote');
  }
  return out;
}

/** Label keys no document body prints, with the reason. */
export const NEVER_PRINTED: Record<string, string> = {
  'common.rules': 'not used by the 2015-413 templates',
  'common.page': 'the page footer prints the number only',
  'common.documentSubject': 'document metadata (title), checked with the metadata',
  // The estimate workbook and the change report are not annexes: tests/spreadsheet-*.test.ts and
  // tests/compare-*.test.ts check where these labels go.
  ...Object.fromEntries(
    Object.keys(catalogue('ru'))
      .filter((k) => k.startsWith('annex5.sheet.') || k.startsWith('annex5.diff.'))
      .map((k) => [k, k.startsWith('annex5.sheet.') ? 'the estimate workbook' : 'the estimate change report']),
  ),
  // The estimate's short row names and the totals table: printed by `annexes totals` and in messages.
  'annex5.name.estimate': 'annexes totals',
  'annex5.name.administrative': 'annexes totals',
  'annex5.name.material': 'annexes totals',
  'annex5.name.direct': 'annexes totals',
  'annex5.name.salaries': 'annexes totals',
  'annex5.name.socialTax': 'annexes totals',
  'annex5.name.medicalInsurance': 'annexes totals',
  'annex5.name.bankServices': 'annexes totals',
  'annex5.name.communication': 'annexes totals',
  'annex5.name.utilities': 'annexes totals',
  'annex5.name.rent': 'annexes totals',
  'annex5.name.consumables': 'annexes totals',
  'annex5.name.other': 'annexes totals',
  'annex5.name.travel': 'annexes totals',
  'annex5.name.perDiem': 'annexes totals',
  'annex5.name.accommodation': 'annexes totals',
  'annex5.name.transport': 'annexes totals',
  'annex5.name.handouts': 'annexes totals',
  'annex5.name.services': 'annexes totals',
  'annex5.name.individuals': 'annexes totals',
  'annex5.name.legalEntities': 'annexes totals',
  'annex5.name.hospitality': 'annexes totals',
  'annex5.name.coffeeBreak': 'annexes totals',
  'annex5.name.lunch': 'annexes totals',
  'annex5.name.hallRent': 'annexes totals',
  'annex5.name.hospitality.other': 'annexes totals',
  'annex5.totals.col.no': 'annexes totals',
  'annex5.totals.col.article': 'annexes totals',
  'annex5.totals.col.total': 'annexes totals',
  'annex5.totals.col.own': 'annexes totals',
  'annex5.totals.col.cofinancing': 'annexes totals',
  'annex5.totals.col.grant': 'annexes totals',
  'annex5.totals.col.grantShare': 'annexes totals',
  'annex5.totals.activity': 'annexes totals',
};
