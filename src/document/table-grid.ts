/**
 * Table geometry shared by the parser (validation) and the writers (cell positions, column widths).
 */
import type { Table, TableCell } from './model.ts';

export interface PlacedCell {
  cell: TableCell;
  /** Row and first column of the cell in the full grid. */
  row: number;
  col: number;
}

/**
 * Places each written cell in the grid, skipping columns covered by rowSpans from above.
 * Throws an Error naming the row (1-based) when the spans do not add up to the column count.
 */
export function placeCells(rows: readonly { cells: readonly TableCell[] }[], columnCount: number): PlacedCell[][] {
  const covered: boolean[][] = rows.map(() => new Array<boolean>(columnCount).fill(false));
  const placed: PlacedCell[][] = [];
  rows.forEach((row, r) => {
    const line: PlacedCell[] = [];
    let c = 0;
    for (const cell of row.cells) {
      while (c < columnCount && covered[r]![c]) c++;
      if (c + cell.colSpan > columnCount) {
        throw new Error(
          `table row ${r + 1}: cells span more than the ${columnCount} columns of the table ` +
            '(check colspan, and rowspan from the rows above)',
        );
      }
      if (r + cell.rowSpan > rows.length) {
        throw new Error(`table row ${r + 1}: rowspan ${cell.rowSpan} runs past the last row of the table`);
      }
      for (let rr = r; rr < r + cell.rowSpan; rr++) {
        for (let cc = c; cc < c + cell.colSpan; cc++) {
          if (covered[rr]![cc]) {
            throw new Error(`table row ${rr + 1}, column ${cc + 1}: covered by two cells (overlapping spans)`);
          }
          covered[rr]![cc] = true;
        }
      }
      line.push({ cell, row: r, col: c });
      c += cell.colSpan;
    }
    const filled = covered[r]!.filter(Boolean).length;
    if (filled !== columnCount) {
      throw new Error(
        `table row ${r + 1}: cells cover ${filled} of the ${columnCount} columns of the table ` +
          '(check colspan, and rowspan from the rows above)',
      );
    }
    placed.push(line);
  });
  return placed;
}

/** Column count a table's rows imply: the column span of its first row. */
export function impliedColumnCount(rows: readonly { cells: readonly TableCell[] }[]): number {
  return (rows[0]?.cells ?? []).reduce((n, cell) => n + cell.colSpan, 0);
}

/** Whether a cell of a row above row `r` spans down into it. */
export function spannedInto(placed: readonly PlacedCell[][], r: number): boolean {
  return placed.some((line, at) => at < r && line.some((c) => at + c.cell.rowSpan > r));
}

/**
 * Splits `total` (an integer, e.g. twips) in proportion to `weights`, in integers that add up to `total`
 * exactly (largest remainder).
 */
export function splitWidth(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    parts[i]! += 1;
    rest--;
  }
  return parts;
}

/** Column widths of a table in twips, for a table `totalTwips` wide. */
export function columnWidthsTwips(table: Table, totalTwips: number): number[] {
  return splitWidth(totalTwips, table.widths);
}
