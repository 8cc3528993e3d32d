/**
 * What the writers keep together beyond what each says for itself, in both alike: the paragraph under a heading,
 * and the ends of tables (keepTableEnds).
 *
 * A heading (and any keep-with-next paragraph) stays on the page of the first line of what follows it, as Word
 * does. When what follows is a short paragraph, it is kept whole with the heading instead: the PDF then needs no
 * second layout to find where the paragraph's first line falls, and the DOCX says the same with «keep lines
 * together», so both break the page at the same place.
 */
import type { Block, Paragraph, Table } from './model.ts';
import { FONT_SIZE, LIST_STYLE, paragraphDefaults, ptToTwips, SINGLE_LINE_EM, TABLE_STYLE, twipsToPt } from './page.ts';
import { columnWidthsTwips, placeCells, spannedInto } from './table-grid.ts';

/** A paragraph of at most this many lines (estimated) is kept whole under a heading. */
export const KEEP_WHOLE_LINES = 5;

/** Average glyph width, em, erring high (a paragraph a little longer than estimated is still short). */
const GLYPH_EM = 0.5;

const keepsWithNext = (b: Block): boolean =>
  b.type === 'rule' || (b.type === 'paragraph' && (b.keepWithNext ?? paragraphDefaults(b.role, 'body').keepWithNext));

function estimatedLines(
  p: Paragraph,
  widthPt: number,
  size = paragraphDefaults(p.role, 'body').size,
  em = GLYPH_EM,
): number {
  const perLine = Math.max(1, Math.floor(widthPt / (em * size)));
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
 * The last row of a section's last table is kept whole when it is at most this share of the page's text height:
 * split, it could leave a line or two alone on the annex's last page, and LibreOffice has neither widow control
 * nor «keep lines together» in a row split across pages. Kept whole, it leaves at most this share of a page empty.
 */
export const LAST_ROW_WHOLE_SHARE = 0.5;

/** Average glyph width, em, erring high: a row is kept whole only when it is surely short. */
const SAFE_GLYPH_EM = 0.6;

/**
 * The ends of the tables of a section (`widthPt`, `heightPt`: its text area), the same for both writers. The last
 * row of a keep-with-next table and the blocks kept with it (a rule, then paragraphs up to the first that does not
 * keep with its next: the estimate's footnote), or the short last row of the section's last table, become one row
 * that neither writer splits: a frameless cell spanning the table, holding the last row as a table of its own with
 * the same columns, then those blocks. LibreOffice keeps no paragraph with a table's last row (it ignores
 * keep-with-next there) and keeps no lines together in a split row, but it never splits a row it is told not to;
 * the PDF is given the same row.
 */
export function keepTableEnds(blocks: Block[], widthPt: number, heightPt: number): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.type === 'table' && b.keepWithNext && i + 1 < blocks.length) {
      let j = i + 1;
      while (j < blocks.length - 1 && keepsWithNext(blocks[j]!)) j++;
      const kept = blocks.slice(i + 1, j + 1);
      if (!kept.some((k) => k.type === 'pageBreak')) {
        out.push(withLastRowWhole(b, kept));
        i = j;
        continue;
      }
    }
    const last = i === blocks.length - 1;
    if (b.type === 'table' && last && !b.keepRows && lastRowFits(b, widthPt, heightPt * LAST_ROW_WHOLE_SHARE)) {
      out.push(withLastRowWhole(b, []));
      continue;
    }
    out.push(b);
  }
  return out;
}

function withLastRowWhole(table: Table, kept: Block[]): Table {
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

/**
 * Whether a table's last row is surely no taller than `limitPt`: a body row of its own (no row span reaches into
 * it) whose cells' text, estimated erring high, fits.
 */
function lastRowFits(table: Table, widthPt: number, limitPt: number): boolean {
  const r = table.rows.length - 1;
  if (r < table.headerRows) return false;
  const cols = columnWidthsTwips(table, ptToTwips(widthPt)).map(twipsToPt);
  const placed = placeCells(table.rows, cols.length);
  // A row span ending in the last row ties it to the rows above (one cannot run past the table: placeCells).
  if (spannedInto(placed, r)) return false;
  const size = table.fontSize ?? FONT_SIZE.table;
  const pad = TABLE_STYLE.padding;
  return placed[r]!.every(({ cell, col }) => {
    let width = -pad.left - pad.right;
    for (let c = col; c < col + cell.colSpan; c++) width += cols[c]!;
    return blocksHeight(cell.blocks, width, size) + pad.top + pad.bottom <= limitPt;
  });
}

/** Height of a cell's blocks, pt, erring high; a block other than a paragraph or a list counts as too tall. */
function blocksHeight(blocks: Block[], widthPt: number, size: number): number {
  let h = 0;
  for (const b of blocks) {
    if (b.type === 'paragraph') {
      const d = paragraphDefaults(b.role, 'cell', size);
      h += estimatedLines(b, widthPt, d.size, SAFE_GLYPH_EM) * d.size * SINGLE_LINE_EM;
      h += (b.spaceBefore ?? d.spaceBefore) + (b.spaceAfter ?? d.spaceAfter);
    } else if (b.type === 'list') {
      for (const item of b.items) h += blocksHeight(item, widthPt - LIST_STYLE.indentPt, size);
    } else return Number.POSITIVE_INFINITY;
  }
  return h;
}

export { keepsWithNext };
