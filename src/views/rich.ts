/** Rich text of the model resolved to one language: paragraphs and lists of plain strings. */
import type { Lang, RichText } from '../model/common.ts';
import { pickText } from './language.ts';

export type RichViewBlock = { p: string } | { ul: string[] } | { ol: string[] };
export type RichView = RichViewBlock[];

export function richView(value: RichText | undefined | null, lang: Lang): RichView {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return [{ p: pickText(value, lang) }];
  return value.map((block): RichViewBlock => {
    if (typeof block === 'string' || !('ul' in block || 'ol' in block)) return { p: pickText(block, lang) };
    if ('ul' in block) return { ul: block.ul.map((t) => pickText(t, lang)) };
    return { ol: block.ol.map((t) => pickText(t, lang)) };
  });
}
