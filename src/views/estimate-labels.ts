/** Printable texts of the estimate's rows in one language (row labels, names, units), for the workbook and the change report. */
import type { ComputedNode } from '../budget/types.ts';
import { isUnitCode, type LabelKey, type LabelParams, type Labels } from '../i18n/index.ts';
import type { Unit } from '../model/annex5.ts';
import type { Lang, LocalizedText } from '../model/common.ts';
import { pickText } from './language.ts';

export const otherLang = (lang: Lang): Lang => (lang === 'ru' ? 'kk' : 'ru');

/** A text in exactly one language ('' when it has none there): a plain string is the same in every language. */
export function textExactly(text: LocalizedText | undefined, lang: Lang): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[lang] ?? '';
}

/** The label of a node's heading row. */
export function nodeLabel(node: ComputedNode, labels: Labels): string {
  if (node.role === 'other' && node.kind === 'slot') return labels.t('annex5.sheet.hospitalityOther');
  const label = node.label;
  if ('text' in label) return pickText(label.text, labels.lang);
  const params: LabelParams = {};
  for (const [k, v] of Object.entries(label.params ?? {}))
    params[k] = typeof v === 'number' ? v : pickText(v as LocalizedText, labels.lang);
  return labels.t(label.key as LabelKey, params);
}

/** A unit as the sheet prints it: a catalogue unit by its name in the sheet's language, any other unit as written. */
export function unitText(unit: Unit, labels: Labels): string {
  if (isUnitCode(unit)) return labels.t(`unit.${unit}`);
  return textExactly(unit, labels.lang);
}

/** A row label without the form's trailing «, в том числе:» / «:», for lists where the row stands alone. */
export function shortNodeLabel(node: ComputedNode, labels: Labels): string {
  return nodeLabel(node, labels)
    .replace(/,?\s*(в том числе|в т\.\s?ч\.|оның ішінде)\s*:?\s*$/u, '')
    .replace(/:\s*$/, '');
}

/** The form's numbering of a row with its section: «1. 2)», «3. 5)», «2». */
export function rowNumber(node: ComputedNode, ancestors: ComputedNode[]): string {
  const numbered = [...ancestors, node].map((n) => n.number).filter((n) => n !== '');
  return numbered.join(' ');
}
