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
  Footer,
  HeadingLevel,
  type ILevelsOptions,
  type IParagraphOptions,
  type IParagraphStylePropertiesOptions,
  type IRunOptions,
  type ITableOptions,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  type ParagraphChild,
  ShadingType,
  Tab,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { unzipSync, zipSync } from 'fflate';
import { keepShortParagraphsWhole, keepTableEnds } from '../../document/keep.ts';
import { breakLongWords } from '../../document/long-words.ts';
import type {
  Align,
  Block,
  Document,
  DocumentMeta,
  Inline,
  List,
  Paragraph,
  Table,
  TableCell as TableCellModel,
  VAlign,
} from '../../document/model.ts';
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
  textHeightPt,
  twipsToPt,
} from '../../document/page.ts';
import { columnWidthsTwips, type PlacedCell, placeCells } from '../../document/table-grid.ts';
import { documentDate, languageTag, sectionsToWrite, speedUpsOn, widowControlOn } from '../common.ts';
import { LongTables } from './long-tables.ts';

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

type BodyChild = DocxParagraph | DocxTable;

/** State of one render. */
class Writer {
  private lists = 0;
  readonly numbering: { reference: string; levels: ILevelsOptions[] }[] = [];
  /** A page break waits for the next paragraph (Word breaks before a paragraph, not between blocks). */
  private pendingPageBreak = false;

  /**
   * The cell styles in use, by font size: a table whose text is smaller than the cell style's has a style of its
   * own, so that its paragraphs (thousands in a long estimate) carry no size, spacing or mark size of their own.
   */
  readonly cellStyles = new Map<number, StyleChoice>();

  /** Long tables of the body are written a run of rows at a time (long-tables.ts), unless speed-ups are off. */
  constructor(readonly longTables?: LongTables) {}

  private styleOf(role: Paragraph['role'], flow: Flow): StyleChoice {
    if (flow.context !== 'cell') return BODY_STYLES[role];
    const size = flow.cell?.fontSize ?? FONT_SIZE.table;
    let style = this.cellStyles.get(size);
    if (!style) {
      const id = size === FONT_SIZE.table ? STYLE.cell : `${STYLE.cell}${halfPoints(size)}`;
      style = { style: { id }, defaults: paragraphDefaults('normal', 'cell', size) };
      this.cellStyles.set(size, style);
    }
    return style;
  }

  section(blocks: Block[], flow: Flow, pageHeightPt: number): BodyChild[] {
    // The same short paragraphs as in the PDF stay whole under their heading, the same table ends together
    // (document/keep.ts).
    const widthPt = twipsToPt(flow.width);
    const out = this.blocks(keepTableEnds(keepShortParagraphsWhole(blocks, widthPt), widthPt, pageHeightPt), flow);
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

  private takePageBreak(): boolean {
    const b = this.pendingPageBreak;
    this.pendingPageBreak = false;
    return b;
  }

  paragraph(p: Paragraph, flow: Flow, extra: Partial<IParagraphOptions> = {}): DocxParagraph {
    const { style, defaults: styleDefaults } = this.styleOf(p.role, flow);
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

  private table(table: Table, flow: Flow): DocxTable {
    const total = flow.width;
    const cols = columnWidthsTwips(table, total);
    const placed = placeCells(table.rows, cols.length);
    const options = tableOptions(total, cols, table.openTop);
    if (this.longTables && flow.context === 'body') {
      return this.longTables.table(options, placed, (line, r) => this.row(table, cols, line, r, flow));
    }
    return new DocxTable({ ...options, rows: placed.map((line, r) => this.row(table, cols, line, r, flow)) });
  }

  private row(table: Table, cols: number[], line: PlacedCell[], r: number, flow: Flow): TableRow {
    const pad = TABLE_STYLE.padding;
    const header = r < table.headerRows;
    return new TableRow({
      // Header rows repeat on every page and, like all rows of a keep-rows table, never split.
      ...(header ? { tableHeader: true } : {}),
      ...(table.keepRows || header || line.some((c) => c.cell.frameless) ? { cantSplit: true } : {}),
      children: line.map(({ cell, col }) => {
        let width = 0;
        for (let c = col; c < col + cell.colSpan; c++) width += cols[c] as number;
        if (cell.frameless) return this.framelessCell(cell, width, flow);
        const cellFlow: Flow = {
          context: 'cell',
          width: width - ptToTwips(pad.left) - ptToTwips(pad.right),
          cell: { fontSize: table.fontSize, align: cell.align, bold: cell.bold },
          listLevel: 0,
          keepNext: header,
        };
        const children = this.cellChildren(cell.blocks, cellFlow);
        return new TableCell({
          width: { size: width, type: WidthType.DXA },
          ...(cell.colSpan > 1 ? { columnSpan: cell.colSpan } : {}),
          ...(cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
          ...(cell.valign ? { verticalAlign: VALIGN[cell.valign as VAlign] } : {}),
          ...(cell.shade ? { shading: SHADING } : {}),
          children,
        });
      }),
    });
  }

  private cellChildren(blocks: Block[], flow: Flow): BodyChild[] {
    const children = this.blocks(blocks.length > 0 ? blocks : [EMPTY_PARAGRAPH], flow);
    // Word needs a paragraph after a nested table at the end of a cell.
    if (!(children[children.length - 1] instanceof DocxParagraph)) children.push(this.paragraph(EMPTY_PARAGRAPH, flow));
    return children;
  }

  /**
   * A cell that continues the flow it sits in (document/keep.ts): its blocks are written as they would be there,
   * at the cell's whole width, with no margins and no border but the top one (the row above's bottom line).
   */
  private framelessCell(cell: TableCellModel, width: number, flow: Flow): TableCell {
    return new TableCell({
      width: { size: width, type: WidthType.DXA },
      columnSpan: cell.colSpan,
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
      borders: { top: TABLE_BORDER, left: NO_BORDER, right: NO_BORDER, bottom: NO_BORDER },
      children: this.cellChildren(cell.blocks, { ...flow, width }),
    });
  }

  /** The footnote rule: an empty paragraph with a bottom border, cut short by its right indent. */
  private rule(flow: Flow): DocxParagraph {
    const length = mmToTwips(RULE_STYLE.lengthMm);
    return new DocxParagraph({
      style: flow.context === 'cell' ? this.styleOf('normal', flow).style.id : STYLE.small,
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

const TABLE_BORDER = { style: BorderStyle.SINGLE, size: Math.round(TABLE_STYLE.borderPt * 8), color: '000000' };
const NO_BORDER = { style: BorderStyle.NIL, size: 0, color: 'auto' };

/**
 * Everything of a table but its rows: fixed layout, the column grid, padding and borders (`openTop`: no top
 * border, for a table nested under the row that draws it, see framelessCell).
 */
function tableOptions(total: number, cols: number[], openTop = false): Omit<ITableOptions, 'rows'> {
  const pad = TABLE_STYLE.padding;
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
      top: openTop ? NO_BORDER : TABLE_BORDER,
      bottom: TABLE_BORDER,
      left: TABLE_BORDER,
      right: TABLE_BORDER,
      insideHorizontal: TABLE_BORDER,
      insideVertical: TABLE_BORDER,
    },
  };
}

interface StyleRef {
  id: string;
  heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel];
}

/** A paragraph style, and the values the style itself gives (a paragraph writes only those that differ). */
interface StyleChoice {
  style: StyleRef;
  defaults: ReturnType<typeof paragraphDefaults>;
}

/** The paragraph style of each role outside tables. */
const BODY_STYLES: Record<Paragraph['role'], StyleChoice> = {
  title: { style: { id: 'Title', heading: HeadingLevel.TITLE }, defaults: paragraphDefaults('title', 'body') },
  heading: {
    style: { id: 'Heading1', heading: HeadingLevel.HEADING_1 },
    defaults: paragraphDefaults('heading', 'body'),
  },
  small: { style: { id: STYLE.small }, defaults: paragraphDefaults('small', 'body') },
  normal: { style: { id: 'Normal' }, defaults: paragraphDefaults('normal', 'body') },
};

function runs(inlines: Inline[], defaults: IRunOptions): ParagraphChild[] {
  return inlines.map((inline) => {
    switch (inline.type) {
      case 'break':
        return new TextRun({ ...defaults, break: 1 });
      case 'tab':
        return new TextRun({ ...defaults, children: [new Tab()] });
      default:
        // Break opportunities in very long words, as in the PDF (src/document/long-words.ts), so Word and
        // LibreOffice wrap them where the PDF does.
        return new TextRun({
          ...defaults,
          text: breakLongWords(inline.text),
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

/** `cells`: a style of table text, which has no widow and orphan control (see the document defaults). */
function paragraphStyle(id: string, name: string, d: ReturnType<typeof paragraphDefaults>, cells = false) {
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
      ...(cells ? { widowControl: false } : {}),
    } as IParagraphStylePropertiesOptions,
  };
}

const xmlEscape = (s: string): string =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** docProps/core.xml written here: docx gives no way to set its dates or dc:language. */
export function coreXml(m: DocumentMeta, date: Date): string {
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
 * Renders the document as DOCX. With a date in its metadata, the dates inside (core properties, zip entries) are
 * that date, so the same input gives the same bytes.
 */
export async function renderDocx(doc: Document): Promise<Buffer> {
  const writer = new Writer(speedUpsOn() ? new LongTables() : undefined);
  const written = sectionsToWrite(doc.sections);
  const sections = written.map((section, index) => {
    const m = MARGINS_MM[section.orientation];
    const children = writer.section(
      section.blocks,
      { context: 'body', width: contentWidthTwips(section.orientation), listLevel: 0 },
      textHeightPt(section.orientation),
    );
    // Word ends a document with a paragraph (it adds one on opening); LibreOffice drops the last section's page
    // setup when the document ends with a table. A paragraph 1 pt high serves both.
    const last = children[children.length - 1];
    if (index === written.length - 1 && last instanceof DocxTable) {
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

  // Before the document is made: the rows' lists join writer.numbering.
  await writer.longTables?.writeRuns(writer.numbering);

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
          // Widow and orphan control as the PDF's (document/page.ts: two lines, Word's rule), but not in table
          // cells: LibreOffice has none in rows that split across pages, so the cell styles turn it off for Word
          // too. (docx writes the option for styles, but its type for them leaves it out.)
          paragraph: {
            spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
            widowControl: widowControlOn(),
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
        paragraphStyle(STYLE.cell, 'Table Text', paragraphDefaults('normal', 'cell'), true),
        ...[...writer.cellStyles]
          .filter(([size]) => size !== FONT_SIZE.table)
          .map(([size, { style, defaults }]) => paragraphStyle(style.id, `Table Text ${size} pt`, defaults, true)),
      ],
    },
    numbering: { config: writer.numbering },
    sections,
  });

  const packed = await Packer.toBuffer(file, false, [
    { path: 'docProps/core.xml', data: coreXml(doc.meta, documentDate(doc.meta)) },
  ]);
  // Joining the long tables zips the package again: dated there, it is not unzipped and zipped a third time.
  if (writer.longTables?.size) {
    const bodyTables = sections.flatMap((s) => s.children.filter((c) => c instanceof DocxTable));
    return writer.longTables.assemble(packed, bodyTables, zipOptions(doc.meta.date));
  }
  return doc.meta.date ? stampEntries(packed, doc.meta.date) : packed;
}

/**
 * How the package's entries are dated: the document's date (`meta.date`, UTC) when one is given, so the same input
 * gives the same bytes; else when written (fflate's default, as docx zips).
 */
export function zipOptions(date: Date | undefined): { mtime?: Date } {
  // fflate writes the local time of the date it is given: shift it so that the entry shows the UTC time.
  return date ? { mtime: new Date(date.getTime() + date.getTimezoneOffset() * 60_000) } : {};
}

/**
 * The package with every entry dated as zipOptions says: docx stamps entries with the current time and gives no
 * option for it; fflate's own `mtime` option does it on a second zip of the same entries, in the same order, at
 * the same compression level as docx's (fflate's default).
 */
function stampEntries(zip: Buffer, date: Date): Buffer {
  return Buffer.from(zipSync(unzipSync(zip), zipOptions(date)));
}
