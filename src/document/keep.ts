/**
 * What the writers keep together beyond what each says for itself, in both alike: the paragraph under a heading,
 * and a table's last row with the blocks under it (keepTablesWithNext).
 *
 * A heading (and any keep-with-next paragraph) stays on the page of the first line of what follows it, as Word
 * does. When what follows is a short paragraph, it is kept whole with the heading instead: the PDF then needs no
 * second layout to find where the paragraph's first line falls, and the DOCX says the same with «keep lines
 * together», so both break the page at the same place.
 */
import type { Block, Paragraph, Table } from './model.ts';
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

/**
 * The blocks of a section with each keep-with-next table's last row and the blocks kept with it (a rule, then
 * paragraphs up to the first that does not keep with its next: the estimate's footnote) made one row, which
 * neither writer splits: a frameless cell spanning the table that holds the last row as a table of its own, with
 * the same columns, and the blocks under it. LibreOffice keeps no paragraph with a table's last row (it ignores
 * keep-with-next there), but it never splits a row it is told not to; the PDF is given the same row.
 */
export function keepTablesWithNext(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.type !== 'table' || !b.keepWithNext || i + 1 >= blocks.length) {
      out.push(b);
      continue;
    }
    let j = i + 1;
    while (j < blocks.length - 1 && keepsWithNext(blocks[j]!)) j++;
    const kept = blocks.slice(i + 1, j + 1);
    if (kept.some((k) => k.type === 'pageBreak')) {
      out.push(b);
      continue;
    }
    out.push(withKeptBlocks(b, kept));
    i = j;
  }
  return out;
}

function withKeptBlocks(table: Table, kept: Block[]): Table {
  const { keepWithNext: _, ...plain } = table;
  const last = table.rows[table.rows.length - 1]!;
  const lastRow: Table = { ...plain, headerRows: 0, keepRows: true, openTop: true, rows: [last] };
  return {
    ...plain,
    rows: [
      ...table.rows.slice(0, -1),
      { cells: [{ blocks: [lastRow, ...kept], colSpan: table.widths.length, rowSpan: 1, frameless: true }] },
    ],
  };
}

export { keepsWithNext };
