/**
 * PDF writer: turns the document model into a PDF with pdfmake, embedding (subsets of) the vendored Tinos fonts,
 * which have Times New Roman's metrics, so lines break where Word breaks them in the DOCX.
 *
 * Geometry and typography come from src/document/page.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Pdfmake from 'pdfmake';
import type {
  Alignment,
  Content,
  ContentTable,
  ContentText,
  CustomTableLayout,
  TableCell,
  TDocumentDefinitions,
} from 'pdfmake/interfaces.js';
import { faceOf, widthEm } from '../../document/fonts.ts';
import { keepShortParagraphsWhole, keepsWithNext, keepTableEnds } from '../../document/keep.ts';
import { breakLongWords } from '../../document/long-words.ts';
import type {
  Align,
  Block,
  Document,
  Inline,
  List,
  Orientation,
  Paragraph,
  Table,
  TableCell as TableCellModel,
} from '../../document/model.ts';
import {
  contentWidthTwips,
  FONT,
  FONT_SIZE,
  FOOTER_DISTANCE_MM,
  LIST_STYLE,
  MARGINS_MM,
  mmToPt,
  type ParagraphContext,
  PDF_LINE_HEIGHT,
  paragraphDefaults,
  ptToTwips,
  RULE_STYLE,
  SINGLE_LINE_EM,
  TAB_STOP_MM,
  TABLE_STYLE,
  textHeightPt,
  twipsToPt,
  WIDOW_ORPHAN_LINES,
} from '../../document/page.ts';
import { columnWidthsTwips, placeCells } from '../../document/table-grid.ts';
import { FONTS_DIR } from '../../package-files.ts';
import { documentDate, languageTag, pdfmakeFixesOn, sectionsToWrite, taggedPdfOn, widowControlOn } from '../common.ts';
import { amountFontSize } from './fit-amount.ts';
import { wholeWords, withLineBreaks } from './line-breaks.ts';
import {
  type ContentMarker,
  contentMarker,
  type PdfStructure,
  type StructureTag,
  type StructureType,
} from './tagging.ts';

/** pdfmake is CommonJS: required, as imported from an ES module Node would first scan it for the names it exports. */
const pdfmake = createRequire(import.meta.url)('pdfmake') as typeof Pdfmake;

/** The vendored fonts, found from this file (not the working directory). */
const FONT_DIR = FONTS_DIR;

interface VirtualFs {
  writeFileSync(name: string, data: Buffer): void;
}

let fontsReady = false;

/**
 * Once per process: reads the fonts into pdfmake's in-memory file system (no disk reads per render) and forbids
 * any other file or URL access.
 */
function setUpPdfmake(): void {
  if (fontsReady) return;
  const vfs = (pdfmake as unknown as { virtualfs: VirtualFs }).virtualfs;
  for (const file of Object.values(FONT.pdfFiles)) vfs.writeFileSync(file, readFileSync(FONT_DIR + file));
  pdfmake.setFonts({ [FONT.pdfFamily]: { ...FONT.pdfFiles } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  fontsReady = true;
}

const pad = TABLE_STYLE.padding;

const TABLE_LAYOUT: CustomTableLayout = {
  hLineWidth: () => TABLE_STYLE.borderPt,
  vLineWidth: () => TABLE_STYLE.borderPt,
  hLineColor: () => '#000000',
  vLineColor: () => '#000000',
  // Word and LibreOffice draw a cell's borders in its margins: its text is as wide as the cell less the margins.
  // pdfmake puts a column's vertical line beside the padding, so the padding gives up half a line on each side.
  paddingLeft: () => pad.left - TABLE_STYLE.borderPt / 2,
  paddingRight: () => pad.right - TABLE_STYLE.borderPt / 2,
  paddingTop: () => pad.top,
  paddingBottom: () => pad.bottom,
};

/**
 * The table layout, with the patch's fix of the room left after a row breaks across pages (render/common.ts:
 * pdfmakeFixesOn).
 */
const tableLayout = (fixes: boolean): CustomTableLayout =>
  fixes ? ({ ...TABLE_LAYOUT, keepRoomAfterBrokenRow: true } as CustomTableLayout) : TABLE_LAYOUT;

/** Word's tab stops are every TAB_STOP_MM; a fixed gap of no-break spaces stands in for a tab (a space is 0.25 em). */
function tabText(fontSize: number): string {
  return '\u00a0'.repeat(Math.max(1, Math.round(mmToPt(TAB_STOP_MM) / (0.25 * fontSize))));
}

interface Flow {
  context: ParagraphContext;
  /** Width available to the content, pt. */
  width: number;
  cell?: { fontSize?: number; align?: Align; bold?: boolean };
  /** Height of the text area of the page, pt (to judge which rows may be kept whole). */
  pageHeight: number;
  /** The structure element the blocks belong to (tagging.ts); none: the document. */
  structure?: StructureTag;
  /** The Table element an open-topped table nested in a frameless cell continues (its rows are that table's). */
  continuesTable?: StructureTag;
}

/**
 * `tag`: the structure element of a text node's lines (tagging.ts). `orphans`, `widows`: lines kept at the foot
 * and the top of a page; `spaceBeforeAtPageTop`: see paragraph() (both patches/pdfmake+0.3.11.patch).
 */
type Node = Content & {
  id?: string;
  pageBreak?: 'before';
  unbreakable?: boolean;
  tag?: StructureTag;
  orphans?: number;
  widows?: number;
  spaceBeforeAtPageTop?: boolean;
};

/** An empty paragraph, which still takes a line. */
const emptyParagraph = (fontSize: number, parent: StructureTag): ContentText & Node => ({
  text: '\u00a0',
  fontSize,
  tag: { type: 'P', parent },
});

/** A structure element of the blocks of `flow`: a child of the flow's element, or of the document. */
const tagIn = (flow: Flow, type: StructureType): StructureTag =>
  flow.structure ? { type, parent: flow.structure } : { type };

/** A paragraph's structure element: headings of the body are H1 (the title) and H2, all else is a paragraph. */
function paragraphTag(p: Paragraph, flow: Flow): StructureTag {
  return tagIn(flow, flow.context !== 'body' ? 'P' : p.role === 'title' ? 'H1' : p.role === 'heading' ? 'H2' : 'P');
}

class Writer {
  /**
   * Keep-with-next: the id of the first node of a run of keep-with-next paragraphs → the id of the first line of
   * what they keep with (the first paragraph line, or the first body row of a table). The run moves to the next
   * page when that line does not start on its page, as Word and LibreOffice move it.
   */
  readonly keepWithNext = new Map<string, string>();
  /**
   * List items: the id of an item's row → the id of the first line of its text. The row moves to the next page
   * when that line does not start on its page (widow and orphan control moved it), so the marker goes with it.
   */
  readonly listItems = new Map<string, string>();
  private ids = 0;
  /** The patch's fixes of pdfmake's page breaks (render/common.ts: pdfmakeFixesOn). */
  readonly fixes = pdfmakeFixesOn();
  private readonly tableLayout = tableLayout(this.fixes);
  /** Widow and orphan control of the paragraphs (document/page.ts). */
  private readonly lineRules = widowControlOn() ? { orphans: WIDOW_ORPHAN_LINES, widows: WIDOW_ORPHAN_LINES } : {};

  /** A section's nodes, with the keep-with-next runs marked (see pageBreakBefore in pdfDefinition). */
  section(sectionBlocks: Block[], flow: Flow): Content[] {
    const blocks = keepTableEnds(keepShortParagraphsWhole(sectionBlocks, flow.width), flow.width, flow.pageHeight);
    const nodes = this.blocks(blocks, flow);
    const kept = blocks.filter((b) => b.type !== 'pageBreak');
    const out: Node[] = [];
    for (let i = 0; i < kept.length; ) {
      let j = i;
      while (j < kept.length - 1 && keepsWithNext(kept[j]!)) j++;
      const target = kept[j]!;
      if (j > i && target.type === 'paragraph' && target.keepLines) {
        // A short paragraph kept whole (document/keep.ts): one block that pdfmake moves as a whole.
        const group = nodes.slice(i, j + 1);
        const first = group[0]!;
        out.push({ stack: group, unbreakable: true, ...(first.pageBreak ? { pageBreak: 'before' } : {}) });
        delete first.pageBreak;
      } else {
        const follower = j > i ? firstLine(nodes[j]!) : undefined;
        if (follower) {
          // A bookmarked heading has its id already.
          nodes[i]!.id ??= `k${++this.ids}`;
          follower.id ??= `f${++this.ids}`;
          this.keepWithNext.set(nodes[i]!.id!, follower.id);
        }
        out.push(...nodes.slice(i, j + 1));
      }
      i = j + 1;
    }
    return out;
  }

  /**
   * Nodes of a run of blocks. Page breaks become `pageBreak: 'before'` on the next node (none at the start or
   * end). Spacing between paragraphs is the larger of the space after one and the space before the next, as
   * word processors do, not their sum.
   */
  blocks(blocks: Block[], flow: Flow): Node[] {
    const out: Node[] = [];
    let pageBreak = false;
    let above = 0;
    for (const block of blocks) {
      if (block.type === 'pageBreak') {
        pageBreak = out.length > 0;
        continue;
      }
      const node = this.block(block, flow);
      if (pageBreak) node.pageBreak = 'before';
      pageBreak = false;
      const margin = (node as { margin?: [number, number, number, number] }).margin;
      if (margin && block.type !== 'list') margin[1] = Math.max(0, margin[1] - above);
      above = spaceAfter(block, flow);
      out.push(node);
    }
    return out;
  }

  block(block: Block, flow: Flow): Node {
    switch (block.type) {
      case 'paragraph':
        return this.paragraph(block, flow);
      case 'list':
        return this.list(block, flow);
      case 'table':
        return this.table(block, flow);
      case 'rule':
        return {
          canvas: [
            { type: 'line', x1: 0, y1: 0, x2: mmToPt(RULE_STYLE.lengthMm), y2: 0, lineWidth: RULE_STYLE.widthPt },
          ],
          margin: [0, RULE_STYLE.spaceBefore, 0, RULE_STYLE.spaceAfter],
        };
      case 'pageBreak':
        // Only sections hold page breaks (see section()).
        return { text: '' };
    }
  }

  paragraph(p: Paragraph, flow: Flow): ContentText & Node {
    const d = paragraphDefaults(p.role, flow.context, flow.cell?.fontSize);
    const runs = withLineBreaks(p.runs);
    const only = runs.length === 1 ? runs[0] : undefined;
    // A paragraph of one plain run is a plain string (cheaper for pdfmake); an empty one still takes a line.
    const text =
      runs.length === 0
        ? '\u00a0'
        : only?.type === 'text' && !only.bold && !only.italic
          ? breakLongWords(only.text)
          : inlines(runs, d.size);
    const bold = d.bold || !!flow.cell?.bold;
    return {
      text: holdWholeWords(text, d.size, bold, flow.width),
      // An amount wider than its cell is printed smaller, never broken inside the number.
      fontSize:
        typeof text === 'string' && flow.context === 'cell' ? amountFontSize(text, d.size, bold, flow.width) : d.size,
      bold,
      alignment: (p.align ?? flow.cell?.align ?? d.align) as Alignment,
      margin: [0, p.spaceBefore ?? d.spaceBefore, 0, p.spaceAfter ?? d.spaceAfter],
      tag: paragraphTag(p, flow),
      // Not in table cells: LibreOffice has no widow and orphan control in rows split across pages (nor, by the
      // cell styles, Word).
      ...(flow.context === 'cell' ? {} : this.lineRules),
      // In a cell, the space before stays at the top of the page a split row goes on to, as in LibreOffice.
      ...(flow.context === 'cell' && this.fixes && (p.spaceBefore ?? d.spaceBefore) > 0
        ? { spaceBeforeAtPageTop: true }
        : {}),
      ...(p.keepLines ? { unbreakable: true } : {}),
      ...(flow.context === 'body' ? this.bookmark(p) : {}),
    };
  }

  /** The bookmark of the last title: the parent of the headings after it. */
  private titleId: string | undefined;

  /**
   * Bookmarks: the document's title, and under it each section heading (the outline of the DOCX, where the
   * title and headings have outline levels 0 and 1).
   */
  private bookmark(p: Paragraph): { id?: string; outline?: boolean; outlineText?: string; outlineParentId?: string } {
    if (p.role !== 'title' && p.role !== 'heading') return {};
    const text = outlineText(p.runs);
    if (text === '') return {};
    const id = `o${++this.ids}`;
    if (p.role === 'title') {
      this.titleId = id;
      return { id, outline: true, outlineText: text };
    }
    return { id, outline: true, outlineText: text, ...(this.titleId ? { outlineParentId: this.titleId } : {}) };
  }

  /** A list as rows of two columns, marker and content, so the indents are exactly those of the DOCX. */
  private list(list: List, flow: Flow): Node {
    const indent = LIST_STYLE.indentPt;
    const itemFlow: Flow = {
      ...flow,
      context: flow.context === 'cell' ? 'cell' : 'listItem',
      width: flow.width - indent,
    };
    const size = paragraphDefaults('normal', itemFlow.context, flow.cell?.fontSize).size;
    const start = list.start ?? 1;
    const listTag = tagIn(flow, 'L');
    const items = list.items.map((item, i): Node => {
      const marker = list.ordered ? `${start + i}.` : LIST_STYLE.bullet;
      const itemTag: StructureTag = { type: 'LI', parent: listTag };
      const body: StructureTag = { type: 'LBody', parent: itemTag };
      const blocks = this.blocks(item, { ...itemFlow, structure: body });
      const label: ContentText & Node = {
        text: marker,
        tag: { type: 'Lbl', parent: itemTag },
        fontSize: size,
        bold: !!flow.cell?.bold,
        // Align the marker with the first line of the item.
        margin: [0, item[0]?.type === 'paragraph' ? ((blocks[0] as ContentText).margin as number[])[1]! : 0, 0, 0],
      };
      const stack = blocks.length > 0 ? blocks : [emptyParagraph(size, body)];
      const text = firstLine(stack[0]!);
      const id = `i${++this.ids}`;
      // (In table cells no rule moves the first line away from the marker.)
      if (text && flow.context !== 'cell') {
        text.id ??= `f${++this.ids}`;
        this.listItems.set(id, text.id);
      }
      return {
        id,
        columns: [
          { width: indent, ...label },
          {
            width: '*',
            stack,
          },
        ],
        columnGap: 0,
      };
    });
    return { stack: items, margin: [0, 0, 0, listSpaceAfter(list, flow)] };
  }

  private table(table: Table, flow: Flow): ContentTable & Node {
    const colsTwips = columnWidthsTwips(table, ptToTwips(flow.width));
    const cols = colsTwips.map(twipsToPt);
    const n = cols.length;
    const placed = placedCells(table, n);
    // pdfmake widths exclude padding and the vertical line (see TABLE_LAYOUT); the column as a whole is as wide as
    // in the DOCX, and its text as wide as the DOCX cell's.
    const widths = cols.map((w) => w - pad.left - pad.right);

    const body: TableCell[][] = table.rows.map(() => new Array<TableCell>(n).fill({}));
    let framelessRow: number | undefined;
    const tableTag = (table.openTop && flow.continuesTable) || tagIn(flow, 'Table');
    const rowTags = table.rows.map(
      (_, r): StructureTag => ({ type: 'TR', parent: tableTag, ...(r < table.headerRows ? { repeats: true } : {}) }),
    );
    placed.forEach((row) => {
      for (const { cell, row: r, col } of row) {
        const spanWidth = cols.slice(col, col + cell.colSpan).reduce((a, b) => a + b, 0);
        if (cell.frameless) {
          // For a reader, the nested table's rows are this table's and the blocks under it follow the table.
          body[r]![col] = this.framelessCell(cell, { ...flow, width: spanWidth, continuesTable: tableTag });
          framelessRow = r;
          continue;
        }
        const cellTag: StructureTag = { type: r < table.headerRows ? 'TH' : 'TD', parent: rowTags[r]! };
        const cellFlow: Flow = {
          context: 'cell',
          width: spanWidth - pad.left - pad.right,
          cell: { fontSize: table.fontSize, align: cell.align, bold: cell.bold },
          pageHeight: flow.pageHeight,
          structure: cellTag,
        };
        const blocks = this.blocks(cell.blocks, cellFlow);
        // A cell of one paragraph holds its text itself (half the structure elements of a long estimate).
        const only = blocks.length === 1 ? blocks[0] : undefined;
        if (only?.tag?.type === 'P' && only.tag.parent === cellTag) only.tag = cellTag;
        const content: TableCell = {
          stack:
            blocks.length > 0 ? blocks : [this.paragraph({ type: 'paragraph', runs: [], role: 'normal' }, cellFlow)],
          ...(cell.colSpan > 1 ? { colSpan: cell.colSpan } : {}),
          ...(cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
          ...(cell.shade ? { fillColor: `#${TABLE_STYLE.shade}` } : {}),
          ...(cell.valign && cell.valign !== 'top' ? { verticalAlignment: cell.valign } : {}),
        };
        // Placeholders ({}) stay in the covered positions, as pdfmake wants.
        body[r]![col] = content;
      }
    });

    const { keepRows, keepFirstRow } = tableKeeps(table, flow);
    return {
      table: {
        widths,
        body,
        ...(table.headerRows > 0 ? { headerRows: table.headerRows } : {}),
        ...(keepFirstRow ? { keepWithHeaderRows: 1 } : {}),
        ...(keepRows ? { dontBreakRows: true } : {}),
      },
      layout: table.openTop || framelessRow !== undefined ? this.openLayout(table, framelessRow) : this.tableLayout,
    };
  }

  /**
   * A cell that continues the flow it sits in (document/keep.ts): its blocks as they would be there, at the whole
   * width of the columns it spans. pdfmake pads a cell by its first and last column, so negative margins take the
   * padding back: the table nested in it lies on the columns of the table around it, its vertical lines on theirs.
   */
  private framelessCell(cell: TableCellModel, flow: Flow): TableCell {
    const line = TABLE_STYLE.borderPt;
    return {
      stack: this.blocks(cell.blocks, flow),
      colSpan: cell.colSpan,
      border: [false, true, false, false],
      margin: [-(pad.left + line / 2), 0, line / 2 - pad.right, 0],
    };
  }

  /** The layout of a table nested without a top line, or of one whose last row is a frameless cell. */
  private openLayout(table: Table, framelessRow: number | undefined): CustomTableLayout {
    const base = this.tableLayout;
    const line = TABLE_STYLE.borderPt;
    return {
      ...base,
      hLineWidth: (i) => ((table.openTop && i === 0) || (framelessRow !== undefined && i > framelessRow) ? 0 : line),
      paddingTop: (i) => (i === framelessRow ? 0 : pad.top),
      paddingBottom: (i) => (i === framelessRow ? 0 : pad.bottom),
    };
  }
}

/**
 * Space after a list in the body, which the DOCX gives its last paragraph (unless that paragraph sets its own).
 */
function listSpaceAfter(list: List, flow: Flow): number {
  const last = list.items[list.items.length - 1]?.at(-1);
  return flow.context === 'body' && last?.type === 'paragraph' && last.spaceAfter === undefined
    ? LIST_STYLE.spaceAfter
    : 0;
}

/** Space a block leaves below it, pt (for collapsing with the space above the next one). */
function spaceAfter(block: Block, flow: Flow): number {
  switch (block.type) {
    case 'paragraph':
      return block.spaceAfter ?? paragraphDefaults(block.role, flow.context, flow.cell?.fontSize).spaceAfter;
    case 'rule':
      return RULE_STYLE.spaceAfter;
    case 'list': {
      const last = block.items[block.items.length - 1]?.at(-1);
      const itemContext = flow.context === 'cell' ? 'cell' : 'listItem';
      const own = last?.type === 'paragraph' ? spaceAfter(last, { ...flow, context: itemContext }) : 0;
      return Math.max(own, listSpaceAfter(block, flow));
    }
    default:
      return 0;
  }
}

/** Average glyph width, em, erring high: to judge which table rows may be kept whole. */
const SAFE = 0.6;

/** Rough height of blocks, pt, from their text length (`em`: average glyph width). */
function estimateHeight(blocks: Block[], flow: Flow, em = SAFE, maxLines = Number.POSITIVE_INFINITY): number {
  let h = 0;
  for (const b of blocks) {
    if (b.type === 'paragraph') {
      const d = paragraphDefaults(b.role, flow.context, flow.cell?.fontSize);
      const perLine = Math.max(1, Math.floor(flow.width / (em * d.size)));
      let lines = 0;
      let chars = 0;
      for (const r of b.runs) {
        if (r.type === 'break') {
          lines += Math.max(1, Math.ceil(chars / perLine));
          chars = 0;
        } else chars += r.type === 'text' ? r.text.length : 4;
      }
      lines += Math.max(1, Math.ceil(chars / perLine));
      h +=
        Math.min(lines, maxLines) * d.size * SINGLE_LINE_EM +
        (b.spaceBefore ?? d.spaceBefore) +
        (b.spaceAfter ?? d.spaceAfter);
    } else if (b.type === 'list') {
      const itemFlow = { ...flow, width: flow.width - LIST_STYLE.indentPt };
      for (const item of b.items) h += estimateHeight(item, itemFlow, em, maxLines);
    } else if (b.type === 'table') {
      h += tableRowHeights(b, flow, em).reduce((a, c) => a + c, 0);
    } else if (b.type === 'rule') h += RULE_STYLE.spaceBefore + RULE_STYLE.spaceAfter;
  }
  return h;
}

/** Cell positions of each table, worked out once (the estimates below look at a table several times). */
const placements = new WeakMap<Table, ReturnType<typeof placeCells>>();
function placedCells(table: Table, columns: number): ReturnType<typeof placeCells> {
  let placed = placements.get(table);
  if (placed === undefined) {
    placed = placeCells(table.rows, columns);
    placements.set(table, placed);
  }
  return placed;
}

/** Row height estimates by table and estimate (width, em, line limit, rows). */
const rowHeights = new WeakMap<Table, Map<string, number[]>>();

/**
 * Estimated height of each row of a table, pt (a rowspan cell shares its height among its rows); of its first
 * `rows` rows only when given.
 */
function tableRowHeights(
  table: Table,
  flow: Flow,
  em: number,
  maxLines = Number.POSITIVE_INFINITY,
  rows = table.rows.length,
): number[] {
  let byKey = rowHeights.get(table);
  if (byKey === undefined) {
    byKey = new Map();
    rowHeights.set(table, byKey);
  }
  const key = `${flow.width}|${em}|${maxLines}|${rows}`;
  const known = byKey.get(key);
  if (known !== undefined) return known;
  const cols = columnWidthsTwips(table, ptToTwips(flow.width)).map(twipsToPt);
  const placed = placedCells(table, cols.length);
  const heights = new Array<number>(rows).fill(0);
  // One flow per cell width (cells of a column share it).
  const flows = new Map<number, Flow>();
  for (const row of placed.slice(0, rows)) {
    for (const { cell, row: r, col } of row) {
      // Summed in the same order as before, so the estimate is the same to the last bit.
      let span = 0;
      for (let c = col; c < col + cell.colSpan; c++) span += cols[c]!;
      const width = span - pad.left - pad.right;
      let cellFlow = flows.get(width);
      if (cellFlow === undefined) {
        cellFlow = { ...flow, context: 'cell', width, cell: { fontSize: table.fontSize } };
        flows.set(width, cellFlow);
      }
      const h = estimateHeight(cell.blocks, cellFlow, em, maxLines) + pad.top + pad.bottom;
      heights[r] = Math.max(heights[r]!, h / cell.rowSpan);
    }
  }
  byKey.set(key, heights);
  return heights;
}

/**
 * Which rows of a table pdfmake keeps whole. pdfmake drops whatever does not fit on one page from a block it
 * keeps whole, so rows are kept whole only when they clearly fit (else they split, losing no text). The first
 * body row goes with the header (no header alone at the foot of a page) when it is short or must not split.
 */
function tableKeeps(table: Table, flow: Flow): { keepRows: boolean; keepFirstRow: boolean } {
  const heights = tableRowHeights(table, flow, SAFE);
  const header = heights.slice(0, table.headerRows).reduce((a, b) => a + b, 0);
  const room = flow.pageHeight * 0.9 - header;
  const body = heights.slice(table.headerRows);
  const keepRows = table.keepRows && body.every((h) => h < room);
  const first = body[0];
  const keepFirstRow =
    table.headerRows > 0 && first !== undefined && first < room && (keepRows || first < flow.pageHeight / 4);
  return { keepRows, keepFirstRow };
}

/**
 * The node of the first line of a block as laid out: a paragraph's own node; a table's first cell below its
 * header rows; a list's first marker.
 */
function firstLine(node: Node): Node | undefined {
  const n = node as Node & {
    text?: unknown;
    stack?: Node[];
    columns?: Node[];
    table?: { body: Node[][]; headerRows?: number };
  };
  if (n.text !== undefined) return n;
  if (n.stack) return n.stack[0] ? firstLine(n.stack[0]) : undefined;
  if (n.columns) return n.columns[0] ? firstLine(n.columns[0]) : undefined;
  if (n.table) {
    const row = n.table.body[n.table.headerRows ?? 0] ?? n.table.body[0];
    const cell = row?.find((c) => Object.keys(c).length > 0);
    return cell ? firstLine(cell) : undefined;
  }
  return undefined;
}

/** The text of a paragraph as one line, for its bookmark. */
function outlineText(runs: Inline[]): string {
  return runs
    .map((r) => (r.type === 'text' ? r.text : ' '))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

function inlines(runs: Inline[], fontSize: number): ContentText['text'] & unknown[] {
  return runs.map((r) => {
    switch (r.type) {
      case 'break':
        return { text: '\n' };
      case 'tab':
        // pdfmake drops the spaces a line starts with: a tab after a line break must still indent.
        return { text: tabText(fontSize), preserveLeadingSpaces: true };
      default:
        // Words too long to lay out in linear time get invisible break opportunities (src/document/long-words.ts).
        return {
          text: breakLongWords(r.text),
          ...(r.bold ? { bold: true } : {}),
          ...(r.italic ? { italics: true } : {}),
        };
    }
  });
}

/**
 * The text of a paragraph with the words LibreOffice does not break (a slash inside, line-breaks.ts) held on one
 * line (pdfmake's `noWrap`), when they fit the line (`widthPt`) whole.
 */
function holdWholeWords(text: ContentText['text'], size: number, bold: boolean, widthPt: number): ContentText['text'] {
  const pieces = (t: string, b: boolean, italic: boolean) =>
    wholeWords(t, (word) => widthEm(word, faceOf(b, italic)) * size < widthPt - 1);
  if (typeof text === 'string') {
    const split = pieces(text, bold, false);
    return split ? split.map((p) => (p.whole ? { text: p.text, noWrap: true } : { text: p.text })) : text;
  }
  if (!Array.isArray(text)) return text;
  return text.flatMap((inline): Content[] => {
    const t = inline as { text?: unknown; bold?: boolean; italics?: boolean };
    if (typeof t.text !== 'string') return [inline];
    const split = pieces(t.text, bold || !!t.bold, !!t.italics);
    return split
      ? split.map((p) => ({ ...t, text: p.text, ...(p.whole ? { noWrap: true } : {}) }) as Content)
      : [inline];
  }) as ContentText['text'];
}

function pageMargins(orientation: Orientation): [number, number, number, number] {
  const m = MARGINS_MM[orientation];
  return [mmToPt(m.left), mmToPt(m.top), mmToPt(m.right), mmToPt(m.bottom)];
}

/** The PDF standard the files meet (README, section «PDF files»). */
export const PDF_SUBSET = 'PDF/A-2b';

/**
 * Builds the pdfmake document definition (exported for tests and diagnostics); with `marker`, pdfmake marks the
 * content for a tagged PDF (tagging.ts).
 */
export function pdfDefinition(doc: Document, marker?: ContentMarker): TDocumentDefinitions {
  const writer = new Writer();
  const content: Content[] = sectionsToWrite(doc.sections).map((section) => ({
    section: writer.section(section.blocks, {
      context: 'body',
      width: twipsToPt(contentWidthTwips(section.orientation)),
      pageHeight: textHeightPt(section.orientation),
    }),
    pageSize: 'A4',
    pageOrientation: section.orientation,
    pageMargins: pageMargins(section.orientation),
  }));

  const date = documentDate(doc.meta);
  const { keepWithNext: keep, listItems } = writer;
  const soft = softPageBreak(writer.fixes);
  return {
    info: {
      title: doc.meta.title,
      author: doc.meta.author,
      ...(doc.meta.subject ? { subject: doc.meta.subject } : {}),
      ...(doc.meta.keywords?.length ? { keywords: doc.meta.keywords.join(', ') } : {}),
      creationDate: date,
      modDate: date,
    },
    language: languageTag(doc.meta.lang),
    // PDF/A-2b (archivable: fonts embedded, XMP metadata, an sRGB output intent), with the title shown by viewers.
    version: '1.7',
    subset: PDF_SUBSET,
    displayTitle: true,
    // Tagged: the structure of the text, the rest marked as artifacts (tagging.ts).
    ...(marker ? { markContent: marker.mark } : {}),
    pageSize: 'A4',
    pageMargins: pageMargins('portrait'),
    defaultStyle: { font: FONT.pdfFamily, fontSize: FONT_SIZE.body, lineHeight: PDF_LINE_HEIGHT },
    footer: (current, _count, pageSize) => {
      const orientation: Orientation = pageSize.width > pageSize.height ? 'landscape' : 'portrait';
      const [left, , right, bottom] = pageMargins(orientation);
      const lineHeight = FONT_SIZE.footer * SINGLE_LINE_EM;
      return {
        text: String(current),
        alignment: 'center',
        fontSize: FONT_SIZE.footer,
        margin: [left, Math.max(0, bottom - mmToPt(FOOTER_DISTANCE_MM) - lineHeight), right, 0],
      };
    },
    // Keep-with-next: move a run of keep-with-next paragraphs to the next page when the first line of what
    // follows them is not on their page. pdfmake lays the document out again after each move, so this acts only
    // on the few that need it.
    // A list item's row moves likewise when the first line of its text is not on the row's first page.
    pageBreakBefore: (node, nodes) => {
      if (node.id === undefined) return false;
      const follower = keep.get(node.id) ?? listItems.get(node.id);
      if (follower === undefined) return false;
      const at = node.startPosition as Position;
      // Already at the top of a page: moving it would not help.
      if (at.verticalRatio < 0.01) return false;
      if (node.pageNumbers.length > 1 && keep.has(node.id)) return soft;
      // An item on one page has its text there.
      if (node.pageNumbers.length === 1 && listItems.has(node.id)) return false;
      // Where the follower's first line is: only that position of it is right when a block held together (a table's
      // header with its first row) was moved to the next page whole; the others keep the page it was laid out on.
      const followerHere = nodes
        .getFollowingNodesOnPage()
        .some((n) => n.id === follower && (n.startPosition as Position).pageNumber === at.pageNumber);
      return followerHere ? false : soft;
    },
    content,
  };
}

/** Where a node starts, as pdfmake's pageBreakBefore tells it. */
interface Position {
  pageNumber: number;
  verticalRatio: number;
}

/**
 * What pageBreakBefore returns for a page break a keep rule makes: 'soft', a word processor's break, after which
 * the moved paragraph's space before is dropped at the top of the page (patches/pdfmake+0.3.11.patch; unpatched
 * pdfmake, or ANNEXES_PDFMAKE_FIXES=0, reads it as a plain break).
 */
const softPageBreak = (fixes: boolean): boolean => (fixes ? ('soft' as unknown as boolean) : true);

/**
 * Renders the document as PDF. With a date in its metadata, the dates inside are that date, so the same input gives
 * the same bytes.
 */
export async function renderPdf(doc: Document): Promise<Buffer> {
  return (await import('./combine.ts')).finishPdf(await layOutPdf(doc), doc.meta);
}

/**
 * A PDF as pdfmake wrote it, and the structure its content was marked with (none: untagged). What the finishing
 * pass and the joining of a combined PDF start from.
 */
export interface LaidOutPdf {
  pdf: Uint8Array;
  structure?: PdfStructure;
}

/** The PDF as pdfmake writes it, before finishPdf (combine.ts) gives it its outline and archival metadata. */
export async function layOutPdf(doc: Document, tagged = true): Promise<LaidOutPdf> {
  setUpPdfmake();
  const marker = tagged && taggedPdfOn() ? contentMarker() : undefined;
  const pdf = await pdfmake.createPdf(pdfDefinition(doc, marker)).getBuffer();
  const structure = marker?.structure();
  return structure ? { pdf, structure } : { pdf };
}
