/**
 * The layout of the estimate workbook, shared by export and import: the columns of Annex 5, the header rows, and
 * the sheet rows made from the computed estimate (the engine's tree, numbering and labels, in the form's order).
 *
 * Unlike the printed form, every row of the form that holds lines is a heading with its lines below it (never one
 * row collapsed with its only line), so that each line is a row of its own that can be edited, moved or deleted.
 * An empty row of the form gets one «…» row below it, as in the document, where new lines go.
 */
import { walkNodes } from '../budget/index.ts';
import type { ComputedEstimate, ComputedLine, ComputedNode } from '../budget/types.ts';
import type { JsonPath } from '../diagnostics/diagnostic.ts';

/** Columns, 1-based as in the spreadsheet: the nine of Annex 5, then the name in the other language and the row key. */
export const COL = {
  no: 1,
  name: 2,
  unit: 3,
  quantity: 4,
  price: 5,
  total: 6,
  own: 7,
  cofinancing: 8,
  grant: 9,
  otherName: 10,
  key: 11,
} as const;
export type ColumnName = keyof typeof COL;
export const LAST_COL = COL.key;
export const colLetter = (col: number): string => String.fromCharCode(64 + col);

/** Row 1: the title; row 2: the project; rows 3–4: the two-level header; the body from row 5. */
export const TITLE_ROW = 1;
export const PROJECT_ROW = 2;
export const HEADER_ROWS = [3, 4] as const;
export const FIRST_BODY_ROW = 5;

/** The text of a placeholder row under an empty row of the form. */
export const PLACEHOLDER = '…';

/** A row key: the JSON path of the node or line the row shows, dotted ("estimate.administrative.salaries"). */
export const keyOf = (path: JsonPath): string => path.join('.');
export function pathOf(key: string): JsonPath {
  return key.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
/** A line key ends in `.lines.<n>`. */
export const isLineKey = (key: string): boolean => /\.lines\.\d+$/.test(key);
/** The key of the group a line key belongs to. */
export const groupKeyOfLine = (key: string): string => key.replace(/\.lines\.\d+$/, '');

/** A row of the form that holds lines (an article, a slot, material provision, handouts, an added group). */
export const holdsLines = (node: ComputedNode): boolean => node.children.length === 0;

export type SheetRow =
  | { kind: 'heading'; node: ComputedNode; depth: number; parentActivity?: ComputedNode }
  | { kind: 'line'; line: ComputedLine; depth: number; group: ComputedNode }
  | { kind: 'placeholder'; depth: number; group: ComputedNode };

/** The body rows in the form's order: each node's heading, then its lines (or «…»), then its children; the total last. */
export function sheetRows(computed: ComputedEstimate): SheetRow[] {
  const rows: SheetRow[] = [];
  const emit = (node: ComputedNode, depth: number) => {
    rows.push({ kind: 'heading', node, depth });
    if (holdsLines(node)) {
      for (const line of node.lines) rows.push({ kind: 'line', line, depth: depth + 1, group: node });
      if (node.lines.length === 0) rows.push({ kind: 'placeholder', depth: depth + 1, group: node });
    }
    for (const child of node.children) emit(child, depth + 1);
  };
  for (const section of computed.children) emit(section, 0);
  rows.push({ kind: 'heading', node: computed, depth: 0 });
  return rows;
}

/** Every node of the estimate by its row key. */
export function nodesByKey(computed: ComputedEstimate): Map<string, ComputedNode> {
  const map = new Map<string, ComputedNode>();
  for (const node of walkNodes(computed)) map.set(keyOf(node.path), node);
  return map;
}
