/**
 * Page geometry and typography: the one place both writers read, so that DOCX and PDF lay text out alike
 * (Tinos, embedded in the PDF, has the advance widths of Times New Roman, named in the DOCX).
 *
 * Lengths: millimetres for the page, points (pt) for type; twips (1/20 pt) are what Word stores.
 */
import type { Align, Orientation, ParagraphRole } from './model.ts';

export const PT_PER_MM = 72 / 25.4;
export const mmToPt = (mm: number): number => mm * PT_PER_MM;
export const mmToTwips = (mm: number): number => Math.round((mm * 1440) / 25.4);
export const ptToTwips = (pt: number): number => Math.round(pt * 20);
export const twipsToPt = (twips: number): number => twips / 20;

/** A4, portrait. */
export const PAGE_SIZE_MM = { width: 210, height: 297 } as const;

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * Margins in mm, as for Kazakh official documents: 30 mm on the binding edge (left), 15 mm right,
 * 20 mm top and bottom. Landscape pages keep the same edges, so text never runs into the binding.
 */
export const MARGINS_MM: Record<Orientation, Margins> = {
  portrait: { top: 20, right: 15, bottom: 20, left: 30 },
  landscape: { top: 20, right: 15, bottom: 20, left: 30 },
};

/** Distance of the footer (page number) baseline area from the bottom edge, mm. */
export const FOOTER_DISTANCE_MM = 10;

/** Page size in twips for an orientation (width × height as seen on screen). */
export function pageSizeTwips(orientation: Orientation): { width: number; height: number } {
  const w = mmToTwips(PAGE_SIZE_MM.width);
  const h = mmToTwips(PAGE_SIZE_MM.height);
  return orientation === 'landscape' ? { width: h, height: w } : { width: w, height: h };
}

/** Width of the text area in twips: tables are exactly this wide. */
export function contentWidthTwips(orientation: Orientation): number {
  const m = MARGINS_MM[orientation];
  return pageSizeTwips(orientation).width - mmToTwips(m.left) - mmToTwips(m.right);
}

/** Height of the text area of a page, pt. */
export function textHeightPt(orientation: Orientation): number {
  const m = MARGINS_MM[orientation];
  const h = orientation === 'landscape' ? PAGE_SIZE_MM.width : PAGE_SIZE_MM.height;
  return mmToPt(h - m.top - m.bottom);
}

export const FONT = {
  /** The font the DOCX names (not embedded). */
  family: 'Times New Roman',
  /** The font the PDF embeds: metric-compatible with Times New Roman. */
  pdfFamily: 'Tinos',
  pdfFiles: {
    normal: 'Tinos-Regular.ttf',
    bold: 'Tinos-Bold.ttf',
    italics: 'Tinos-Italic.ttf',
    bolditalics: 'Tinos-BoldItalic.ttf',
  },
} as const;

/** Font sizes, pt. */
export const FONT_SIZE = {
  body: 12,
  table: 10,
  title: 14,
  heading: 12,
  small: 10,
  footer: 10,
} as const;

/** Tinos / Times New Roman vertical metrics, font units (hhea ascent and descent; 2048 per em). */
const METRICS = { ascent: 1825, descent: 443, unitsPerEm: 2048 } as const;

/**
 * Line pitch, em: Word's "single" spacing of Times New Roman (ascent + descent + line gap = 1.1499 em), rounded to
 * 1.15 so that it is a whole number of twips at every size (23 twips a point). The DOCX sets it as exact line
 * spacing: LibreOffice would otherwise round each font metric up to whole twips (11.6 pt lines at 10 pt instead
 * of 11.5), and the pages of the DOCX and the PDF would drift apart line by line.
 */
export const SINGLE_LINE_EM = 1.15;

/** Exact line spacing of a font size, twips (what the DOCX writes). */
export const lineTwips = (size: number): number => Math.round(size * SINGLE_LINE_EM * 20);

/**
 * pdfmake's line height 1 is ascent + descent only (1.107 em); this factor makes the PDF line pitch
 * SINGLE_LINE_EM.
 */
export const PDF_LINE_HEIGHT = (SINGLE_LINE_EM * METRICS.unitsPerEm) / (METRICS.ascent + METRICS.descent);

/**
 * Widow and orphan control, as Word's: a paragraph split by a page break leaves at least two lines at the foot
 * of the page and two at the top of the next (so a paragraph of two or three lines moves whole). Not in table
 * cells, where LibreOffice has none. The DOCX says it with `widowControl`, the PDF writer with pdfmake's
 * `orphans`/`widows` (patches/pdfmake+0.3.11.patch).
 */
export const WIDOW_ORPHAN_LINES = 2;

export interface ParagraphDefaults {
  size: number;
  bold: boolean;
  align: Align;
  spaceBefore: number;
  spaceAfter: number;
  keepWithNext: boolean;
}

/** Where a paragraph stands: its defaults differ in table cells and list items. */
export type ParagraphContext = 'body' | 'cell' | 'listItem';

/** Defaults of a paragraph role in a context (sizes and spaces in pt). */
export function paragraphDefaults(
  role: ParagraphRole,
  context: ParagraphContext,
  tableFontSize?: number,
): ParagraphDefaults {
  if (context === 'cell') {
    const size = tableFontSize ?? FONT_SIZE.table;
    const base = { size, bold: false, align: 'left' as Align, spaceBefore: 0, spaceAfter: 0, keepWithNext: false };
    if (role === 'title') return { ...base, bold: true, align: 'center' };
    if (role === 'heading') return { ...base, bold: true };
    if (role === 'small') return { ...base, size: Math.min(size, FONT_SIZE.small) };
    return base;
  }
  switch (role) {
    case 'title':
      return { size: FONT_SIZE.title, bold: true, align: 'center', spaceBefore: 0, spaceAfter: 12, keepWithNext: true };
    case 'heading':
      return { size: FONT_SIZE.heading, bold: true, align: 'left', spaceBefore: 12, spaceAfter: 6, keepWithNext: true };
    case 'small':
      return { size: FONT_SIZE.small, bold: false, align: 'left', spaceBefore: 0, spaceAfter: 0, keepWithNext: false };
    default:
      return {
        size: FONT_SIZE.body,
        bold: false,
        align: 'justify',
        spaceBefore: 0,
        // Items of a list follow each other closely; the list as a whole is followed by LIST_STYLE.spaceAfter.
        spaceAfter: context === 'listItem' ? 0 : 6,
        keepWithNext: false,
      };
  }
}

export const TABLE_STYLE = {
  /** Border line width, pt. */
  borderPt: 0.5,
  /** Cell padding, pt. */
  padding: { top: 1, right: 4, bottom: 1, left: 4 },
  /** Background of shaded cells (hex RGB, no '#'). */
  shade: 'D9D9D9',
} as const;

export const LIST_STYLE = {
  /** Indent of the text of an item per nesting level, pt. */
  indentPt: 18,
  /** Room the marker takes left of the text, pt. */
  hangingPt: 18,
  bullet: '•',
  /** Space after a list in the body, pt (none in table cells). */
  spaceAfter: 6,
} as const;

/** The footnote rule: a short line over the footnotes. */
export const RULE_STYLE = { lengthMm: 50, widthPt: 0.5, spaceBefore: 6, spaceAfter: 3 } as const;

/** Tab stop spacing, mm (Word's default is 12.5 mm). The PDF approximates a tab with spaces this wide. */
export const TAB_STOP_MM = 12.5;
