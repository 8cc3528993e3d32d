/**
 * The sections of the forms in their order and numbering (Annex 2 rows 1–8, Annex 3 sections 1–5, Annex 4
 * sections 1–10, Annex 5), each with its fields labelled by the forms' own labels.
 */
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { CalendarField } from './calendar.ts';
import { EstimateGrid } from './estimate.ts';
import {
  NotApplicableField,
  NumberField,
  PlainField,
  RichField,
  RowsField,
  SelectField,
  StringListField,
  TextField,
  TextListField,
} from './fields.ts';
import { label } from './labels.ts';
import type { Path } from './paths.ts';
import { state } from './store.ts';
import { say } from './texts.ts';

export interface SectionDef {
  id: string;
  annex: 2 | 3 | 4 | 5;
  /** The form's heading (with its number). */
  title: () => string;
  render: () => VNode;
}

const L = (key: string, params?: Record<string, string | number>) => label(state.uiLang, key, params);
const S = (key: Parameters<typeof say>[1]) => say(state.uiLang, key);

const contact = (path: Path, withPosition: boolean) => html`
  <${TextField} path=${[...path, 'fullName']} label=${L('annex3.team.col.fullName')} />
  ${withPosition ? html`<${TextField} path=${[...path, 'position']} label=${L('annex2.contact.position')} optional />` : null}
  <${StringListField} path=${[...path, 'phones']} label=${L('annex2.contact.phone')} />
  <${PlainField} path=${[...path, 'email']} label=${L('annex2.contact.email')} optional type="email" />`;

const numbered = (n: number, text: string) => `${n}. ${text}`;

function annex2(): VNode {
  const a = ['applicant'];
  const labour = (
    k: string,
  ) => html`<${NotApplicableField} path=${[...a, 'labour', k]} label=${L(`annex2.row.labour.${k}`)}
    make=${() => 0} children=${(p: Path) => html`<${NumberField} path=${p} integer />`} />`;
  return html`<div class="rows-of-form">
    <h3>${numbered(1, L('annex2.row.name'))}</h3>
    <${TextField} path=${[...a, 'name']} multiline />
    <h3>${numbered(2, L('annex2.row.registration'))}</h3>
    <${PlainField} path=${[...a, 'registration', 'first']} label=${L('annex2.registration.first')} type="date" />
    <${PlainField} path=${[...a, 'registration', 'reregistration']} label=${L('annex2.registration.reregistration')} type="date" optional />
    <${PlainField} path=${[...a, 'registration', 'amendments']} label=${L('annex2.registration.amendments')} type="date" optional />
    <h3>${numbered(3, L('annex2.row.bin'))}</h3>
    <${PlainField} path=${[...a, 'bin']} placeholder="000000000000" />
    <h3>${numbered(4, L('annex2.row.address'))}</h3>
    <${TextField} path=${[...a, 'address']} />
    <${PlainField} path=${[...a, 'email']} label=${L('annex2.contact.email')} optional type="email" />
    <${StringListField} path=${[...a, 'phones']} label=${L('annex2.contact.phone')} />
    <${PlainField} path=${[...a, 'website']} label=${L('annex2.contact.website')} optional />
    <h3>${numbered(5, L('annex2.row.targetGroup'))}</h3>
    <${NotApplicableField} path=${[...a, 'targetGroupInfo']} make=${() => ''}
      children=${(p: Path) => html`<${RichField} path=${p} />`} />
    <h3>${numbered(6, L('annex2.row.head'))}</h3>
    ${contact([...a, 'head'], true)}
    <h3>${numbered(7, L('annex2.row.chiefAccountant'))}</h3>
    <${NotApplicableField} path=${[...a, 'chiefAccountant']} make=${() => ({ fullName: '', phones: [] })}
      children=${(p: Path) => contact(p, true)} />
    <h3>${numbered(8, L('annex2.row.labour'))}</h3>
    ${labour('staff')}${labour('specialists')}${labour('volunteers')}
  </div>`;
}

const experienceRow = (p: Path) => html`
  <${TextField} path=${[...p, 'period']} label=${L('annex3.experience.col.period')} />
  <${TextField} path=${[...p, 'title']} label=${L('annex3.experience.col.title')} multiline />
  <${RichField} path=${[...p, 'description']} label=${S('description')} optional />
  <${TextField} path=${[...p, 'customer']} label=${L('annex3.experience.col.customer')} />
  <${TextField} path=${[...p, 'geography']} label=${S('geography')} optional />
  <div class="inline-fields">
    <${NumberField} path=${[...p, 'cost', 'amount']} label=${`${L('annex3.experience.col.cost')}: ${S('amount')}`} />
    <${SelectField} path=${[...p, 'cost', 'currency']} label=${S('currency')}
      options=${['KZT', 'EUR', 'USD', 'RUB'].map((c) => [c, c])} />
    <${SelectField} path=${[...p, 'cost', 'scale']} label=${S('scale')}
      options=${[['units', S('scaleUnits')], ['thousands', S('scaleThousands')], ['millions', S('scaleMillions')]]} />
  </div>
  <${RichField} path=${[...p, 'results']} label=${L('annex3.experience.col.results')} />`;
const newExperience = () => ({
  period: '',
  title: '',
  customer: '',
  cost: { amount: 0, currency: 'KZT', scale: 'units' },
  results: '',
});

const instruction = (key: string) => html`<p class="instruction">${L(key)}</p>`;

const ANNEX3: Record<string, () => VNode> = {
  1: () => html`<${RichField} path=${['capacity', 'charterFit']} />`,
  2: () => html`${instruction('annex3.section2.instruction')}
    <${RowsField} path=${['capacity', 'experience']} make=${newExperience} row=${experienceRow} />`,
  3: () => html`${instruction('annex3.section3.instruction')}<${RichField} path=${['capacity', 'materialBase']} />`,
  4: () => html`<${RowsField} path=${['capacity', 'team']}
    make=${() => ({ fullName: '', position: '', experience: [], yearsOfService: 0, duties: '' })}
    row=${(p: Path) => html`
      <${TextField} path=${[...p, 'fullName']} label=${L('annex3.team.col.fullName')} />
      <${TextField} path=${[...p, 'position']} label=${L('annex3.team.col.position')} />
      <${RowsField} path=${[...p, 'experience']} label=${L('annex3.team.col.experience')}
        make=${() => ({ project: '' })}
        row=${(q: Path) => html`
          <${TextField} path=${[...q, 'project']} label=${S('project')} />
          <${TextField} path=${[...q, 'customer']} label=${S('customer')} optional />
          <${RichField} path=${[...q, 'description']} label=${S('description')} optional />
          <${TextField} path=${[...q, 'period']} label=${S('period')} optional />
          <${TextField} path=${[...q, 'role']} label=${S('role')} optional />`} />
      <${NumberField} path=${[...p, 'yearsOfService']} label=${L('annex3.team.col.yearsOfService')} integer />
      <${RichField} path=${[...p, 'duties']} label=${L('annex3.team.col.duties')} />`} />`,
  5: () => html`${instruction('annex3.section5.instruction')}
    <${RowsField} path=${['capacity', 'regionalExperience']} make=${newExperience} row=${experienceRow} />`,
};

/** A table of Annex 4 whose cells are all rich text. */
const richRows = (path: Path, columns: [string, string][]) => html`<${RowsField} path=${path}
  make=${() => Object.fromEntries(columns.map(([k]) => [k, '']))}
  row=${(p: Path) => columns.map(([k, key]) => html`<${RichField} path=${[...p, k]} label=${L(key)} />`)} />`;

const ANNEX4: Record<string, () => VNode> = {
  1: () => {
    const b = ['project', 'basics'];
    return html`<${TextField} path=${['project', 'title']} label=${S('projectTitle')} multiline />
      <${RichField} path=${[...b, 'goal']} label=${L('annex4.basics.goal')} />
      <${TextListField} path=${[...b, 'tasks']} label=${L('annex4.basics.tasks')} />
      <${RichField} path=${[...b, 'activities']} label=${L('annex4.basics.activities')} />
      <${RichField} path=${[...b, 'coverage']} label=${L('annex4.basics.coverage')} />
      <${RichField} path=${[...b, 'targetGroups']} label=${L('annex4.basics.targetGroups')} />
      <${RichField} path=${[...b, 'expectedResults']} label=${L('annex4.basics.expectedResults')} />`;
  },
  2: () => {
    const j = ['project', 'justification'];
    return html`<${RichField} path=${[...j, 'situation']} label=${L('annex4.justification.situation')} />
      <${RichField} path=${[...j, 'statistics']} label=${L('annex4.justification.statistics')} />
      <${RichField} path=${[...j, 'needsAssessment']} label=${L('annex4.justification.needsAssessment')} />`;
  },
  3: () => html`${instruction('annex4.section3.instruction')}<${RowsField} path=${['project', 'targetGroups']}
    make=${() => ({ group: '', number: '', age: '', benefit: '' })}
    row=${(p: Path) => html`
      <${RichField} path=${[...p, 'group']} label=${L('annex4.targetGroups.col.group')} />
      <${RichField} path=${[...p, 'number']} label=${L('annex4.targetGroups.col.number')} />
      <${TextField} path=${[...p, 'age']} label=${L('annex4.targetGroups.col.age')} />
      <${RichField} path=${[...p, 'benefit']} label=${L('annex4.targetGroups.col.benefit')} />`} />`,
  4: () =>
    html`${instruction('annex4.section4.instruction')}${richRows(
      ['project', 'partners'],
      [
        ['name', 'annex4.partners.col.name'],
        ['participation', 'annex4.partners.col.participation'],
      ],
    )}`,
  5: () =>
    richRows(
      ['project', 'feedback'],
      [
        ['group', 'annex4.feedback.col.group'],
        ['measurement', 'annex4.feedback.col.measurement'],
      ],
    ),
  6: () => {
    const m = ['project', 'monitoring'];
    const shortLong = (p: Path, key: string) => html`<div class="inline-fields">
      <${RichField} path=${[...p, 'shortTerm']} label=${`${L(`annex4.monitoring.col.${key}`)}: ${L(`annex4.monitoring.${key === 'results' ? 'result' : 'indicator'}.shortTerm`)}`} />
      <${RichField} path=${[...p, 'longTerm']} label=${L(`annex4.monitoring.${key === 'results' ? 'result' : 'indicator'}.longTerm`)} />
    </div>`;
    return html`<${RichField} path=${[...m, 'goal']} label=${L('annex4.monitoring.goal')} />
      <${RowsField} path=${[...m, 'rows']}
        make=${() => ({ task: '', activities: '', results: { shortTerm: '', longTerm: '' }, indicators: { shortTerm: '', longTerm: '' }, periodicity: '' })}
        row=${(p: Path) => html`
          <${RichField} path=${[...p, 'task']} label=${L('annex4.monitoring.col.task')} />
          <${RichField} path=${[...p, 'activities']} label=${L('annex4.monitoring.col.activities')} />
          ${shortLong([...p, 'results'], 'results')}
          ${shortLong([...p, 'indicators'], 'indicators')}
          <${RichField} path=${[...p, 'periodicity']} label=${L('annex4.monitoring.col.periodicity')} />`} />`;
  },
  7: () => html`<${CalendarField} />`,
  8: () =>
    richRows(
      ['project', 'risks'],
      [
        ['risk', 'annex4.risks.col.risk'],
        ['mitigation', 'annex4.risks.col.mitigation'],
      ],
    ),
  9: () =>
    richRows(
      ['project', 'media'],
      [
        ['product', 'annex4.media.col.product'],
        ['quantity', 'annex4.media.col.quantity'],
        ['channels', 'annex4.media.col.channels'],
        ['frequency', 'annex4.media.col.frequency'],
      ],
    ),
  10: () => {
    const s = ['project', 'sustainability'];
    return html`<${RichField} path=${[...s, 'continuation']} label=${L('annex4.sustainability.continuation')} />
      <${RichField} path=${[...s, 'organizationRole']} label=${L('annex4.sustainability.organizationRole')} />`;
  },
};

export const SECTIONS: SectionDef[] = [
  { id: 'a2', annex: 2, title: () => L('annex2.title'), render: annex2 },
  ...Object.keys(ANNEX3).map(
    (n): SectionDef => ({
      id: `a3.${n}`,
      annex: 3,
      title: () => L(`annex3.section${n}`),
      render: ANNEX3[n] as () => VNode,
    }),
  ),
  ...Object.keys(ANNEX4)
    .sort((x, y) => Number(x) - Number(y))
    .map(
      (n): SectionDef => ({
        id: `a4.${n}`,
        annex: 4,
        title: () => L(`annex4.section${n}`),
        render: ANNEX4[n] as () => VNode,
      }),
    ),
  { id: 'a5', annex: 5, title: () => L('annex5.title'), render: () => html`<${EstimateGrid} />` },
];

/** The section that shows the field at `path`. */
export function sectionOf(path: Path): string {
  const [top, key] = path;
  if (top === 'capacity') {
    const i = ['charterFit', 'experience', 'materialBase', 'team', 'regionalExperience'].indexOf(String(key));
    return `a3.${i < 0 ? 1 : i + 1}`;
  }
  if (top === 'project') {
    const order = [
      'basics',
      'justification',
      'targetGroups',
      'partners',
      'feedback',
      'monitoring',
      'calendar',
      'risks',
      'media',
      'sustainability',
    ];
    const i = order.indexOf(String(key));
    return `a4.${i < 0 ? 1 : i + 1}`;
  }
  if (top === 'estimate') return 'a5';
  return 'a2';
}
