/**
 * The estimate as an XLSX workbook in the layout of Annex 5, with live formulas: each line's total is
 * ROUND(quantity × price, 2), its grant total − own − co-financing, every subtotal a SUM of its lines or of its
 * rows, the grand total a SUM of the sections. A second sheet holds the checks of the grant as formulas.
 *
 * No cached results are written: the spreadsheet computes every figure itself when it opens the book (Excel is
 * told to recalculate fully on load), so what it shows is its own arithmetic, which import compares with the engine.
 */
import ExcelJS from 'exceljs';
import { computeEstimate } from '../budget/index.ts';
import type { ComputedNode } from '../budget/types.ts';
import { loadLabels } from '../i18n/labels.ts';
import type { Application } from '../model/application.ts';
import type { Lang } from '../model/common.ts';
import { nodeLabel, otherLang, textExactly, unitText } from '../views/estimate-labels.ts';
import { pickText } from '../views/language.ts';
import {
  COL,
  colLetter,
  FIRST_BODY_ROW,
  HEADER_ROWS,
  holdsLines,
  keyOf,
  LAST_COL,
  PLACEHOLDER,
  PROJECT_ROW,
  sheetRows,
  TITLE_ROW,
} from './layout.ts';

/** Number formats: digit groups; the spreadsheet shows its locale's separators (a space and a decimal comma in ru/kk). */
export const MONEY_FORMAT = '#,##0.00';
const QUANTITY_FORMAT = '#,##0.###';
const WHOLE_FORMAT = '#,##0';

const WIDTHS: Record<number, number> = {
  [COL.no]: 6,
  [COL.name]: 60,
  [COL.unit]: 14,
  [COL.quantity]: 11,
  [COL.price]: 15,
  [COL.total]: 16,
  [COL.own]: 16,
  [COL.cofinancing]: 16,
  [COL.grant]: 16,
  [COL.otherName]: 45,
  [COL.key]: 40,
};

/** Sheet names of a language (import accepts either language's). */
export function sheetNames(lang: Lang): { estimate: string; checks: string } {
  const labels = loadLabels('2015-413', lang);
  return { estimate: labels.t('annex5.sheet.estimate'), checks: labels.t('annex5.sheet.checks') };
}

/** A sheet name inside a formula: quoted, with its quotes doubled. */
const sheetRef = (name: string) => `'${name.replace(/'/g, "''")}'`;

export async function exportEstimateWorkbook(app: Application, lang: Lang): Promise<Buffer> {
  const labels = loadLabels(app.edition, lang);
  const computed = computeEstimate(app.estimate, app.project.calendar);
  const names = sheetNames(lang);

  const book = new ExcelJS.Workbook();
  book.creator = 'annexes';
  // Excel recalculates every formula when it opens the book; LibreOffice computes formulas without results itself.
  book.calcProperties.fullCalcOnLoad = true;
  const sheet = book.addWorksheet(names.estimate, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROWS[1], activeCell: `B${FIRST_BODY_ROW}` }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADER_ROWS[0]}:${HEADER_ROWS[1]}`,
      margins: { left: 1.18, right: 0.59, top: 0.79, bottom: 0.79, header: 0.3, footer: 0.3 },
    },
  });
  for (const [col, width] of Object.entries(WIDTHS)) sheet.getColumn(Number(col)).width = width;
  sheet.getColumn(COL.key).hidden = true;
  // Only the nine columns of the form are printed.
  sheet.pageSetup.printArea = `A1:${colLetter(COL.grant)}${FIRST_BODY_ROW + sheetRows(computed).length}`;

  sheet.getCell(TITLE_ROW, COL.no).value = labels.t('annex5.title');
  sheet.getCell(TITLE_ROW, COL.no).font = { bold: true, size: 12 };
  sheet.getCell(PROJECT_ROW, COL.no).value = pickText(app.project.title, lang);

  // The two-level header of the form: the sources of funding span their three columns.
  const [h1, h2] = HEADER_ROWS;
  const header: [number, string][] = [
    [COL.no, 'annex5.col.no'],
    [COL.name, 'annex5.col.article'],
    [COL.unit, 'annex5.col.unit'],
    [COL.quantity, 'annex5.col.quantity'],
    [COL.price, 'annex5.col.price'],
    [COL.total, 'annex5.col.total'],
    [COL.otherName, 'annex5.sheet.otherName'],
    [COL.key, 'annex5.sheet.rowKey'],
  ];
  for (const [col, key] of header) {
    sheet.getCell(h1, col).value = labels.t(key as Parameters<typeof labels.t>[0]);
    sheet.mergeCells(h1, col, h2, col);
  }
  sheet.getCell(h1, COL.own).value = labels.t('annex5.col.sources');
  sheet.mergeCells(h1, COL.own, h1, COL.grant);
  sheet.getCell(h2, COL.own).value = labels.t('annex5.col.own');
  sheet.getCell(h2, COL.cofinancing).value = labels.t('annex5.col.cofinancing');
  sheet.getCell(h2, COL.grant).value = labels.t('annex5.col.grant');
  for (const r of HEADER_ROWS)
    for (let c = 1; c <= LAST_COL; c++) {
      const cell = sheet.getCell(r, c);
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
      cell.border = thin;
    }

  const rows = sheetRows(computed);
  const rowOf = new Map<ComputedNode, number>();
  rows.forEach((r, i) => {
    if (r.kind === 'heading') rowOf.set(r.node, FIRST_BODY_ROW + i);
  });
  const money = [COL.total, COL.own, COL.cofinancing, COL.grant] as const;
  const other = otherLang(lang);

  rows.forEach((row, i) => {
    const r = FIRST_BODY_ROW + i;
    const cells = sheet.getRow(r);
    const set = (col: number, value: ExcelJS.CellValue) => {
      cells.getCell(col).value = value;
    };
    if (row.kind === 'heading') {
      const node = row.node;
      set(COL.no, node.number || null);
      set(COL.name, nodeLabel(node, labels));
      if (node.role === 'extra' && 'text' in node.label)
        set(COL.otherName, textExactly(node.label.text, other) || null);
      set(COL.key, keyOf(node.path));
      for (const col of money) {
        const L = colLetter(col);
        if (holdsLines(node)) {
          const count = Math.max(1, node.lines.length);
          set(col, { formula: `SUM(${L}${r + 1}:${L}${r + count})` } as ExcelJS.CellFormulaValue);
        } else {
          const parts = node.children.map((c) => `${L}${rowOf.get(c)}`);
          set(col, { formula: parts.length ? `SUM(${parts.join(',')})` : '0' } as ExcelJS.CellFormulaValue);
        }
      }
      const bold = node.kind === 'section' || node.kind === 'estimate' || node.kind === 'activity';
      if (bold) cells.font = { bold: true };
    } else if (row.kind === 'line') {
      const line = row.line;
      set(COL.name, textExactly(line.name, lang) || null);
      set(COL.unit, unitText(line.unit, labels) || null);
      set(COL.quantity, line.quantity.toNumber());
      set(COL.price, line.price.toNumber());
      set(COL.total, { formula: `ROUND(D${r}*E${r},2)` } as ExcelJS.CellFormulaValue);
      set(COL.own, line.own.isZero() ? null : line.own.toNumber());
      set(COL.cofinancing, line.cofinancing.isZero() ? null : line.cofinancing.toNumber());
      set(COL.grant, { formula: `F${r}-G${r}-H${r}` } as ExcelJS.CellFormulaValue);
      set(COL.otherName, textExactly(line.name, other) || null);
      set(COL.key, keyOf(line.path));
      cells.getCell(COL.quantity).numFmt = line.quantity.isInteger() ? WHOLE_FORMAT : QUANTITY_FORMAT;
      cells.getCell(COL.price).numFmt = MONEY_FORMAT;
    } else {
      set(COL.name, PLACEHOLDER);
    }
    for (const col of money) cells.getCell(col).numFmt = MONEY_FORMAT;
    cells.getCell(COL.name).alignment = { wrapText: true, vertical: 'top', indent: Math.min(row.depth, 6) };
    cells.getCell(COL.otherName).alignment = { wrapText: true, vertical: 'top' };
    for (let c = 1; c <= COL.grant; c++) cells.getCell(c).border = thin;
  });

  addChecksSheet(book, names, labels, app, rowOf, computed);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const thinSide = { style: 'thin' as const };
const thin: Partial<ExcelJS.Borders> = { top: thinSide, left: thinSide, bottom: thinSide, right: thinSide };

/** The checks of the grant, as formulas over the estimate sheet: grant column against the grant amount, material share. */
function addChecksSheet(
  book: ExcelJS.Workbook,
  names: { estimate: string; checks: string },
  labels: ReturnType<typeof loadLabels>,
  app: Application,
  rowOf: Map<ComputedNode, number>,
  computed: ReturnType<typeof computeEstimate>,
): void {
  const sheet = book.addWorksheet(names.checks, { pageSetup: { paperSize: 9, orientation: 'landscape' } });
  sheet.getColumn(1).width = 70;
  sheet.getColumn(2).width = 18;
  sheet.getColumn(3).width = 28;
  const est = sheetRef(names.estimate);
  const grantCell = `${est}!I${rowOf.get(computed)}`;
  const materialCell = `${est}!I${rowOf.get(computed.material)}`;
  const within = JSON.stringify(labels.t('annex5.sheet.withinLimit'));
  const over = JSON.stringify(labels.t('annex5.sheet.overLimit'));
  const f = (formula: string) => ({ formula }) as ExcelJS.CellFormulaValue;
  const grantAmount = app.estimate.grantAmount;
  sheet.addRow([
    labels.t('annex5.sheet.col.item'),
    labels.t('annex5.sheet.col.value'),
    labels.t('annex5.sheet.col.result'),
  ]);
  sheet.getRow(1).font = { bold: true };
  sheet.addRow([labels.t('annex5.sheet.grantColumn'), f(grantCell), null]);
  sheet.addRow([
    labels.t('annex5.sheet.grantAmount'),
    grantAmount ?? null,
    grantAmount === undefined ? labels.t('annex5.sheet.noGrantAmount') : f(`IF(B2<=B3,${within},${over})`),
  ]);
  sheet.addRow([labels.t('annex5.sheet.materialGrant'), f(materialCell), null]);
  sheet.addRow([labels.t('annex5.sheet.materialLimitPercent'), app.estimate.materialShareLimitPercent, null]);
  sheet.addRow([
    labels.t('annex5.sheet.materialLimit'),
    f('ROUNDDOWN(B2*B5/100,2)'),
    f(`IF(B4<=B6,${within},${over})`),
  ]);
  for (const r of [2, 3, 4, 6]) sheet.getCell(r, 2).numFmt = MONEY_FORMAT;
  sheet.getColumn(1).alignment = { wrapText: true, vertical: 'top' };
}
