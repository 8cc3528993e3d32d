/**
 * Reads an estimate workbook (made by export, then edited in Excel, LibreOffice or Google Sheets) back into the
 * application file's estimate: names, units, quantities, prices, own and co-financing amounts; lines added,
 * removed or moved between rows of the form. Everything else of the file stays byte for byte as it was: only the
 * changed values (or the changed lists of lines) are edited in the JSON text, with jsonc-parser.
 *
 * The formulas of the book are never read as data: the engine computes every total again, and a cached result
 * that disagrees with it is reported as a warning.
 */
import ExcelJS from 'exceljs';
import { applyEdits, type FormattingOptions, modify } from 'jsonc-parser';
import { computeEstimate, walkLines } from '../budget/index.ts';
import { type Money, roundToTiyn, toDecimal } from '../budget/money.ts';
import type { ComputedLine, ComputedNode } from '../budget/types.ts';
import type { Diagnostic, JsonPath } from '../diagnostics/diagnostic.ts';
import { isUnitCode } from '../i18n/format.ts';
import { type Labels, loadLabels } from '../i18n/labels.ts';
import { UNIT_CODES } from '../model/annex5.ts';
import type { Application } from '../model/application.ts';
import type { Lang, LocalizedText } from '../model/common.ts';
import type { UiLang } from '../validation/messages.ts';
import { formatDiagnostic, formatJsonPath, messageText } from '../validation/report.ts';
import { validateText } from '../validation/validate.ts';
import { nodeLabel, otherLang, textExactly, unitText } from '../views/estimate-labels.ts';
import { jsonNumber, parseAmountText } from './amounts.ts';
import { sheetNames } from './export.ts';
import {
  COL,
  type ColumnName,
  colLetter,
  FIRST_BODY_ROW,
  groupKeyOfLine,
  HEADER_ROWS,
  holdsLines,
  isLineKey,
  keyOf,
  LAST_COL,
  nodesByKey,
  PLACEHOLDER,
  pathOf,
} from './layout.ts';
import { formatSheetProblem, type SheetProblem } from './messages.ts';

/** A workbook larger than this is refused before it is unpacked. */
export const MAX_BOOK_BYTES = 10 * 1024 * 1024;

type RawLine = Record<string, unknown>;

export interface ImportInput {
  /** The workbook's bytes. */
  book: Uint8Array;
  /** Name of the workbook in messages. */
  bookName: string;
  /** The application file's text, its validated application and its name in messages. */
  fileText: string;
  application: Application;
  fileName: string;
  /** The file's own problems (warnings), when the caller has validated it already. */
  fileDiagnostics?: Diagnostic[];
  uiLang: UiLang;
}

export interface ImportResult {
  /** False when the workbook has errors: nothing is to be written. */
  ok: boolean;
  /** Messages, each naming the sheet and cell (or the file) in the interface language. */
  errors: string[];
  warnings: string[];
  /** The new text of the application file (equal to the old one when nothing changed). */
  text: string;
  changed: boolean;
  /** The application read from the new text (when ok). */
  application?: Application;
  lineCount: number;
}

/** What a cell holds, as the import reads it. */
type CellContent =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'text'; text: string }
  | { kind: 'formula'; result: number | string | undefined }
  | { kind: 'error'; text: string };

function contentOf(cell: ExcelJS.Cell): CellContent {
  const v = cell.value;
  if (v === null || v === undefined) return { kind: 'empty' };
  if (typeof v === 'number') return { kind: 'number', value: v };
  if (typeof v === 'string') return v === '' ? { kind: 'empty' } : { kind: 'text', text: v };
  if (typeof v === 'boolean') return { kind: 'text', text: String(v) };
  if (v instanceof Date) return { kind: 'text', text: v.toISOString().slice(0, 10) };
  if ('richText' in v) {
    const text = v.richText.map((r) => r.text).join('');
    return text === '' ? { kind: 'empty' } : { kind: 'text', text };
  }
  if ('formula' in v || 'sharedFormula' in v) {
    const r = (v as ExcelJS.CellFormulaValue).result;
    if (typeof r === 'number' || typeof r === 'string') return { kind: 'formula', result: r };
    if (r && typeof r === 'object' && 'error' in r) return { kind: 'error', text: String(r.error) };
    return { kind: 'formula', result: undefined };
  }
  if ('error' in v) return { kind: 'error', text: String(v.error) };
  if ('text' in v) return { kind: 'text', text: String((v as { text: unknown }).text) };
  return { kind: 'text', text: String(cell.text) };
}

/** The text of a cell, trimmed (keys, units, headers). */
const textOf = (c: CellContent): string => rawTextOf(c).trim();
/** The text of a cell exactly as typed (names keep their spaces). */
const rawTextOf = (c: CellContent): string =>
  c.kind === 'text'
    ? c.text
    : c.kind === 'number'
      ? String(c.value)
      : c.kind === 'formula' && c.result !== undefined
        ? String(c.result)
        : '';

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

export async function importEstimateWorkbook(input: ImportInput): Promise<ImportResult> {
  const { uiLang } = input;
  const fail = (problems: SheetProblem[]): ImportResult => ({
    ok: false,
    errors: problems.map((p) => formatSheetProblem(p, uiLang, input.bookName)),
    warnings: [],
    text: input.fileText,
    changed: false,
    lineCount: 0,
  });
  if (input.book.byteLength > MAX_BOOK_BYTES)
    return fail([
      {
        severity: 'error',
        key: 'tooLarge',
        params: { mb: (input.book.byteLength / 1048576).toFixed(1), limit: MAX_BOOK_BYTES / 1048576 },
      },
    ]);
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(input.book as unknown as ArrayBuffer);
  } catch (e) {
    const reason = String((e as Error)?.message ?? e)
      .split('\n')[0]!
      .slice(0, 120);
    return fail([{ severity: 'error', key: 'notWorkbook', params: { reason } }]);
  }

  // The sheets: the estimate and the checks, in either language; nothing else.
  const ru = sheetNames('ru');
  const kk = sheetNames('kk');
  const estimateNames = [ru.estimate, kk.estimate];
  const checksNames = [ru.checks, kk.checks];
  const sheets = book.worksheets;
  const sheet = sheets.find((s) => estimateNames.includes(s.name));
  const extra = sheets.filter((s) => !estimateNames.includes(s.name) && !checksNames.includes(s.name));
  if (!sheet)
    return fail([
      {
        severity: 'error',
        key: 'noEstimateSheet',
        params: { sheet: ru.estimate, found: sheets.map((s) => `«${s.name}»`).join(', ') || '—' },
      },
    ]);
  const names = sheet.name === kk.estimate ? kk : ru;
  if (extra.length > 0)
    return fail(
      extra.map((s) => ({
        severity: 'error',
        sheet: s.name,
        key: 'extraSheet',
        params: { sheet: s.name, estimate: names.estimate, checks: names.checks },
      })),
    );
  const at = (col: number, row: number) => `${colLetter(col)}${row}`;
  const where = (col: number, row: number) => ({ sheet: sheet.name, cell: at(col, row) });

  // The header says the sheet's language; each of its cells must be where export put it.
  const lang: Lang =
    norm(textOf(contentOf(sheet.getCell(HEADER_ROWS[0], COL.name)))) ===
    norm(loadLabels('2015-413', 'kk').t('annex5.col.article'))
      ? 'kk'
      : 'ru';
  const labels = loadLabels(input.application.edition, lang);
  const expected: [number, number, string][] = [
    [HEADER_ROWS[0], COL.no, 'annex5.col.no'],
    [HEADER_ROWS[0], COL.name, 'annex5.col.article'],
    [HEADER_ROWS[0], COL.unit, 'annex5.col.unit'],
    [HEADER_ROWS[0], COL.quantity, 'annex5.col.quantity'],
    [HEADER_ROWS[0], COL.price, 'annex5.col.price'],
    [HEADER_ROWS[0], COL.total, 'annex5.col.total'],
    [HEADER_ROWS[0], COL.own, 'annex5.col.sources'],
    [HEADER_ROWS[1], COL.own, 'annex5.col.own'],
    [HEADER_ROWS[1], COL.cofinancing, 'annex5.col.cofinancing'],
    [HEADER_ROWS[1], COL.grant, 'annex5.col.grant'],
    [HEADER_ROWS[0], COL.otherName, 'annex5.sheet.otherName'],
    [HEADER_ROWS[0], COL.key, 'annex5.sheet.rowKey'],
  ];
  for (const [row, col, key] of expected) {
    const want = labels.t(key as Parameters<Labels['t']>[0]);
    const got = textOf(contentOf(sheet.getCell(row, col)));
    if (norm(got) !== norm(want))
      return fail([
        {
          severity: 'error',
          ...where(col, row),
          key: 'badHeader',
          params: {
            expected: want,
            found: got === '' ? `(${emptyWord(uiLang)})` : `«${got}»`,
            rows: `${HEADER_ROWS[0]}–${HEADER_ROWS[1]}`,
          },
        },
      ]);
  }

  const app = input.application;
  const computed = computeEstimate(app.estimate, app.project.calendar);
  const nodes = nodesByKey(computed);
  const rawRoot = JSON.parse(input.fileText) as Record<string, unknown>;
  const rawLines = new Map<string, RawLine>();
  for (const line of walkLines(computed)) {
    const raw = rawAt(rawRoot, line.path);
    if (raw && typeof raw === 'object') rawLines.set(keyOf(line.path), raw as RawLine);
  }
  const other = otherLang(lang);

  const errors: SheetProblem[] = [];
  const warnings: SheetProblem[] = [];
  /** Per row of the form that holds lines: the new raw lines, the sheet row of each, where each came from. */
  const groups = new Map<string, { lines: RawLine[]; rows: number[]; origins: (string | undefined)[] }>();
  const headingRow = new Map<string, number>();
  /** Cached results of the book's formulas, to compare with the engine afterwards. */
  const cached: {
    row: number;
    col: number;
    value: number;
    target: { key: string } | { group: string; index: number };
  }[] = [];
  let current: ComputedNode | undefined;
  let pendingEmpty: number | undefined;

  const last = sheet.rowCount;
  for (let r = FIRST_BODY_ROW; r <= last; r++) {
    const row = sheet.getRow(r);
    const cells: CellContent[] = [];
    for (let c = 1; c <= LAST_COL; c++) cells[c] = contentOf(row.getCell(c));
    const get = (name: ColumnName) => cells[COL[name]] as CellContent;
    if (cells.slice(1).every((c) => c.kind === 'empty')) {
      pendingEmpty ??= r;
      continue;
    }
    if (pendingEmpty !== undefined) {
      errors.push({
        severity: 'error',
        ...where(COL.no, pendingEmpty),
        key: 'emptyRow',
        params: { row: pendingEmpty },
      });
      pendingEmpty = undefined;
    }
    for (let c = 1; c <= LAST_COL; c++) {
      const cell = row.getCell(c);
      if (cell.isMerged) {
        const master = cell.master;
        errors.push({
          severity: 'error',
          ...where(c, r),
          key: 'merged',
          params: { range: `${master.address}:${lastOfMerge(sheet, master, r, c)}` },
        });
        break;
      }
    }
    const key = textOf(get('key'));
    if (key !== '' && !isLineKey(key)) {
      // A row of the form: an article, a section, a group, the total.
      const node = nodes.get(key);
      if (!node) {
        errors.push({
          severity: 'error',
          ...where(COL.key, r),
          key: 'unknownKey',
          params: { key, col: colLetter(COL.key) },
        });
        continue;
      }
      const first = headingRow.get(key);
      if (first !== undefined) {
        errors.push({
          severity: 'error',
          ...where(COL.name, r),
          key: 'duplicateHeading',
          params: { label: nodeLabel(node, labels), first },
        });
        continue;
      }
      headingRow.set(key, r);
      for (const col of ['unit', 'quantity', 'price'] as const)
        if (get(col).kind !== 'empty')
          errors.push({
            severity: 'error',
            ...where(COL[col], r),
            key: 'figuresOnHeading',
            params: { label: nodeLabel(node, labels) },
          });
      for (const col of ['total', 'own', 'cofinancing', 'grant'] as const) {
        const c = get(col);
        if (c.kind === 'formula' && typeof c.result === 'number')
          cached.push({ row: r, col: COL[col], value: c.result, target: { key } });
        else if (c.kind === 'number' || c.kind === 'text')
          errors.push({
            severity: 'error',
            ...where(COL[col], r),
            key: 'figuresOnHeading',
            params: { label: nodeLabel(node, labels) },
          });
      }
      current = node;
      if (holdsLines(node)) groups.set(key, { lines: [], rows: [], origins: [] });
      continue;
    }

    // A line, a «…» row, or a row of formulas alone (left from a copied row): the last two are skipped.
    const name = rawTextOf(get('name'));
    const dataCols = ['unit', 'quantity', 'price', 'own', 'cofinancing', 'otherName'] as const;
    const noData = dataCols.every((c) => get(c).kind === 'empty');
    if (noData && ['', PLACEHOLDER, '...'].includes(name.trim())) continue;

    if (!current) {
      errors.push({ severity: 'error', ...where(COL.name, r), key: 'lineBeforeHeading' });
      continue;
    }
    if (!holdsLines(current)) {
      errors.push({
        severity: 'error',
        ...where(COL.name, r),
        key: 'lineOutsideGroup',
        params: { name: name || textOf(get('unit')), label: nodeLabel(current, labels) },
      });
      continue;
    }
    const origin = key !== '' && rawLines.has(key) ? key : undefined;
    const orig = origin ? rawLines.get(origin) : undefined;
    const origComputed = origin ? lineByKey(nodes, origin) : undefined;

    const amount = (col: 'quantity' | 'price' | 'own' | 'cofinancing'): Money | undefined | null => {
      const c = get(col);
      switch (c.kind) {
        case 'empty':
          return undefined;
        case 'number':
          return toDecimal(c.value);
        case 'text': {
          const d = parseAmountText(c.text);
          if (d === undefined) {
            errors.push({ severity: 'error', ...where(COL[col], r), key: 'notNumber', params: { text: c.text } });
            return null;
          }
          return d;
        }
        case 'formula': {
          if (c.result === undefined) {
            errors.push({ severity: 'error', ...where(COL[col], r), key: 'formulaNoResult' });
            return null;
          }
          const d = typeof c.result === 'number' ? toDecimal(c.result) : parseAmountText(c.result);
          if (d === undefined) {
            errors.push({ severity: 'error', ...where(COL[col], r), key: 'notNumber', params: { text: c.result } });
            return null;
          }
          return d;
        }
        case 'error':
          errors.push({ severity: 'error', ...where(COL[col], r), key: 'notNumber', params: { text: c.text } });
          return null;
      }
    };
    const quantity = amount('quantity');
    const price = amount('price');
    const own = amount('own');
    const cofinancing = amount('cofinancing');
    const unitCell = textOf(get('unit'));
    const otherName = rawTextOf(get('otherName'));

    const line: RawLine = orig ? { ...orig } : {};
    // Name: kept as written in the file (both languages) unless the sheet changed it.
    const origName = orig?.name as LocalizedText | undefined;
    const sameName = orig && name === textExactly(origName, lang) && otherName === textExactly(origName, other);
    if (!sameName) setOrDelete(line, 'name', composeName(name, otherName, lang));
    // Unit: likewise; a unit of the catalogue typed by its name in either language becomes its code.
    const sameUnit = orig && origComputed && rawTextOf(get('unit')) === unitText(origComputed.unit, labels);
    if (!sameUnit) {
      if (unitCell === '')
        errors.push({ severity: 'error', ...where(COL.unit, r), key: 'required', params: { what: 'what.unit' } });
      else line.unit = parseUnit(unitCell, lang, app.edition);
    }
    const required = (col: 'quantity' | 'price', value: Money | undefined | null) => {
      if (value === undefined)
        errors.push({ severity: 'error', ...where(COL[col], r), key: 'required', params: { what: `what.${col}` } });
      else if (value !== null && !(orig && typeof orig[col] === 'number' && toDecimal(orig[col] as number).eq(value)))
        line[col] = jsonNumber(value);
    };
    required('quantity', quantity);
    required('price', price);
    for (const [field, value] of [
      ['own', own],
      ['cofinancing', cofinancing],
    ] as const) {
      if (value === null) continue;
      const before = typeof orig?.[field] === 'number' ? toDecimal(orig[field] as number) : undefined;
      const now = value ?? undefined;
      if (orig && (before ?? toDecimal(0)).eq(now ?? toDecimal(0))) continue;
      setOrDelete(line, field, now === undefined || now.isZero() ? undefined : jsonNumber(now));
    }
    const group = groups.get(keyOf(current.path))!;
    const index = group.lines.length;
    group.lines.push(orig && deepEqual(line, orig) ? orig : orderLine(line));
    group.rows.push(r);
    group.origins.push(origin);
    // A figure typed over a line's formula is compared like a cached result: the engine's figure prints.
    for (const col of ['total', 'grant'] as const) {
      const c = get(col);
      const value = c.kind === 'formula' ? c.result : c.kind === 'number' ? c.value : undefined;
      if (typeof value === 'number')
        cached.push({ row: r, col: COL[col], value, target: { group: keyOf(current.path), index } });
    }
  }

  for (const [key, node] of nodes)
    if (!headingRow.has(key))
      errors.push({
        severity: 'error',
        sheet: sheet.name,
        key: 'missingHeading',
        params: { label: nodeLabel(node, labels), key },
      });
  if (errors.length > 0) return fail(errors);

  // The new file text: only what changed is edited.
  const formatting = formattingOf(input.fileText);
  let text = input.fileText;
  const edit = (path: JsonPath, value: unknown) => {
    text = applyEdits(text, modify(text, path, value, { formattingOptions: formatting }));
  };
  for (const [key, group] of groups) {
    const path = [...pathOf(key), 'lines'];
    const before = rawAt(rawRoot, path) as RawLine[] | undefined;
    if (deepEqual(before ?? [], group.lines)) continue;
    const inPlace =
      before !== undefined &&
      before.length === group.lines.length &&
      group.origins.every((o, i) => o === `${key}.lines.${i}`);
    if (!inPlace) {
      edit(path, group.lines);
      continue;
    }
    group.lines.forEach((line, i) => {
      const old = before[i] as RawLine;
      for (const field of new Set([...Object.keys(old), ...Object.keys(line)]))
        if (!deepEqual(old[field], line[field])) edit([...path, i, field], line[field]);
    });
  }

  const checked = validateText(text);
  const cellOf = new Map<string, number>();
  for (const [key, group] of groups)
    group.rows.forEach((row, i) => {
      cellOf.set(`${key}.lines.${i}`, row);
    });
  const FIELD_COL: Record<string, number> = {
    name: COL.name,
    unit: COL.unit,
    quantity: COL.quantity,
    price: COL.price,
    own: COL.own,
    cofinancing: COL.cofinancing,
  };
  const located = (d: (typeof checked.diagnostics)[number]): string => {
    const i = d.path.lastIndexOf('lines');
    if (i >= 0 && typeof d.path[i + 1] === 'number') {
      const row = cellOf.get(keyOf(d.path.slice(0, i + 2)));
      const field = d.path[i + 2];
      const col = typeof field === 'string' ? (FIELD_COL[field] ?? COL.grant) : COL.grant;
      if (row !== undefined)
        return formatSheetProblem(
          {
            severity: d.severity,
            ...where(col, row),
            key: 'dataProblem',
            params: { message: messageText(d, uiLang) },
          },
          uiLang,
          input.bookName,
        );
    }
    return formatDiagnostic(input.fileName, d, uiLang);
  };
  const dataErrors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (!checked.ok || !checked.application)
    return { ...fail([]), errors: dataErrors.map(located), text: input.fileText };

  // Warnings: the book's cached results that disagree with the engine, and the data's warnings that are new.
  const after = computeEstimate(checked.application.estimate, checked.application.project.calendar);
  const afterNodes = nodesByKey(after);
  const columns: Record<number, 'total' | 'own' | 'cofinancing' | 'grant'> = {
    [COL.total]: 'total',
    [COL.own]: 'own',
    [COL.cofinancing]: 'cofinancing',
    [COL.grant]: 'grant',
  };
  for (const c of cached) {
    const field = columns[c.col]!;
    const target =
      'key' in c.target
        ? afterNodes.get(c.target.key)
        : afterNodes.get(c.target.group)?.lines[(c.target as { index: number }).index];
    if (!target) continue;
    const engine = target[field];
    if (!roundToTiyn(toDecimal(c.value)).eq(engine))
      warnings.push({
        severity: 'warning',
        ...where(c.col, c.row),
        key: 'cachedDiffers',
        params: { cached: groupAmount(roundToTiyn(toDecimal(c.value))), computed: groupAmount(engine) },
      });
  }
  const oldWarnings = new Set(
    (input.fileDiagnostics ?? validateText(input.fileText).diagnostics).map(
      (d) => `${formatJsonPath(d.path)} ${messageText(d, 'en')}`,
    ),
  );
  const newWarnings = checked.diagnostics.filter(
    (d) => d.severity === 'warning' && !oldWarnings.has(`${formatJsonPath(d.path)} ${messageText(d, 'en')}`),
  );
  return {
    ok: true,
    errors: [],
    warnings: [
      ...warnings.map((w) => formatSheetProblem(w, uiLang, input.bookName)),
      ...newWarnings.map((d) => located(d)),
    ],
    text,
    changed: text !== input.fileText,
    application: checked.application,
    lineCount: [...groups.values()].reduce((n, g) => n + g.lines.length, 0),
  };
}

function emptyWord(lang: UiLang): string {
  return { ru: 'пусто', kk: 'бос', en: 'empty' }[lang];
}

/** «1 234 567,5» for messages. */
function groupAmount(v: Money): string {
  const [whole, fraction] = (v.isInteger() ? v.toFixed(0) : v.toFixed(2)).split('.');
  return whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ' ') + (fraction ? `,${fraction}` : '');
}

function lastOfMerge(sheet: ExcelJS.Worksheet, master: ExcelJS.Cell, row: number, col: number): string {
  // The far corner of the merge that covers (row, col): walk right and down while cells share the master.
  let r = row;
  let c = col;
  while (c < LAST_COL && sheet.getCell(r, c + 1).isMergedTo(master)) c++;
  while (sheet.getCell(r + 1, c).isMergedTo(master)) r++;
  return `${colLetter(c)}${r}`;
}

function lineByKey(nodes: Map<string, ComputedNode>, key: string): ComputedLine | undefined {
  const group = nodes.get(groupKeyOfLine(key));
  const index = Number(key.slice(key.lastIndexOf('.') + 1));
  return group?.lines[index];
}

/** A name from the sheet's two name columns: one text when both say the same, else per language. */
function composeName(name: string, otherName: string, lang: Lang): LocalizedText | undefined {
  if (name === '' && otherName === '') return undefined;
  if (name === otherName) return name;
  const other = otherLang(lang);
  const byLang: Record<Lang, string> = { [lang]: name, [other]: otherName } as Record<Lang, string>;
  const out: { ru?: string; kk?: string } = {};
  if (byLang.ru !== '') out.ru = byLang.ru;
  if (byLang.kk !== '') out.kk = byLang.kk;
  return out as LocalizedText;
}

function parseUnit(text: string, lang: Lang, edition: string): LocalizedText {
  const t = norm(text).toLowerCase();
  for (const l of [lang, otherLang(lang)]) {
    const labels = loadLabels(edition, l);
    for (const code of UNIT_CODES) if (norm(labels.t(`unit.${code}`)).toLowerCase() === t) return code;
  }
  if (isUnitCode(text.trim())) return text.trim();
  return { [lang]: text.trim() } as LocalizedText;
}

/** Lines written in the file's usual key order. */
function orderLine(line: RawLine): RawLine {
  const order = ['name', 'unit', 'quantity', 'price', 'own', 'cofinancing'];
  const out: RawLine = {};
  for (const k of order) if (line[k] !== undefined) out[k] = line[k];
  for (const [k, v] of Object.entries(line)) if (!(k in out) && v !== undefined) out[k] = v;
  return out;
}

function setOrDelete(obj: RawLine, key: string, value: unknown): void {
  if (value === undefined) delete obj[key];
  else obj[key] = value;
}

function rawAt(root: unknown, path: JsonPath): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The indentation and line ends the file already uses, so that edited parts look like the rest. */
function formattingOf(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return indent.startsWith('\t')
    ? { insertSpaces: false, tabSize: 1, eol }
    : { insertSpaces: true, tabSize: indent.length, eol };
}
