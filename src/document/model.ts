/**
 * The document model: what both writers (DOCX, PDF) render. It knows nothing about grants or annexes;
 * templates produce markup, `parseMarkup` turns it into this model.
 *
 * Sizes are in points (pt); table column widths are relative weights.
 */

export type DocumentLang = 'ru' | 'kk';
export type Orientation = 'portrait' | 'landscape';
export type Align = 'left' | 'center' | 'right' | 'justify';
export type VAlign = 'top' | 'middle' | 'bottom';
/** title: centred bold document title; heading: bold section heading; small: footnotes and notes. */
export type ParagraphRole = 'normal' | 'title' | 'heading' | 'small';

export interface DocumentMeta {
  title: string;
  author: string;
  subject?: string;
  lang: DocumentLang;
  keywords?: string[];
  /**
   * The date the files carry (creation and modification): set by the caller, at the edge (the command takes it
   * from SOURCE_DATE_EPOCH); unset, the time of rendering.
   */
  date?: Date;
}

export interface Document {
  meta: DocumentMeta;
  sections: Section[];
}

/** What the markup describes: the body of a document, without its metadata. */
export interface DocumentBody {
  sections: Section[];
}

/** Each section starts on a new page, in its own orientation. */
export interface Section {
  orientation: Orientation;
  blocks: Block[];
  /**
   * Page numbers start again at this number on the section's first page (each annex of the whole application is
   * numbered from 1, as it is when printed on its own). Unset: the numbering goes on from the section before.
   */
  restartPageNumbers?: number;
}

export type Block = Paragraph | List | Table | PageBreak | Rule;

export interface TextRun {
  type: 'text';
  text: string;
  bold?: boolean;
  italic?: boolean;
}
export interface LineBreak {
  type: 'break';
}
export interface Tab {
  type: 'tab';
}
export type Inline = TextRun | LineBreak | Tab;

export interface Paragraph {
  type: 'paragraph';
  runs: Inline[];
  role: ParagraphRole;
  /** Unset: the default of the context (see page.ts), or the alignment of the table cell. */
  align?: Align;
  /** Keep on the same page as the next block. */
  keepWithNext?: boolean;
  /** Never split across pages (a footnote). */
  keepLines?: boolean;
  /** Space before and after, pt. Unset: the role's default. */
  spaceBefore?: number;
  spaceAfter?: number;
}

export interface List {
  type: 'list';
  ordered: boolean;
  /** First number of an ordered list (default 1). */
  start?: number;
  /** Each item is a list of blocks (usually one paragraph). */
  items: Block[][];
}

export interface TableCell {
  blocks: Block[];
  colSpan: number;
  rowSpan: number;
  align?: Align;
  valign?: VAlign;
  bold?: boolean;
  /** Grey background, as in form headers. */
  shade?: boolean;
  /**
   * No margins and no border but the top one: the cell continues the body inside the table (keep.ts puts a table's
   * last row and the blocks kept with it into one; not written in markup).
   */
  frameless?: boolean;
}

/** Cells covered by a rowSpan from a row above are left out, as in HTML. */
export interface TableRow {
  cells: TableCell[];
}

export interface Table {
  type: 'table';
  /** Relative column widths, one per column. */
  widths: number[];
  /** Leading rows repeated on every page the table runs over. */
  headerRows: number;
  /** Font size, pt. Unset: the table default of page.ts. */
  fontSize?: number;
  /** Rows are never split across pages. */
  keepRows: boolean;
  /** The last row stays on the page of the blocks that follow it, as a keep-with-next paragraph (keep.ts). */
  keepWithNext?: boolean;
  /** No top border: the row above, in the table this one is nested in, draws it (keep.ts; not written in markup). */
  openTop?: boolean;
  rows: TableRow[];
}

export interface PageBreak {
  type: 'pageBreak';
}

/** The short rule line above footnotes: always on the page of what follows it. */
export interface Rule {
  type: 'rule';
}
