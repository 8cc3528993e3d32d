/**
 * Texts of the estimate checks (ru/kk/en), and the short names of the estimate's rows used in those
 * messages and in the terminal totals table (ru/kk from the label catalogues).
 */

import type { MessageCatalog, UiLang } from '../diagnostics/diagnostic.ts';
import { isLabelKey, loadLabels } from '../i18n/labels.ts';
import type { LocalizedText } from '../model/common.ts';
import { DEFAULT_EDITION, type Edition } from '../templates/editions.ts';
import type { ComputedActivity, ComputedNode } from './types.ts';

/**
 * Row descriptions are language-dependent, so `budget.declaredTotal` gets one parameter per language
 * (`itemRu`, `itemKk`, `itemEn`) and each text uses its own.
 */
export const budgetMessages: MessageCatalog = {
  'budget.declaredTotal': {
    ru: '{itemRu}: указанная сумма {declared} тенге не совпадает с суммой по строкам {computed} тенге (разница {difference} тенге).',
    kk: '{itemKk}: көрсетілген {declared} теңге сомасы жолдар бойынша есептелген {computed} теңге сомасына сәйкес келмейді (айырмасы {difference} теңге).',
    en: '{itemEn}: the stated total of {declared} tenge differs from the sum of its lines, {computed} tenge (difference {difference} tenge).',
  },
  'budget.negativeGrant': {
    ru: 'Собственный вклад ({own} тенге) и другие источники софинансирования ({cofinancing} тенге) в сумме превышают стоимость строки ({total} тенге): средства гранта по строке не могут быть отрицательными.',
    kk: 'Өз салымы ({own} теңге) мен қоса қаржыландырудың басқа көздері ({cofinancing} теңге) жиынтығында жолдың құнынан ({total} теңге) асады: жол бойынша грант қаражаты теріс бола алмайды.',
    en: 'Own contribution ({own} tenge) and other co-financing ({cofinancing} tenge) together exceed the line total ({total} tenge): the grant part of a line cannot be negative.',
  },
  'budget.overGrantAmount': {
    ru: 'Средства гранта по смете ({grant} тенге) превышают сумму гранта {grantAmount} тенге на {excess} тенге.',
    kk: 'Смета бойынша грант қаражаты ({grant} теңге) {grantAmount} теңге грант сомасынан {excess} теңгеге асады.',
    en: 'The grant column of the estimate ({grant} tenge) exceeds the grant amount of {grantAmount} tenge by {excess} tenge.',
  },
  'budget.materialShare': {
    ru: 'Расходы на материально-техническое обеспечение за счет средств гранта ({material} тенге, {percent} %) превышают допустимые {limitPercent} % средств гранта ({limit} тенге).',
    kk: 'Грант қаражаты есебінен материалдық-техникалық қамтамасыз етуге арналған шығыстар ({material} теңге, {percent} %) грант қаражатының рұқсат етілген {limitPercent} %-ынан ({limit} теңге) асады.',
    en: 'Material and technical provision paid from the grant ({material} tenge, {percent} %) exceeds the allowed {limitPercent} % of the grant column ({limit} tenge).',
  },
  'budget.activityNotInCalendar': {
    ru: 'Мероприятие «{id}» отсутствует в календарном плане социального проекта (приложение 4, раздел 7).',
    kk: '«{id}» іс-шарасы әлеуметтік жобаның күнтізбелік жоспарында жоқ (4-қосымша, 7-бөлім).',
    en: 'Activity "{id}" is not in the calendar plan of the project (Annex 4, section 7).',
  },
  'budget.activityNotInEstimate': {
    ru: 'По мероприятию «{id}» календарного плана в смете нет расходов. Если мероприятие проводится без отдельных расходов, укажите для него "budgeted": false.',
    kk: 'Күнтізбелік жоспардағы «{id}» іс-шарасы бойынша сметада шығыстар жоқ. Егер іс-шара жеке шығыстарсыз өткізілсе, оған "budgeted": false деп көрсетіңіз.',
    en: 'Calendar activity "{id}" has no expenses in the estimate. If it is carried out without expenses of its own, mark it "budgeted": false.',
  },
  'budget.activityDuplicate': {
    ru: 'Мероприятие «{id}» уже включено в смету под номером {first}); расходы одного мероприятия указываются в одном месте.',
    kk: '«{id}» іс-шарасы сметаға {first}) нөмірімен енгізілген; бір іс-шараның шығыстары бір жерде көрсетіледі.',
    en: 'Activity "{id}" is already in the estimate as number {first}); list the expenses of one activity in one place.',
  },
  'budget.unitCode': {
    ru: 'единица «{unit}» будет напечатана как написано; может быть, код «{hint}» ({nameRu})?',
    kk: '«{unit}» бірлігі жазылғандай басылады; мүмкін, «{hint}» коды ({nameKk})?',
    en: 'unit "{unit}" will be printed as typed; did you mean the code "{hint}" ({nameRu})?',
  },
  'budget.possibleDoubleCount': {
    ru: 'Строка «{name}» на сумму {total} тенге указана и в мероприятии {other}, и в мероприятии {n}: проверьте, не учтен ли один и тот же расход дважды.',
    kk: '{total} теңге сомасындағы «{name}» жолы {other}-іс-шарада да, {n}-іс-шарада да көрсетілген: бір шығыстың екі рет есепке алынбағанын тексеріңіз.',
    en: 'The line "{name}" of {total} tenge appears both in activity {other} and in activity {n}: check that the same expense is not counted twice.',
  },
};

/**
 * English short names of the estimate's rows, by role, for messages in English. The Russian and Kazakh names
 * are fixed texts of the form: `annex5.name.<role>` in the label catalogues.
 */
const ROW_NAMES_EN: Record<string, string> = {
  estimate: 'Total',
  administrative: 'Administrative costs',
  material: 'Material and technical provision',
  direct: 'Direct costs',
  salaries: 'salaries',
  socialTax: 'social tax and social contributions',
  medicalInsurance: 'compulsory health insurance',
  bankServices: 'bank services',
  communication: 'communication services',
  utilities: 'utilities and running costs',
  rent: 'rent of premises',
  consumables: 'consumables',
  other: 'other expenses',
  travel: 'business travel',
  perDiem: 'per diem',
  accommodation: 'accommodation',
  transport: 'transport',
  handouts: 'handouts',
  services: 'works and services',
  individuals: 'works and services of individuals',
  legalEntities: 'works and services of legal entities',
  hospitality: 'hospitality',
  coffeeBreak: 'coffee break',
  lunch: 'lunch',
  hallRent: 'hall rent',
  'hospitality.other': 'other hospitality',
};

/** Short name of a row of the estimate by its role (hospitality's further expenses: 'hospitality.other'). */
export function rowName(role: string, lang: UiLang, edition: Edition = DEFAULT_EDITION): string {
  if (lang === 'en') return ROW_NAMES_EN[role] ?? role;
  const key = `annex5.name.${role}`;
  return isLabelKey(key) ? loadLabels(edition, lang).t(key) : role;
}

/** A text in the wanted language, else in the other one (English falls back to Russian). */
export function textIn(text: LocalizedText, lang: UiLang): string {
  if (typeof text === 'string') return text;
  return (lang === 'kk' ? (text.kk ?? text.ru) : (text.ru ?? text.kk)) ?? '';
}

/** Short name of a node (not of an activity) in one language. */
export function nodeName(node: ComputedNode, lang: UiLang, parent?: ComputedNode): string {
  if (node.role === 'extra' && 'text' in node.label) return textIn(node.label.text, lang);
  const key = node.role === 'other' && parent?.role === 'hospitality' ? 'hospitality.other' : node.role;
  return rowName(key, lang);
}

/**
 * Where a node is in the estimate, in words: «раздел 3 «Прямые расходы»», «мероприятие 5, строка
 * «суточные»». `ancestors` runs from the estimate down to the node's parent.
 */
export function describeNode(node: ComputedNode, ancestors: ComputedNode[], lang: UiLang): string {
  const parent = ancestors[ancestors.length - 1];
  const name = nodeName(node, lang, parent);
  const activity = ancestors.find((a): a is ComputedActivity => a.kind === 'activity');
  switch (node.kind) {
    case 'estimate':
      return { ru: 'Строка «Итого:» сметы', kk: 'Сметаның «Жиыны:» жолы', en: 'The "Total" row of the estimate' }[lang];
    case 'section':
      return {
        ru: `Раздел ${node.number} «${name}»`,
        kk: `${node.number}-бөлім «${name}»`,
        en: `Section ${node.number} "${name}"`,
      }[lang];
    case 'article':
      return {
        ru: `Административные затраты, статья ${node.number} «${name}»`,
        kk: `Әкімшілік шығындар, ${node.number} «${name}» бабы`,
        en: `Administrative costs, article ${node.number} "${name}"`,
      }[lang];
    case 'activity': {
      const n = (node as ComputedActivity).n;
      return { ru: `Мероприятие ${n}`, kk: `${n}-іс-шара`, en: `Activity ${n}` }[lang];
    }
    default: {
      const n = activity?.n ?? 0;
      return {
        ru: `Мероприятие ${n}, строка «${name}»`,
        kk: `${n}-іс-шара, «${name}» жолы`,
        en: `Activity ${n}, row "${name}"`,
      }[lang];
    }
  }
}
