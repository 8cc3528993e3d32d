/**
 * Which paragraph under a heading is kept whole with it, in both writers alike.
 *
 * A heading (and any keep-with-next paragraph) stays on the page of the first line of what follows it, as Word
 * does. When what follows is a short paragraph, it is kept whole with the heading instead: the PDF then needs no
 * second layout to find where the paragraph's first line falls, and the DOCX says the same with «keep lines
 * together», so both break the page at the same place.
 */
import type { Block, Paragraph } from './model.ts';
import { paragraphDefaults } from './page.ts';

/** A paragraph of at most this many lines (estimated) is kept whole under a heading. */
export const KEEP_WHOLE_LINES = 5;

/** Average glyph width, em, erring high (a paragraph a little longer than estimated is still short). */
const GLYPH_EM = 0.5;

const keepsWithNext = (b: Block): boolean =>
  b.type === 'rule' || (b.type === 'paragraph' && (b.keepWithNext ?? paragraphDefaults(b.role, 'body').keepWithNext));

function estimatedLines(p: Paragraph, widthPt: number): number {
  const size = paragraphDefaults(p.role, 'body').size;
  const perLine = Math.max(1, Math.floor(widthPt / (GLYPH_EM * size)));
  let lines = 1;
  let chars = 0;
  for (const r of p.runs) {
    if (r.type === 'break') {
      lines += Math.ceil(chars / perLine);
      chars = 0;
    } else chars += r.type === 'text' ? r.text.length : 4;
  }
  return lines - 1 + Math.max(1, Math.ceil(chars / perLine));
}

/**
 * The blocks of a section (`widthPt`: its text width) with `keepLines` on each short paragraph that a keep-with-next
 * paragraph keeps with.
 */
export function keepShortParagraphsWhole(blocks: Block[], widthPt: number): Block[] {
  return blocks.map((b, i) => {
    const before = blocks[i - 1];
    if (b.type !== 'paragraph' || b.keepLines || !before || !keepsWithNext(before) || keepsWithNext(b)) return b;
    return estimatedLines(b, widthPt) <= KEEP_WHOLE_LINES ? { ...b, keepLines: true } : b;
  });
}

export { keepsWithNext };
