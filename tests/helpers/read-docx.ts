/**
 * Reads a DOCX back for assertions: unzips it (fflate) and walks word/document.xml (htmlparser2, XML mode).
 *
 *   const d = readDocx(buffer);
 *   d.text          // all paragraph texts joined with '\n'
 *   d.paragraphs    // every paragraph's text (those in tables too), in document order
 *   d.tables[0][1][2] // text of table 1, row 2, cell 3 (paragraphs of a cell joined with '\n'; a table nested
 *                     // in a cell is listed on its own, after its outer table, and left out of the cell text)
 *   d.sections      // page size of each section in twips, and whether it is landscape
 *   d.runs          // every run with text: { text, bold, italic } as set on the run itself (not by its style)
 *   d.fonts         // fonts named in document.xml and styles.xml (w:rFonts)
 *   d.parts['word/styles.xml'] // any XML part as text
 *
 * In texts, <w:tab/> reads as '\t' and <w:br/> as '\n'. Cells covered by a row span (vMerge continue) read as ''.
 *
 * A row whose one cell spans the whole table and starts with a table of its own reads as that table's rows: a
 * reader sees them as the table's last rows (the writer keeps the estimate's last row with its footnote that way,
 * src/document/keep.ts); the cell's paragraphs after it (the footnote) are in `paragraphs` only.
 */
import { strFromU8, unzipSync } from 'fflate';
import { Parser } from 'htmlparser2';

export interface DocxSection {
  width: number;
  height: number;
  landscape: boolean;
}

export interface DocxRun {
  text: string;
  bold: boolean;
  italic: boolean;
}

export interface DocxContent {
  /** word/document.xml */
  xml: string;
  text: string;
  paragraphs: string[];
  /** table → row → cell text; nested tables are listed too, after the table holding them. */
  tables: string[][][];
  sections: DocxSection[];
  runs: DocxRun[];
  fonts: string[];
  /** Every .xml / .rels part of the package, as text. */
  parts: Record<string, string>;
}

export function readDocx(buf: Uint8Array): DocxContent {
  const files = unzipSync(buf);
  const parts: Record<string, string> = {};
  for (const [name, data] of Object.entries(files)) {
    if (name.endsWith('.xml') || name.endsWith('.rels')) parts[name] = strFromU8(data);
  }
  const xml = parts['word/document.xml'];
  if (xml === undefined) throw new Error('readDocx: no word/document.xml');

  const paragraphs: string[] = [];
  const sections: DocxSection[] = [];
  const fonts = new Set<string>();
  const tables: string[][][] = [];
  // Open tables, innermost last; each holds its rows, the current cell's paragraphs and its slot in `tables`.
  const open: {
    rows: string[][];
    cell: string[] | null;
    index: number;
    /** Grid columns, and the columns the current cell spans. */
    columns: number;
    span: number;
    /** The current cell holds the rows of a table nested in it (see above): its own text is no cell. */
    holdsRows?: boolean;
    /** Rows of the table around, which this nested one continues. */
    continues?: boolean;
  }[] = [];
  let paragraph: string | null = null;
  let inText = false;
  const runs: DocxRun[] = [];
  let run: DocxRun | null = null;
  /** w:b / w:i are on unless w:val says otherwise. */
  const on = (attribs: Record<string, string>) => !['0', 'false', 'off'].includes(attribs['w:val'] ?? 'true');

  const collectFonts = (attribs: Record<string, string>) => {
    for (const key of ['w:ascii', 'w:hAnsi', 'w:cs', 'w:eastAsia']) {
      const v = attribs[key];
      if (v) fonts.add(v);
    }
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        switch (name) {
          case 'w:tbl': {
            const outer = open.at(-1);
            if (outer?.cell?.length === 0 && outer.rows.at(-1)?.length === 0 && outer.span === outer.columns) {
              outer.rows.pop();
              outer.holdsRows = true;
              open.push({ rows: outer.rows, cell: null, index: outer.index, columns: 0, span: 1, continues: true });
              break;
            }
            tables.push([]);
            open.push({ rows: [], cell: null, index: tables.length - 1, columns: 0, span: 1 });
            break;
          }
          case 'w:gridCol': {
            const t = open.at(-1);
            if (t) t.columns++;
            break;
          }
          case 'w:tr':
            open.at(-1)?.rows.push([]);
            break;
          case 'w:tc': {
            const t = open.at(-1);
            if (t) {
              t.cell = [];
              t.span = 1;
            }
            break;
          }
          case 'w:gridSpan': {
            const t = open.at(-1);
            if (t) t.span = Number(attribs['w:val']);
            break;
          }
          case 'w:p':
            paragraph = '';
            break;
          case 'w:r':
            run = { text: '', bold: false, italic: false };
            break;
          case 'w:b':
            if (run) run.bold = on(attribs);
            break;
          case 'w:i':
            if (run) run.italic = on(attribs);
            break;
          case 'w:t':
            inText = true;
            break;
          case 'w:tab':
            // <w:tab> is also a tab stop definition inside <w:tabs>; only count it inside a run.
            if (paragraph !== null && !('w:val' in attribs)) paragraph += '\t';
            break;
          case 'w:br':
            if (paragraph !== null && attribs['w:type'] !== 'page') paragraph += '\n';
            break;
          case 'w:pgSz': {
            const width = Number(attribs['w:w']);
            const height = Number(attribs['w:h']);
            sections.push({ width, height, landscape: width > height });
            break;
          }
          case 'w:rFonts':
            collectFonts(attribs);
            break;
        }
      },
      ontext(text) {
        if (inText && paragraph !== null) paragraph += text;
        if (inText && run) run.text += text;
      },
      onclosetag(name) {
        switch (name) {
          case 'w:t':
            inText = false;
            break;
          case 'w:r':
            if (run && run.text !== '') runs.push(run);
            run = null;
            break;
          case 'w:p': {
            if (paragraph === null) break;
            paragraphs.push(paragraph);
            open.at(-1)?.cell?.push(paragraph);
            paragraph = null;
            break;
          }
          case 'w:tc': {
            const t = open.at(-1);
            if (t?.cell) {
              if (!t.holdsRows) t.rows.at(-1)?.push(t.cell.join('\n'));
              t.cell = null;
              t.holdsRows = false;
            }
            break;
          }
          case 'w:tbl': {
            const t = open.pop();
            if (t && !t.continues) tables[t.index] = t.rows;
            break;
          }
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml);

  // Fonts of the styles count too: most text takes its font from there.
  const styles = parts['word/styles.xml'];
  if (styles) {
    new Parser(
      {
        onopentag(name, attribs) {
          if (name === 'w:rFonts') collectFonts(attribs);
        },
      },
      { xmlMode: true },
    ).end(styles);
  }

  return {
    xml,
    text: paragraphs.join('\n'),
    paragraphs,
    tables,
    sections,
    runs,
    fonts: [...fonts],
    parts,
  };
}
