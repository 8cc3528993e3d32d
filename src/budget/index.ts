/** The estimate engine of Annex 5: exact sums, table rows, checks and totals. */
export { checkEstimate, type EstimateSource } from './checks.ts';
export { computeEstimate, walkLines, walkNodes } from './compute.ts';
export { budgetMessages, describeNode, rowName, textIn } from './messages.ts';
export * from './money.ts';
export { type EstimateRow, estimateRows, type RowKind, type RowOptions } from './rows.ts';
export * from './totals.ts';
export type * from './types.ts';
