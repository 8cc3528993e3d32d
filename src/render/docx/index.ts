/**
 * DOCX writer: turns the document model into an ordinary, editable Word document — real paragraph styles,
 * numbered and bulleted lists, tables with fixed column widths, one Word section per model section.
 *
 * Typography and geometry come from src/document/page.ts, so the document breaks lines as the PDF does.
 */
import {
  AlignmentType,
  BorderStyle,
  Document as DocxDocument,
  Paragraph as DocxParagraph,
  Table as DocxTable,
  FileChild,
  Footer,
  HeadingLevel,
  type IContext,
  type ILevelsOptions,
  type IParagraphOptions,
  type IParagraphStylePropertiesOptions,
  type IRunOptions,
  type ITableOptions,
  type IXmlableObject,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  type ParagraphChild,
  ShadingType,
  Styles,
  Tab,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { strToU8, zipSync } from 'fflate';
import { keepShortParagraphsWhole } from '../../document/keep.ts';
import type { Align, Block, Document, Inline, List, Paragraph, Table, VAlign } from '../../document/model.ts';
import {
  contentWidthTwips,
  FONT,
  FONT_SIZE,
  FOOTER_DISTANCE_MM,
  LIST_STYLE,
  lineTwips,
  MARGINS_MM,
  mmToTwips,
  PAGE_SIZE_MM,
  type ParagraphContext,
  paragraphDefaults,
  ptToTwips,
  RULE_STYLE,
  TAB_STOP_MM,
  TABLE_STYLE,
  twipsToPt,
} from '../../document/page.ts';
import { columnWidthsTwips, type PlacedCell, placeCells } from '../../document/table-grid.ts';
import { documentDate, languageTag, sectionsToWrite } from '../common.ts';

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

const VALIGN = {
  top: VerticalAlignTable.TOP,
  middle: VerticalAlignTable.CENTER,
  bottom: VerticalAlignTable.BOTTOM,
} as const;

/** Paragraph style ids; Title and Heading1 are Word's built-in ones (navigation pane, outline). */
const STYLE = { small: 'Small', cell: 'TableText' } as const;

const halfPoints = (pt: number): number => Math.round(pt * 2);

interface Flow {
  context: ParagraphContext;
  /** Width available to the content, twips (for nested tables and the footnote rule). */
  width: number;
  /** Inside a table cell. */
  cell?: { fontSize?: number; align?: Align; bold?: boolean };
  listLevel: number;
  /** In a header row: kept with the next row, so a header never ends a page alone. */
  keepNext?: boolean;
}

export interface DocxOptions {
  /** Tables of the body with more rows than this are written a run of rows at a time (default CHUNK_ROWS). */
  chunkRows?: number;
}

type BodyChild = DocxParagraph | DocxTable | ChunkedTable;

/** State of one render. */
class Writer {
  private lists = 0;
  readonly numbering: { reference: string; levels: ILevelsOptions[] }[] = [];
  /** The long tables written ahead, by their number. */
  readonly chunked: ChunkedTable[] = [];
  private tableXmlWriter: TableXmlWriter | undefined;
  /** A page break waits for the next paragraph (Word breaks before a paragraph, not between blocks). */
  private pendingPageBreak = false;

  constructor(private readonly chunkRows: number) {}

  section(blocks: Block[], flow: Flow): BodyChild[] {
    // The same short paragraphs as in the PDF stay whole under their heading (document/keep.ts).
    const out = this.blocks(keepShortParagraphsWhole(blocks, twipsToPt(flow.width)), flow);
    // A break at the end of a section would carry over to the next one, which starts on a new page anyway.
    this.pendingPageBreak = false;
    return out;
  }

  blocks(blocks: Block[], flow: Flow): BodyChild[] {
    const out: BodyChild[] = [];
    for (const block of blocks) {
      switch (block.type) {
        case 'paragraph':
          out.push(this.paragraph(block, flow));
          break;
        case 'list':
          out.push(...this.list(block, flow));
          break;
        case 'table':
          out.push(this.table(block, flow));
          break;
        case 'rule':
          out.push(this.rule(flow));
          break;
        case 'pageBreak':
          // A break before anything else would only add an empty page: a section starts on a new page.
          this.pendingPageBreak = out.length > 0;
          break;
      }
    }
    return out;
  }

  private get tableXml(): TableXmlWriter {
    this.tableXmlWriter ??= new TableXmlWriter();
    return this.tableXmlWriter;
  }

  private takePageBreak(): boolean {
    const b = this.pendingPageBreak;
    this.pendingPageBreak = false;
    return b;
  }

  paragraph(p: Paragraph, flow: Flow, extra: Partial<IParagraphOptions> = {}): DocxParagraph {
    const { style, defaults: styleDefaults } = styleOf(p.role, flow);
    const d = paragraphDefaults(p.role, flow.context, flow.cell?.fontSize);
    const align = p.align ?? flow.cell?.align ?? d.align;
    const spaceBefore = p.spaceBefore ?? d.spaceBefore;
    const spaceAfter = p.spaceAfter ?? d.spaceAfter;
    const keepNext = p.keepWithNext ?? (flow.keepNext || d.keepWithNext);
    const runDefaults: IRunOptions = {
      ...(d.size !== styleDefaults.size ? { size: halfPoints(d.size) } : {}),
      ...(flow.cell?.bold && !styleDefaults.bold ? { bold: true } : {}),
    };
    const ownSize = d.size !== styleDefaults.size;
    const options: IParagraphOptions = {
      ...(style.heading ? { heading: style.heading } : { style: style.id }),
      ...(align !== styleDefaults.align ? { alignment: ALIGN[align] } : {}),
      ...(spaceBefore !== styleDefaults.spaceBefore || spaceAfter !== styleDefaults.spaceAfter || ownSize
        ? {
            spacing: {
              before: ptToTwips(spaceBefore),
              after: ptToTwips(spaceAfter),
              // Text of another size than the style's has lines of its own pitch (see lineTwips).
              ...(ownSize ? { line: lineTwips(d.size), lineRule: LineRuleType.EXACT } : {}),
            },
          }
        : {}),
      ...(keepNext !== styleDefaults.keepWithNext ? { keepNext } : {}),
      ...(p.keepLines ? { keepLines: true } : {}),
      ...(this.takePageBreak() ? { pageBreakBefore: true } : {}),
      // The paragraph mark has the size of the text: Word and LibreOffice size an empty paragraph (an empty table
      // cell) by its mark, which would otherwise take the style's size and make the row taller than in the PDF.
      ...(runDefaults.size !== undefined ? { run: { size: runDefaults.size } } : {}),
      ...extra,
      children: runs(p.runs, runDefaults),
    };
    return new DocxParagraph(options);
  }

  private list(list: List, flow: Flow): BodyChild[] {
    // docx marks a list paragraph with the placeholder `{reference-instance}` and later replaces every such
    // placeholder in the XML, user text included: U+FDD0, a noncharacter that validation refuses in any text,
    // keeps a typed «{list-1-0}» from ever matching.
    const reference = `list\ufdd0${++this.lists}`;
    this.numbering.push({ reference, levels: listLevels(list) });
    const level = flow.listLevel;
    const itemFlow: Flow = {
      ...flow,
      context: flow.context === 'cell' ? 'cell' : 'listItem',
      listLevel: level + 1,
      width: flow.width - ptToTwips(LIST_STYLE.indentPt),
    };
    const indent = { left: ptToTwips(LIST_STYLE.indentPt * (level + 1)) };
    const out: BodyChild[] = [];
    list.items.forEach((item, itemIndex) => {
      // The marker goes on the first paragraph of the item; an item without one gets an empty paragraph.
      const blocks: Block[] =
        item[0]?.type === 'paragraph' ? item : [{ type: 'paragraph', runs: [], role: 'normal' }, ...item];
      blocks.forEach((block, i) => {
        if (block.type !== 'paragraph') {
          out.push(...this.blocks([block], itemFlow));
          return;
        }
        // A list in the body is followed by some space, given by its last paragraph.
        const last = itemIndex === list.items.length - 1 && i === blocks.length - 1;
        const p =
          last && flow.context === 'body' && block.spaceAfter === undefined
            ? { ...block, spaceAfter: LIST_STYLE.spaceAfter }
            : block;
        out.push(this.paragraph(p, itemFlow, i === 0 ? { numbering: { reference, level } } : { indent }));
      });
    });
    return out;
  }

  private table(table: Table, flow: Flow): DocxTable | ChunkedTable {
    const total = flow.width;
    const cols = columnWidthsTwips(table, total);
    const placed = placeCells(table.rows, cols.length);
    const options = tableOptions(total, cols);
    const row = (line: PlacedCell[], r: number) => this.row(table, cols, line, r);
    if (flow.context === 'body' && placed.length > this.chunkRows) return this.chunkedTable(options, placed, row);
    return new DocxTable({ ...options, rows: placed.map(row) });
  }

  private row(table: Table, cols: number[], line: PlacedCell[], r: number): TableRow {
    const pad = TABLE_STYLE.padding;
    const header = r < table.headerRows;
    return new TableRow({
      // Header rows repeat on every page and, like all rows of a keep-rows table, never split.
      ...(header ? { tableHeader: true } : {}),
      ...(table.keepRows || header ? { cantSplit: true } : {}),
      children: line.map(({ cell, col }) => {
        let width = 0;
        for (let c = col; c < col + cell.colSpan; c++) width += cols[c] as number;
        const cellFlow: Flow = {
          context: 'cell',
          width: width - ptToTwips(pad.left) - ptToTwips(pad.right),
          cell: { fontSize: table.fontSize, align: cell.align, bold: cell.bold },
          listLevel: 0,
          keepNext: header,
        };
        const children = this.blocks(cell.blocks.length > 0 ? cell.blocks : [EMPTY_PARAGRAPH], cellFlow);
        // Word needs a paragraph after a nested table at the end of a cell.
        if (!(children[children.length - 1] instanceof DocxParagraph)) {
          children.push(this.paragraph(EMPTY_PARAGRAPH, cellFlow));
        }
        return new TableCell({
          width: { size: width, type: WidthType.DXA },
          ...(cell.colSpan > 1 ? { columnSpan: cell.colSpan } : {}),
          ...(cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
          ...(cell.valign ? { verticalAlign: VALIGN[cell.valign as VAlign] } : {}),
          ...(cell.shade ? { shading: SHADING } : {}),
          // Only tables of the body are written ahead (Writer.table), never one in a cell.
          children: children as (DocxParagraph | DocxTable)[],
        });
      }),
    });
  }

  /**
   * A long table of the body, written to XML a run of rows at a time, so that only one run's objects (docx's
   * components and their formatted form) are alive at once. Each run is a table of its own with the same
   * properties, written by docx; its rows are cut out of it. Runs end only where no row span crosses, since docx
   * makes the covered cells of a span from the cell that starts it.
   */
  private chunkedTable(
    options: Omit<ITableOptions, 'rows'>,
    placed: PlacedCell[][],
    row: (line: PlacedCell[], r: number) => TableRow,
  ): ChunkedTable {
    let start: string | undefined;
    // The rows' XML is kept as UTF-8 (half the room of a string with Cyrillic in it), save where it has a
    // placeholder that only the real document can fill (see numberLists).
    const parts: (string | Uint8Array)[] = [];
    const lists: string[] = [];
    for (const [from, to] of rowRuns(placed, this.chunkRows)) {
      const before = this.numbering.length;
      const rows = placed.slice(from, to).map((line, i) => row(line, from + i));
      const xml = this.tableXml.xml(new DocxTable({ ...options, rows }));
      for (const { reference } of this.numbering.slice(before)) lists.push(reference);
      const gridEnd = xml.indexOf(GRID_END) + GRID_END.length;
      const head = xml.slice(0, gridEnd);
      if (start === undefined) {
        start = head;
        parts.push(head);
      } else if (head !== start) throw new Error('docx: the runs of a long table start differently');
      const body = xml.slice(gridEnd, xml.length - TABLE_END.length);
      parts.push(body.includes('{') ? body : strToU8(body));
    }
    parts.push(TABLE_END);
    const table = new ChunkedTable(this.chunked.length, parts, lists);
    this.chunked.push(table);
    return table;
  }

  /** The footnote rule: an empty paragraph with a bottom border, cut short by its right indent. */
  private rule(flow: Flow): DocxParagraph {
    const length = mmToTwips(RULE_STYLE.lengthMm);
    return new DocxParagraph({
      style: flow.context === 'cell' ? STYLE.cell : STYLE.small,
      spacing: {
        before: ptToTwips(RULE_STYLE.spaceBefore),
        after: ptToTwips(RULE_STYLE.spaceAfter),
        line: 20,
        lineRule: LineRuleType.EXACT,
      },
      indent: { right: Math.max(0, flow.width - length) },
      // The rule goes with the footnote under it.
      keepNext: true,
      border: {
        bottom: { style: BorderStyle.SINGLE, size: Math.round(RULE_STYLE.widthPt * 8), color: '000000', space: 0 },
      },
      ...(this.takePageBreak() ? { pageBreakBefore: true } : {}),
    });
  }
}

/** A paragraph with nothing in it, where the form needs one. */
const EMPTY_PARAGRAPH: Paragraph = { type: 'paragraph', runs: [], role: 'normal' };

const SHADING = { type: ShadingType.CLEAR, color: 'auto', fill: TABLE_STYLE.shade } as const;

/** Everything of a table but its rows: fixed layout, the column grid, padding and borders. */
function tableOptions(total: number, cols: number[]): Omit<ITableOptions, 'rows'> {
  const pad = TABLE_STYLE.padding;
  const border = { style: BorderStyle.SINGLE, size: Math.round(TABLE_STYLE.borderPt * 8), color: '000000' };
  return {
    width: { size: total, type: WidthType.DXA },
    columnWidths: cols,
    layout: TableLayoutType.FIXED,
    margins: {
      top: ptToTwips(pad.top),
      bottom: ptToTwips(pad.bottom),
      left: ptToTwips(pad.left),
      right: ptToTwips(pad.right),
    },
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
  };
}

/**
 * Tables of the body with more rows than this are written a run of about this many rows at a time. docx makes a
 * few hundred kilobytes of short-lived objects a row; in runs this short most of them are gone before the garbage
 * collector would move them to the old generation, which it then lets grow far less (an estimate of 5 000 lines
 * renders in an 80 MB old generation). Each run costs docx a couple of milliseconds (a small document to write).
 */
export const CHUNK_ROWS = 40;

/**
 * Where a long table is cut into runs of about `size` rows, as [from, to) row ranges: never between rows a row
 * span joins.
 */
export function rowRuns(placed: readonly PlacedCell[][], size: number): [number, number][] {
  const runs: [number, number][] = [];
  let from = 0;
  /** The row after the last one the spans started so far reach down to. */
  let reach = 0;
  for (let r = 0; r < placed.length; r++) {
    for (const { cell } of placed[r] as PlacedCell[]) reach = Math.max(reach, r + cell.rowSpan);
    if (r + 1 - from >= size && reach <= r + 1 && r + 1 < placed.length) {
      runs.push([from, r + 1]);
      from = r + 1;
    }
  }
  if (from < placed.length) runs.push([from, placed.length]);
  return runs;
}

const TABLE_START = '<w:tbl>';
const GRID_END = '</w:tblGrid>';
const TABLE_END = '</w:tbl>';
/** What a long table leaves in the body's XML until its own XML takes its place. */
const MARK = 'annexes:table';
const MARKS = /<annexes:table n="(\d+)"\/>/g;

/** docx's compiler: it gives a document's parts as XML, before they are zipped. Not in docx's typings. */
interface Compiler {
  compile(
    file: DocxDocument,
    prettify?: undefined,
    overrides?: { path: string; data: string }[],
  ): Map<string, string | Uint8Array>;
}
function compiler(): Compiler {
  const c = (Packer as unknown as { compiler?: Compiler }).compiler;
  if (typeof c?.compile !== 'function') throw new Error('docx: Packer.compiler.compile is missing');
  return c;
}

/** The one child of TableXmlWriter's document: the table being written, if any. */
class TableSlot extends FileChild {
  table: DocxTable | undefined;

  constructor() {
    super('w:tbl');
  }

  override prepForXml(context: IContext): IXmlableObject | undefined {
    return this.table?.prepForXml(context);
  }
}

const NO_STYLES = new Styles({});

/**
 * The document TableXmlWriter writes: only its body is read, and the XML of a table does not depend on the styles,
 * so it has none (docx's default styles are half of what writing the document costs).
 */
class TableDocument extends DocxDocument {
  override get Styles(): Styles {
    return NO_STYLES;
  }
}

/**
 * Has docx write the XML of one table after another, from a document holding only that table: one document for
 * all, as making one costs about as much as writing a run of a few dozen rows. The document has no list
 * definitions, so a list paragraph keeps the placeholder of its list (`{reference-instance}`) for the real document's
 * number (see numberLists).
 */
class TableXmlWriter {
  private readonly slot = new TableSlot();
  private readonly file = new TableDocument({ sections: [{ children: [this.slot] }] });

  xml(table: DocxTable): string {
    this.slot.table = table;
    try {
      const xml = compiler().compile(this.file).get('word/document.xml');
      if (typeof xml !== 'string') throw new Error('docx: no word/document.xml');
      const start = xml.indexOf(TABLE_START);
      const end = xml.lastIndexOf(TABLE_END);
      if (start < 0 || end < start) throw new Error('docx: no table in the XML of a table');
      return xml.slice(start, end + TABLE_END.length);
    } finally {
      this.slot.table = undefined;
    }
  }
}

/** The key docx gives a list instance in its placeholders. */
const listKey = (c: { reference: string; instance: number; restartedListId?: number }): string =>
  c.restartedListId === undefined ? `${c.reference}-${c.instance}` : `${c.reference}-restart ${c.restartedListId}`;

/** Puts the document's numbers of its lists in place of their placeholders, as docx does in its own XML. */
function numberLists(xml: string, numbers: ReadonlyMap<string, string>): string {
  return numbers.size === 0
    ? xml
    : xml.replace(/\{([^{}]+)\}/g, (placeholder, key: string) => numbers.get(key) ?? placeholder);
}

/**
 * Stands in the body for a long table written ahead (Writer.chunkedTable); renderDocx puts the table's XML in
 * its place once docx has written the body.
 */
class ChunkedTable extends FileChild {
  constructor(
    private readonly id: number,
    /** The table's XML, in pieces. */
    readonly parts: readonly (string | Uint8Array)[],
    /** The lists in the table, in order. */
    private readonly lists: readonly string[],
  ) {
    super('w:tbl');
  }

  override prepForXml(context: IContext): IXmlableObject {
    // Each list gets its number here, in document order, as the table's own paragraphs would have given it.
    for (const reference of this.lists) context.file.Numbering.createConcreteNumberingInstance(reference, 0);
    return { [MARK]: { _attr: { n: this.id } } };
  }
}

interface StyleRef {
  id: string;
  heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel];
}

/** Every paragraph of a table cell has the cell style (asked for once a cell, so made once). */
const CELL_STYLE = { style: { id: STYLE.cell }, defaults: paragraphDefaults('normal', 'cell') };

/** The paragraph style a role uses, and the values the style itself gives (written only when they differ). */
function styleOf(
  role: Paragraph['role'],
  flow: Flow,
): { style: StyleRef; defaults: ReturnType<typeof paragraphDefaults> } {
  if (flow.context === 'cell') return CELL_STYLE;
  switch (role) {
    case 'title':
      return { style: { id: 'Title', heading: HeadingLevel.TITLE }, defaults: paragraphDefaults('title', 'body') };
    case 'heading':
      return {
        style: { id: 'Heading1', heading: HeadingLevel.HEADING_1 },
        defaults: paragraphDefaults('heading', 'body'),
      };
    case 'small':
      return { style: { id: STYLE.small }, defaults: paragraphDefaults('small', 'body') };
    default:
      return { style: { id: 'Normal' }, defaults: paragraphDefaults('normal', 'body') };
  }
}

function runs(inlines: Inline[], defaults: IRunOptions): ParagraphChild[] {
  return inlines.map((inline) => {
    switch (inline.type) {
      case 'break':
        return new TextRun({ ...defaults, break: 1 });
      case 'tab':
        return new TextRun({ ...defaults, children: [new Tab()] });
      default:
        return new TextRun({
          ...defaults,
          text: inline.text,
          ...(inline.bold ? { bold: true } : {}),
          ...(inline.italic ? { italics: true } : {}),
        });
    }
  });
}

/** Levels of a list's numbering: the list's own marker at every depth it may be used at. */
function listLevels(list: List): ILevelsOptions[] {
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: list.ordered ? LevelFormat.DECIMAL : LevelFormat.BULLET,
    text: list.ordered ? `%${level + 1}.` : LIST_STYLE.bullet,
    start: level === 0 ? (list.start ?? 1) : 1,
    alignment: AlignmentType.LEFT,
    style: {
      paragraph: {
        indent: { left: ptToTwips(LIST_STYLE.indentPt * (level + 1)), hanging: ptToTwips(LIST_STYLE.hangingPt) },
      },
      run: { font: FONT.family },
    },
  }));
}

/** Outline level of the styles that make the outline: the annex (title), then its sections (headings). */
const OUTLINE_LEVEL = { Title: 0, Heading1: 1 } as const;

function paragraphStyle(id: string, name: string, d: ReturnType<typeof paragraphDefaults>) {
  return {
    id,
    name,
    basedOn: 'Normal',
    next: id === 'Title' || id === 'Heading1' ? 'Normal' : id,
    quickFormat: true,
    run: { font: FONT.family, size: halfPoints(d.size), color: '000000', ...(d.bold ? { bold: true } : {}) },
    paragraph: {
      alignment: ALIGN[d.align],
      // The annex title and its section headings are the document's outline (Word's navigation pane, a table of
      // contents, LibreOffice's PDF bookmarks).
      ...(id in OUTLINE_LEVEL ? { outlineLevel: OUTLINE_LEVEL[id as keyof typeof OUTLINE_LEVEL] } : {}),
      spacing: {
        before: ptToTwips(d.spaceBefore),
        after: ptToTwips(d.spaceAfter),
        line: lineTwips(d.size),
        lineRule: LineRuleType.EXACT,
      },
      // Headings stay whole and with what follows them.
      ...(d.keepWithNext ? { keepNext: true, keepLines: true } : {}),
    },
  };
}

/** The XML docx writes for the paragraph that ends a document ending with a table (see renderDocx). */
export const END_PARAGRAPH =
  '<w:p><w:pPr><w:pStyle w:val="Small"/><w:spacing w:after="0" w:before="0" w:line="20" w:lineRule="exact"/></w:pPr></w:p>';

const xmlEscape = (s: string): string =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** docProps/core.xml written here: docx gives no way to set its dates or dc:language. */
export function coreXml(doc: Document, date: Date): string {
  const m = doc.meta;
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const el = (name: string, value: string | undefined) => (value ? `<${name}>${xmlEscape(value)}</${name}>` : '');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    el('dc:title', m.title) +
    el('dc:subject', m.subject) +
    el('dc:creator', m.author) +
    el('cp:keywords', m.keywords?.join(', ')) +
    el('cp:lastModifiedBy', m.author) +
    el('dc:language', languageTag(m.lang)) +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/**
 * Sets the modification time of every entry of a zip file (local and central headers) to `date`, in UTC:
 * the zip library stamps entries with the current local time.
 */
export function stampZip(zip: Buffer, date: Date): void {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  const dosDate = ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('docx: no end of central directory in the zip');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('docx: bad central directory entry');
    zip.writeUInt16LE(dosTime, p + 12);
    zip.writeUInt16LE(dosDate, p + 14);
    const local = zip.readUInt32LE(p + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error('docx: bad local file header');
    zip.writeUInt16LE(dosTime, local + 10);
    zip.writeUInt16LE(dosDate, local + 12);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
}

/**
 * Renders the document as DOCX. With SOURCE_DATE_EPOCH set, the dates inside (core properties, zip entries)
 * are that time, so the same input gives the same bytes.
 */
export async function renderDocx(doc: Document, options: DocxOptions = {}): Promise<Buffer> {
  const writer = new Writer(options.chunkRows ?? CHUNK_ROWS);
  const written = sectionsToWrite(doc.sections);
  const sections = written.map((section, index) => {
    const m = MARGINS_MM[section.orientation];
    const children = writer.section(section.blocks, {
      context: 'body',
      width: contentWidthTwips(section.orientation),
      listLevel: 0,
    });
    // Word ends a document with a paragraph (it adds one on opening); LibreOffice drops the last section's page
    // setup when the document ends with a table. A paragraph 1 pt high serves both (END_PARAGRAPH).
    const last = children[children.length - 1];
    if (index === written.length - 1 && (last instanceof DocxTable || last instanceof ChunkedTable)) {
      children.push(
        new DocxParagraph({
          style: STYLE.small,
          spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT },
        }),
      );
    }
    return {
      properties: {
        page: {
          // Portrait A4 plus the flag: docx swaps width and height itself for landscape.
          size: {
            width: mmToTwips(PAGE_SIZE_MM.width),
            height: mmToTwips(PAGE_SIZE_MM.height),
            orientation: section.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
          },
          margin: {
            top: mmToTwips(m.top),
            right: mmToTwips(m.right),
            bottom: mmToTwips(m.bottom),
            left: mmToTwips(m.left),
            footer: mmToTwips(FOOTER_DISTANCE_MM),
            header: mmToTwips(FOOTER_DISTANCE_MM),
          },
          ...(section.restartPageNumbers !== undefined ? { pageNumbers: { start: section.restartPageNumbers } } : {}),
        },
      },
      footers: {
        default: new Footer({
          children: [
            new DocxParagraph({
              style: STYLE.small,
              alignment: AlignmentType.CENTER,
              children: [new TextRun({ children: [PageNumber.CURRENT], size: halfPoints(FONT_SIZE.footer) })],
            }),
          ],
        }),
      },
      // A section with nothing in it still needs a paragraph.
      children: children.length > 0 ? children : [new DocxParagraph({})],
    };
  });

  const lang = languageTag(doc.meta.lang);
  const body = paragraphDefaults('normal', 'body');
  const file = new DocxDocument({
    title: doc.meta.title,
    creator: doc.meta.author,
    lastModifiedBy: doc.meta.author,
    ...(doc.meta.subject ? { subject: doc.meta.subject } : {}),
    ...(doc.meta.keywords?.length ? { keywords: doc.meta.keywords.join(', ') } : {}),
    defaultTabStop: mmToTwips(TAB_STOP_MM),
    theme: { fonts: { headings: FONT.family, body: FONT.family } },
    styles: {
      default: {
        document: {
          // Pair kerning from 1 pt on, as the PDF lays text out: without it Word and LibreOffice set words wider
          // and break lines elsewhere.
          run: { font: FONT.family, size: halfPoints(FONT_SIZE.body), language: { value: lang }, kern: 2 },
          // No widow/orphan control: the PDF has none, and both should break pages alike. (docx writes the
          // option for styles too, but its type for them leaves it out.)
          paragraph: {
            spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
            widowControl: false,
          } as IParagraphStylePropertiesOptions,
        },
        title: paragraphStyle('Title', 'Title', paragraphDefaults('title', 'body')),
        heading1: paragraphStyle('Heading1', 'Heading 1', paragraphDefaults('heading', 'body')),
      },
      paragraphStyles: [
        {
          id: 'Normal',
          name: 'Normal',
          quickFormat: true,
          run: { font: FONT.family, size: halfPoints(body.size) },
          paragraph: {
            alignment: ALIGN[body.align],
            spacing: {
              before: ptToTwips(body.spaceBefore),
              after: ptToTwips(body.spaceAfter),
              line: lineTwips(body.size),
              lineRule: LineRuleType.EXACT,
            },
          },
        },
        paragraphStyle(STYLE.small, 'Small', paragraphDefaults('small', 'body')),
        paragraphStyle(STYLE.cell, 'Table Text', paragraphDefaults('normal', 'cell')),
      ],
    },
    numbering: { config: writer.numbering },
    sections,
  });

  const date = documentDate();
  const overrides = [{ path: 'docProps/core.xml', data: coreXml(doc, date) }];
  const buffer =
    writer.chunked.length === 0 ? await Packer.toBuffer(file, false, overrides) : packChunked(file, writer, overrides);
  if (process.env.SOURCE_DATE_EPOCH) stampZip(buffer, date);
  return buffer;
}

/**
 * Packs a document with long tables written ahead: docx writes the parts, each table's XML takes the place of its
 * mark, and the parts are zipped as docx zips them (same order, same compression).
 */
function packChunked(file: DocxDocument, writer: Writer, overrides: { path: string; data: string }[]): Buffer {
  const parts = compiler().compile(file, undefined, overrides);
  const body = parts.get('word/document.xml');
  if (typeof body !== 'string') throw new Error('docx: no word/document.xml');
  const numbers = new Map(file.Numbering.ConcreteNumbering.map((c) => [listKey(c), String(c.numId)]));
  const pieces: Uint8Array[] = [];
  let last = 0;
  let placed = 0;
  for (const m of body.matchAll(MARKS)) {
    pieces.push(strToU8(body.slice(last, m.index)));
    const table = writer.chunked[Number(m[1])] as ChunkedTable;
    for (const part of table.parts) pieces.push(typeof part === 'string' ? strToU8(numberLists(part, numbers)) : part);
    last = (m.index as number) + m[0].length;
    placed++;
  }
  if (placed !== writer.chunked.length) throw new Error('docx: a long table lost its place in the body');
  pieces.push(strToU8(body.slice(last)));
  const files: Record<string, Uint8Array> = {};
  for (const [path, data] of parts)
    files[path] =
      path === 'word/document.xml' ? Buffer.concat(pieces) : typeof data === 'string' ? strToU8(data) : data;
  return Buffer.from(zipSync(files));
}
