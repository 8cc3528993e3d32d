/** Types of the computed estimate (Annex 5) shared by the budget engine's modules and its callers. */

import type { JsonPath } from '../diagnostics/diagnostic.ts';
import type { Unit } from '../model/annex5.ts';
import type { LocalizedText } from '../model/common.ts';
import type { Money } from './money.ts';

/**
 * A fixed label of the form (a key of the label catalogue, see the annex5.* keys) with its parameters, or a
 * text written in the application. A `detail` parameter is printed in parentheses after the label:
 * «суточные ({detail})».
 */
export type RowLabel =
  | { key: string; params?: Record<string, LocalizedText | string | number> }
  | { text: LocalizedText };

/** The four money columns: total = own + cofinancing + grant on every line and every subtotal. */
export interface Amounts {
  total: Money;
  own: Money;
  cofinancing: Money;
  grant: Money;
}

export interface ComputedLine extends Amounts {
  kind: 'line';
  /** Position of the line in its group. */
  index: number;
  path: JsonPath;
  name?: LocalizedText;
  unit: Unit;
  quantity: Money;
  price: Money;
}

export type NodeKind = 'estimate' | 'section' | 'article' | 'activity' | 'group' | 'slot';

/**
 * A row of the estimate that sums lines: the estimate itself, a section, an administrative article, an
 * activity, a group of direct costs (travel, handouts, services, hospitality, an extra group) or a fixed
 * slot inside a group (per diem, coffee break…).
 */
export interface ComputedNode extends Amounts {
  kind: NodeKind;
  /**
   * What the row is, independent of its position: 'estimate'; sections 'administrative' | 'material' |
   * 'direct'; the article names of ADMIN_ARTICLES; 'travel' | 'handouts' | 'services' | 'hospitality';
   * slots 'perDiem' | 'accommodation' | 'transport' | 'individuals' | 'legalEntities' | 'coffeeBreak' |
   * 'lunch' | 'hallRent' | 'other'; 'extra' for articles and groups beyond the fixed ones; 'activity'.
   */
  role: string;
  /** Number printed in the № column: "1"… for sections, "1)"… for articles and activities, "" otherwise. */
  number: string;
  /** Label of the row as the form prints it when the row is a heading. */
  label: RowLabel;
  /** JSON path of the node in the application. */
  path: JsonPath;
  /** Total recorded on a paper estimate, to be compared with `total`. */
  declaredTotal?: Money;
  /** Number of lines under the node, at any depth. */
  lineCount: number;
  children: ComputedNode[];
  /** Lines held directly by this node (not by its children). */
  lines: ComputedLine[];
}

export interface ComputedActivity extends ComputedNode {
  kind: 'activity';
  role: 'activity';
  /** Id of the activity in the calendar plan. */
  activityId: string;
  /** 1-based position in the estimate. */
  n: number;
  /** The estimate's title, else the calendar plan's; the id when neither exists. */
  title: LocalizedText;
  /** Index of the activity in the calendar plan, if it is there. */
  calendarIndex?: number;
}

/** Section 3, direct costs: one child per activity. */
export interface ComputedDirect extends ComputedNode {
  children: ComputedActivity[];
}

export interface ComputedEstimate extends ComputedNode {
  kind: 'estimate';
  administrative: ComputedNode;
  material: ComputedNode;
  direct: ComputedDirect;
}
