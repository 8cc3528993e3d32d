/**
 * The comparison in words and figures of one language: the rows every output shares (terminal table, JSON,
 * the DOCX/PDF report), so that the three always say the same.
 */
import { type Money, moneyString, ZERO } from '../budget/money.ts';
import type { Amounts, ComputedActivity, ComputedLine } from '../budget/types.ts';
import type { JsonPath } from '../diagnostics/diagnostic.ts';
import { formatAmount, formatQuantity } from '../i18n/format.ts';
import { isLabelKey, type Labels } from '../i18n/labels.ts';
import type { Lang } from '../model/common.ts';
import { formatJsonPath } from '../validation/report.ts';
import { rowNumber, shortNodeLabel, textExactly, unitText } from '../views/estimate-labels.ts';
import { pickText } from '../views/language.ts';
import type { Comparison, LineChange, LineField } from './compare.ts';

export const MONEY_COLUMNS = ['total', 'own', 'cofinancing', 'grant'] as const;
export type MoneyColumn = (typeof MONEY_COLUMNS)[number];

export interface LineFigures {
  unit: string;
  quantity: string;
  price: string;
  total: string;
  own: string;
  cofinancing: string;
  grant: string;
}

export interface LineRow {
  change: LineChange['change'];
  /** «3 5)» and the row of the form: «3 5) суточные». */
  where: string;
  name: string;
  fields: LineField[];
  old?: LineFigures;
  new?: LineFigures;
  /** New total − old total, exact. */
  totalDifference: string;
  grantDifference: string;
  path: string;
}

export interface TotalRow {
  number: string;
  label: string;
  kind: string;
  path: string;
  old: Record<MoneyColumn, string>;
  new: Record<MoneyColumn, string>;
  difference: Record<MoneyColumn, string>;
}

export interface MonthRow {
  activity: string;
  title: string;
  old: number[] | null;
  new: number[] | null;
  path: string;
}

export interface TextRow {
  /** The annex and the form's label of the field: «Приложение 4: Цель проекта». */
  form: string;
  path: string;
  old: string;
  new: string;
}

export interface ComparisonReport {
  lang: Lang;
  lines: LineRow[];
  totals: TotalRow[];
  calendar: MonthRow[];
  texts: TextRow[];
}

const ANNEX_OF: Record<string, 2 | 3 | 4> = { applicant: 2, capacity: 3, project: 4 };

const figures = (line: ComputedLine, labels: Labels): LineFigures => ({
  unit: unitText(line.unit, labels) || (typeof line.unit === 'string' ? line.unit : pickText(line.unit, labels.lang)),
  quantity: line.quantity.toFixed(),
  price: moneyString(line.price),
  total: moneyString(line.total),
  own: moneyString(line.own),
  cofinancing: moneyString(line.cofinancing),
  grant: moneyString(line.grant),
});

const columns = (a: Amounts): Record<MoneyColumn, string> => ({
  total: moneyString(a.total),
  own: moneyString(a.own),
  cofinancing: moneyString(a.cofinancing),
  grant: moneyString(a.grant),
});

/**
 * The form's label of a field, found in the catalogue by the field's path: `annex4.basics.goal`,
 * `annex2.row.bin`, `annex4.risks.col.risk`…, else the nearest enclosing one, else the annex; with the annex.
 */
function fieldLabel(path: JsonPath, labels: Labels): string {
  const n = ANNEX_OF[String(path[0])];
  if (!n) return String(path[0]);
  const annex = labels.t('common.annex', { n });
  const words = path.slice(1).filter((p: string | number): p is string => typeof p === 'string');
  for (let len = words.length; len > 0; len--) {
    const w = words.slice(0, len);
    const last = w[w.length - 1];
    const candidates = [
      `annex${n}.${w.join('.')}`,
      `annex${n}.row.${w.join('.')}`,
      ...(len >= 2 ? [`annex${n}.${w.slice(0, -1).join('.')}.col.${last}`] : []),
    ];
    for (const key of candidates) {
      // Titles of the annexes are not field labels.
      if (!isLabelKey(key) || key.endsWith('.title')) continue;
      try {
        return `${annex}: ${labels.t(key).replace(/[:*]+$/, '')}`;
      } catch {
        // A label with parameters (a sentence around a value) does not name a field.
      }
    }
  }
  return `${annex}: ${labels.t(`annex${n}.title`)}`;
}

function valueText(v: unknown, lang: Lang): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { ru?: string; kk?: string };
    if ('ru' in o || 'kk' in o) return textExactly(o, lang) || pickText(o, lang);
  }
  return JSON.stringify(v);
}

export function comparisonReport(c: Comparison, labels: Labels): ComparisonReport {
  const lang = labels.lang;
  const lines = c.lines.map((l): LineRow => {
    const line = (l.new ?? l.old) as ComputedLine;
    const node = l.group.node;
    const where = `${rowNumber(node, l.group.ancestors)} ${shortNodeLabel(node, labels)}`.trim();
    const totalOld = l.old?.total;
    const totalNew = l.new?.total;
    const grantOld = l.old?.grant;
    const grantNew = l.new?.grant;
    // An added line counts from zero, a removed one down to zero.
    const diff = (a: Money | undefined, b: Money | undefined) => moneyString((b ?? ZERO).minus(a ?? ZERO));
    return {
      change: l.change,
      where,
      name: textExactly(line.name, lang) || pickText(line.name, lang),
      fields: l.fields,
      ...(l.old ? { old: figures(l.old, labels) } : {}),
      ...(l.new ? { new: figures(l.new, labels) } : {}),
      totalDifference: diff(totalOld, totalNew),
      grantDifference: diff(grantOld, grantNew),
      path: formatJsonPath(line.path),
    };
  });
  const totals = c.totals.map(
    (t): TotalRow => ({
      number: t.node.number,
      label:
        t.node.kind === 'activity'
          ? labels.t('annex5.activity', {
              n: (t.node as ComputedActivity).n,
              title: pickText((t.node as ComputedActivity).title, lang),
            })
          : shortNodeLabel(t.node, labels),
      kind: t.node.kind,
      path: formatJsonPath(t.node.path),
      old: columns(t.old),
      new: columns(t.new),
      difference: columns(t.difference),
    }),
  );
  const calendar = c.calendar.map(
    (m): MonthRow => ({
      activity: m.activity,
      title: pickText(m.title, lang),
      old: m.old ?? null,
      new: m.new ?? null,
      path: formatJsonPath(m.path),
    }),
  );
  const texts = c.texts.map(
    (t): TextRow => ({
      form: fieldLabel(t.path, labels),
      path: formatJsonPath(t.path),
      old: valueText(t.old, lang),
      new: valueText(t.new, lang),
    }),
  );
  return { lang, lines, totals, calendar, texts };
}

/** The report as JSON: amounts as exact decimal strings of tenge. */
export function comparisonJson(r: ComparisonReport): string {
  return `${JSON.stringify({ currency: 'KZT', ...r }, null, 2)}\n`;
}

// The terminal gets ordinary spaces between digit groups, as `annexes totals` prints (documents keep no-break ones).
const amount = (v: string, _lang: Lang) => formatAmount(v, { separator: ' ' });
const signed = (v: string, lang: Lang) =>
  v.startsWith('-') ? `−${amount(v.slice(1), lang)}` : v === '0' ? '0' : `+${amount(v, lang)}`;
const MAX_TEXT = 60;
const clip = (s: string) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return [...one].length > MAX_TEXT ? `${[...one].slice(0, MAX_TEXT - 1).join('')}…` : one;
};

/** Aligned columns: text to the left, figures to the right. */
function table(header: string[], rows: string[][], rightFrom: number): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
  const pad = (cell: string, i: number) => {
    const gap = ' '.repeat((widths[i] ?? 0) - [...cell].length);
    return i >= rightFrom ? gap + cell : cell + gap;
  };
  const render = (r: string[]) =>
    r
      .map((c, i) => pad(c, i))
      .join('  ')
      .trimEnd();
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(render)].join('\n');
}

export function changeWord(change: LineRow['change'], labels: Labels): string {
  return labels.t(`annex5.diff.${change}`);
}

/** «5 000 × 9» for a line's figures. */
export function lineFiguresText(f: LineFigures | undefined, lang: Lang): string {
  if (!f) return '';
  const quantity = formatQuantity(f.quantity, { separator: ' ' });
  return `${quantity} ${f.unit} × ${amount(f.price, lang)} = ${amount(f.total, lang)}`;
}

/** The comparison as text for the terminal. */
export function formatComparisonTable(r: ComparisonReport, labels: Labels): string {
  const lang = r.lang;
  const t = (k: string) => labels.t(k as Parameters<Labels['t']>[0]);
  const out: string[] = [];
  if (r.lines.length + r.totals.length + r.calendar.length + r.texts.length === 0) return `${t('annex5.diff.none')}\n`;
  if (r.lines.length > 0) {
    out.push(`${t('annex5.diff.lines')}:`, '');
    out.push(
      table(
        [
          t('annex5.diff.col.where'),
          t('annex5.diff.col.name'),
          t('annex5.diff.col.change'),
          t('annex5.diff.col.old'),
          t('annex5.diff.col.new'),
          t('annex5.diff.col.difference'),
        ],
        r.lines.map((l) => [
          clip(l.where),
          clip(l.name),
          changeWord(l.change, labels),
          lineFiguresText(l.old, lang),
          lineFiguresText(l.new, lang),
          signed(l.totalDifference, lang),
        ]),
        5,
      ),
      '',
    );
  }
  if (r.totals.length > 0) {
    out.push(`${t('annex5.diff.totals')}:`, '');
    const cols = MONEY_COLUMNS.flatMap((c) => [
      `${t(`annex5.col.${c}`)}: ${t('annex5.diff.col.old')}`,
      t('annex5.diff.col.new'),
      t('annex5.diff.col.difference'),
    ]);
    out.push(
      table(
        [t('annex5.col.no'), t('annex5.diff.col.where'), ...cols],
        r.totals.map((x) => [
          x.number,
          clip(x.label),
          ...MONEY_COLUMNS.flatMap((c) => [
            amount(x.old[c], lang),
            amount(x.new[c], lang),
            signed(x.difference[c], lang),
          ]),
        ]),
        2,
      ),
      '',
    );
  }
  if (r.calendar.length > 0) {
    out.push(`${t('annex5.diff.calendar')}:`, '');
    out.push(
      table(
        [t('annex5.diff.col.activity'), t('annex5.diff.col.old'), t('annex5.diff.col.new')],
        r.calendar.map((m) => [clip(`${m.activity}. ${m.title}`), m.old?.join(', ') ?? '', m.new?.join(', ') ?? '']),
        3,
      ),
      '',
    );
  }
  if (r.texts.length > 0) {
    out.push(`${t('annex5.diff.texts')}:`, '');
    out.push(
      table(
        [t('annex5.diff.col.field'), t('annex5.diff.col.path'), t('annex5.diff.col.old'), t('annex5.diff.col.new')],
        r.texts.map((x) => [clip(x.form), x.path, clip(x.old), clip(x.new)]),
        4,
      ),
      '',
    );
  }
  return `${out.join('\n')}\n`;
}
