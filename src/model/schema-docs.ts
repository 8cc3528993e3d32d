/**
 * Titles and descriptions of the JSON Schema, in Russian and Kazakh, from the label catalogues: each property is
 * titled with the form's own wording (templates/<edition>/labels.<lang>.json) or, where the form has no row for
 * it, with a `schema.field.*` label; its description adds a `schema.hint.*` label saying what the value looks
 * like, with an example. The catalogue is the only source: a label change changes the schema.
 */
import { type LabelKey, type Labels, loadLabels } from '../i18n/labels.ts';
import { UNIT_CODES } from './annex5.ts';

interface FieldDoc {
  /** The form's label of the field (or a `schema.field.*` label). */
  title: LabelKey;
  /** What to write; when absent, the hint of the value's kind (text, rich text, date, list…). */
  hint?: LabelKey;
}

const f = (title: LabelKey, hint?: LabelKey): FieldDoc => ({ title, hint });

const contact = (base: string, row: LabelKey): Record<string, FieldDoc> => ({
  [base]: f(row),
  [`${base}.fullName`]: f('annex3.team.col.fullName'),
  [`${base}.position`]: f('annex2.contact.position'),
  [`${base}.phones`]: f('annex2.contact.phone', 'schema.hint.phones'),
  [`${base}.email`]: f('annex2.contact.email', 'schema.hint.email'),
});

const activity = 'estimate.direct.activities[]';

/**
 * Every property of the schema by its path: `a.b` for nested objects, `[]` for the items of a list, `#Name.x` for
 * the properties of a shared definition. A property missing here fails the schema's generation.
 */
const FIELDS: Record<string, FieldDoc> = {
  $schema: f('schema.field.schemaLink', 'schema.hint.schemaLink'),
  edition: f('schema.field.edition', 'schema.hint.edition'),
  languages: f('schema.field.languages', 'schema.hint.languages'),
  applicant: f('annex2.title'),
  'applicant.name': f('annex2.row.name'),
  'applicant.registration': f('annex2.row.registration'),
  'applicant.registration.first': f('annex2.registration.first'),
  'applicant.registration.reregistration': f('annex2.registration.reregistration'),
  'applicant.registration.amendments': f('annex2.registration.amendments'),
  'applicant.bin': f('annex2.row.bin', 'schema.hint.bin'),
  'applicant.address': f('annex2.row.address'),
  'applicant.email': f('annex2.contact.email', 'schema.hint.email'),
  'applicant.phones': f('annex2.contact.phone', 'schema.hint.phones'),
  'applicant.website': f('annex2.contact.website', 'schema.hint.website'),
  'applicant.targetGroupInfo': f('annex2.row.targetGroup'),
  ...contact('applicant.head', 'annex2.row.head'),
  ...contact('applicant.chiefAccountant', 'annex2.row.chiefAccountant'),
  'applicant.labour': f('annex2.row.labour', 'schema.hint.labour'),
  'applicant.labour.staff': f('annex2.row.labour.staff'),
  'applicant.labour.specialists': f('annex2.row.labour.specialists'),
  'applicant.labour.volunteers': f('annex2.row.labour.volunteers'),

  capacity: f('annex3.title'),
  'capacity.charterFit': f('annex3.section1'),
  'capacity.experience': f('annex3.section2'),
  'capacity.materialBase': f('annex3.section3'),
  'capacity.team': f('annex3.section4'),
  'capacity.team[].fullName': f('annex3.team.col.fullName'),
  'capacity.team[].position': f('annex3.team.col.position'),
  'capacity.team[].experience': f('annex3.team.col.experience'),
  'capacity.team[].experience[].project': f('schema.field.teamProject'),
  'capacity.team[].experience[].customer': f('schema.field.customer'),
  'capacity.team[].experience[].description': f('schema.field.description'),
  'capacity.team[].experience[].period': f('schema.field.period'),
  'capacity.team[].experience[].role': f('schema.field.role'),
  'capacity.team[].yearsOfService': f('annex3.team.col.yearsOfService', 'schema.hint.yearsOfService'),
  'capacity.team[].duties': f('annex3.team.col.duties'),
  'capacity.regionalExperience': f('annex3.section5'),
  '#ExperienceRow.period': f('annex3.experience.col.period'),
  '#ExperienceRow.title': f('annex3.experience.col.title'),
  '#ExperienceRow.description': f('schema.field.description'),
  '#ExperienceRow.customer': f('annex3.experience.col.customer'),
  '#ExperienceRow.geography': f('schema.field.geography'),
  '#ExperienceRow.cost': f('annex3.experience.col.cost'),
  '#ExperienceRow.cost.amount': f('schema.field.costAmount'),
  '#ExperienceRow.cost.currency': f('schema.field.currency', 'schema.hint.currency'),
  '#ExperienceRow.cost.scale': f('schema.field.scale', 'schema.hint.scale'),
  '#ExperienceRow.results': f('annex3.experience.col.results'),

  project: f('annex4.title'),
  'project.title': f('schema.field.projectTitle', 'schema.hint.projectTitle'),
  'project.basics': f('annex4.section1'),
  'project.basics.goal': f('annex4.basics.goal'),
  'project.basics.tasks': f('annex4.basics.tasks'),
  'project.basics.activities': f('annex4.basics.activities'),
  'project.basics.coverage': f('annex4.basics.coverage'),
  'project.basics.targetGroups': f('annex4.basics.targetGroups'),
  'project.basics.expectedResults': f('annex4.basics.expectedResults'),
  'project.justification': f('annex4.section2'),
  'project.justification.situation': f('annex4.justification.situation'),
  'project.justification.statistics': f('annex4.justification.statistics'),
  'project.justification.needsAssessment': f('annex4.justification.needsAssessment'),
  'project.targetGroups': f('annex4.section3'),
  'project.targetGroups[].group': f('annex4.targetGroups.col.group'),
  'project.targetGroups[].number': f('annex4.targetGroups.col.number'),
  'project.targetGroups[].age': f('annex4.targetGroups.col.age'),
  'project.targetGroups[].benefit': f('annex4.targetGroups.col.benefit'),
  'project.partners': f('annex4.section4'),
  'project.partners[].name': f('annex4.partners.col.name'),
  'project.partners[].participation': f('annex4.partners.col.participation'),
  'project.feedback': f('annex4.section5'),
  'project.feedback[].group': f('annex4.feedback.col.group'),
  'project.feedback[].measurement': f('annex4.feedback.col.measurement'),
  'project.monitoring': f('annex4.section6'),
  'project.monitoring.goal': f('annex4.monitoring.goal'),
  'project.monitoring.rows': f('schema.field.monitoringRows'),
  'project.monitoring.rows[].task': f('annex4.monitoring.col.task'),
  'project.monitoring.rows[].activities': f('annex4.monitoring.col.activities'),
  'project.monitoring.rows[].results': f('annex4.monitoring.col.results'),
  'project.monitoring.rows[].results.shortTerm': f('annex4.monitoring.result.shortTerm'),
  'project.monitoring.rows[].results.longTerm': f('annex4.monitoring.result.longTerm'),
  'project.monitoring.rows[].indicators': f('annex4.monitoring.col.indicators'),
  'project.monitoring.rows[].indicators.shortTerm': f('annex4.monitoring.indicator.shortTerm'),
  'project.monitoring.rows[].indicators.longTerm': f('annex4.monitoring.indicator.longTerm'),
  'project.monitoring.rows[].periodicity': f('annex4.monitoring.col.periodicity'),
  'project.calendar': f('annex4.section7'),
  'project.calendar.durationMonths': f('schema.field.durationMonths', 'schema.hint.durationMonths'),
  'project.calendar.activities': f('schema.field.calendarActivities'),
  'project.calendar.activities[].id': f('schema.field.activityId', 'schema.hint.activityId'),
  'project.calendar.activities[].title': f('calendar.activity'),
  'project.calendar.activities[].months': f('schema.field.activityMonths', 'schema.hint.activityMonths'),
  'project.calendar.activities[].budgeted': f('schema.field.budgeted', 'schema.hint.budgeted'),
  'project.risks': f('annex4.section8'),
  'project.risks[].risk': f('annex4.risks.col.risk'),
  'project.risks[].mitigation': f('annex4.risks.col.mitigation'),
  'project.media': f('annex4.section9'),
  'project.media[].product': f('annex4.media.col.product'),
  'project.media[].quantity': f('annex4.media.col.quantity'),
  'project.media[].channels': f('annex4.media.col.channels'),
  'project.media[].frequency': f('annex4.media.col.frequency'),
  'project.sustainability': f('annex4.section10'),
  'project.sustainability.continuation': f('annex4.sustainability.continuation'),
  'project.sustainability.organizationRole': f('annex4.sustainability.organizationRole'),

  estimate: f('annex5.title'),
  'estimate.grantAmount': f('schema.field.grantAmount', 'schema.hint.grantAmount'),
  'estimate.materialShareLimitPercent': f('schema.field.materialShareLimit', 'schema.hint.materialShareLimit'),
  'estimate.administrative': f('annex5.section.administrative'),
  'estimate.administrative.salaries': f('annex5.article.salaries'),
  'estimate.administrative.socialTax': f('annex5.article.socialTax'),
  'estimate.administrative.medicalInsurance': f('annex5.article.medicalInsurance'),
  'estimate.administrative.bankServices': f('annex5.article.bankServices'),
  'estimate.administrative.communication': f('annex5.article.communication'),
  'estimate.administrative.utilities': f('annex5.article.utilities'),
  'estimate.administrative.rent': f('annex5.article.rent'),
  'estimate.administrative.consumables': f('annex5.article.consumables'),
  'estimate.administrative.other': f('annex5.article.other'),
  'estimate.administrative.extra': f('schema.field.extra', 'schema.hint.extra'),
  'estimate.administrative.declaredTotal': f('schema.field.declaredTotal', 'schema.hint.declaredTotal'),
  'estimate.material': f('annex5.section.material'),
  'estimate.direct': f('annex5.section.direct'),
  'estimate.direct.activities': f('schema.field.directActivities'),
  [`${activity}.activity`]: f('schema.field.activityRef', 'schema.hint.activityRef'),
  [`${activity}.title`]: f('schema.field.estimateActivityTitle'),
  [`${activity}.declaredTotal`]: f('schema.field.declaredTotal', 'schema.hint.declaredTotal'),
  [`${activity}.travel`]: f('annex5.travel'),
  [`${activity}.travel.destination`]: f('schema.field.destination'),
  [`${activity}.travel.perDiem`]: f('annex5.travel.perDiem'),
  [`${activity}.travel.accommodation`]: f('annex5.travel.accommodation'),
  [`${activity}.travel.transport`]: f('annex5.travel.transport'),
  [`${activity}.travel.declaredTotal`]: f('schema.field.declaredTotal', 'schema.hint.declaredTotal'),
  [`${activity}.handouts`]: f('annex5.handouts'),
  [`${activity}.services`]: f('annex5.services'),
  [`${activity}.services.individuals`]: f('annex5.services.individuals'),
  [`${activity}.services.legalEntities`]: f('annex5.services.legalEntities'),
  [`${activity}.services.declaredTotal`]: f('schema.field.declaredTotal', 'schema.hint.declaredTotal'),
  [`${activity}.hospitality`]: f('annex5.hospitality'),
  [`${activity}.hospitality.coffeeBreak`]: f('annex5.hospitality.coffeeBreak'),
  [`${activity}.hospitality.lunch`]: f('annex5.hospitality.lunch'),
  [`${activity}.hospitality.hallRent`]: f('annex5.hospitality.hallRent'),
  [`${activity}.hospitality.other`]: f('annex5.article.other'),
  [`${activity}.hospitality.declaredTotal`]: f('schema.field.declaredTotal', 'schema.hint.declaredTotal'),
  [`${activity}.extra`]: f('schema.field.extra', 'schema.hint.extra'),
  'estimate.direct.declaredTotal': f('schema.field.declaredTotal', 'schema.hint.declaredTotal'),
  'estimate.declaredTotal': f('schema.field.declaredTotal', 'schema.hint.declaredTotal'),
  '#LineGroup.lines': f('schema.field.lines'),
  '#LineGroup.declaredTotal': f('schema.field.declaredTotal', 'schema.hint.declaredTotal'),
  '#ExtraGroup.title': f('schema.field.extraTitle'),
  '#ExtraGroup.lines': f('schema.field.lines'),
  '#ExtraGroup.declaredTotal': f('schema.field.declaredTotal', 'schema.hint.declaredTotal'),
  '#BudgetLine.name': f('schema.field.lineName', 'schema.hint.lineName'),
  '#BudgetLine.unit': f('annex5.col.unit', 'schema.hint.unit'),
  '#BudgetLine.quantity': f('annex5.col.quantity', 'schema.hint.quantity'),
  '#BudgetLine.price': f('annex5.col.price', 'schema.hint.price'),
  '#BudgetLine.own': f('annex5.col.own', 'schema.hint.own'),
  '#BudgetLine.cofinancing': f('annex5.col.cofinancing', 'schema.hint.cofinancing'),

  '#Text.ru': f('schema.field.textRu'),
  '#Text.kk': f('schema.field.textKk'),
  '#NotApplicable.notApplicable': f('common.notApplicable', 'schema.hint.notApplicable'),
  '#RichBlock.ul': f('schema.field.ul', 'schema.hint.textList'),
  '#RichBlock.ol': f('schema.field.ol', 'schema.hint.textList'),
};

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const refName = (n: Node): string | undefined =>
  typeof n.$ref === 'string' ? n.$ref.replace('#/$defs/', '') : undefined;

/** The hint of a value's kind, read off its schema. */
function kindHints(node: Node): LabelKey[] {
  const ref = refName(node);
  if (ref === 'Text') return ['schema.hint.text'];
  if (ref === 'RichText') return ['schema.hint.richText'];
  if (ref === 'LineGroup') return ['schema.hint.lineGroup'];
  const branches = Array.isArray(node.anyOf) ? (node.anyOf as Node[]) : undefined;
  if (branches) {
    const notApplicable = branches.some((b) => refName(b) === 'NotApplicable');
    const rest = branches.filter((b) => refName(b) !== 'NotApplicable').flatMap(kindHints);
    return notApplicable ? [...rest, 'schema.hint.notApplicable'] : rest.slice(0, 1);
  }
  if (node.type === 'string' && node.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return ['schema.hint.date'];
  if (node.type === 'integer') return ['schema.hint.count'];
  if (node.type === 'number') return ['schema.hint.money'];
  if (node.type === 'array' && isNode(node.items))
    return refName(node.items) === 'Text' ? ['schema.hint.textList'] : ['schema.hint.table'];
  if (node.type === 'object') return ['schema.hint.section'];
  return [];
}

/** «Дата первичной регистрации:» → «Дата первичной регистрации»; «…, в том числе:» → «…». */
const asTitle = (text: string) => text.replace(/(,\s*(в том числе|оның ішінде))?\s*:?\s*$/u, '').replace(/\*$/, '');

function describe(node: Node, doc: FieldDoc, ru: Labels, kk: Labels): void {
  const hints = doc.hint ? [doc.hint] : kindHints(node);
  const part = (l: Labels) => {
    const title = asTitle(l.t(doc.title));
    return [title, ...hints.map((h) => l.t(h))].join('. ');
  };
  node.title = `${asTitle(ru.t(doc.title))} / ${asTitle(kk.t(doc.title))}`;
  node.description = `${part(ru)}\n\n${part(kk)}`;
}

/** Unit codes: VS Code shows the printed names beside each code it offers. */
function describeUnits(node: Node, ru: Labels, kk: Labels): void {
  if (!Array.isArray(node.enum) || !node.enum.every((c) => (UNIT_CODES as readonly unknown[]).includes(c))) return;
  const names = (node.enum as (typeof UNIT_CODES)[number][]).map(
    (c) => `${ru.t(`unit.${c}` as LabelKey)} / ${kk.t(`unit.${c}` as LabelKey)}`,
  );
  node.enumDescriptions = names;
  node.markdownEnumDescriptions = names;
}

function walk(node: unknown, path: string, ru: Labels, kk: Labels, missing: string[]): void {
  if (!isNode(node)) return;
  describeUnits(node, ru, kk);
  for (const k of ['anyOf', 'oneOf', 'allOf'])
    if (Array.isArray(node[k])) for (const n of node[k] as unknown[]) walk(n, path, ru, kk, missing);
  if (node.items) walk(node.items, `${path}[]`, ru, kk, missing);
  if (isNode(node.properties))
    for (const [key, child] of Object.entries(node.properties)) {
      const at = path === '' ? key : `${path}.${key}`;
      const doc = FIELDS[at];
      if (!isNode(child)) continue;
      if (doc) describe(child, doc, ru, kk);
      else missing.push(at);
      walk(child, at, ru, kk, missing);
    }
}

/** Adds the Russian and Kazakh titles and descriptions to a schema generated from the model (in place). */
export function documentSchema(schema: Node, edition = '2015-413'): Node {
  const ru = loadLabels(edition, 'ru');
  const kk = loadLabels(edition, 'kk');
  const missing: string[] = [];
  walk(schema, '', ru, kk, missing);
  const defs = isNode(schema.$defs) ? schema.$defs : {};
  for (const [name, def] of Object.entries(defs)) {
    if (!isNode(def)) continue;
    // Editors copy a definition's description over the one beside its `$ref`: the property's own, which names
    // the field, must win, so definitions carry none.
    delete def.description;
    walk(def, `#${name}`, ru, kk, missing);
  }
  // A new field of the model needs its label: fail here rather than ship a schema that explains nothing.
  if (missing.length) throw new Error(`JSON Schema: no label for ${missing.join(', ')} (src/model/schema-docs.ts)`);
  return schema;
}
