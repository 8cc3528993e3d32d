/**
 * Long tables of the body, written a run of rows at a time so that a DOCX of thousands of rows needs bounded memory.
 *
 * docx makes several hundred kilobytes of objects a row and keeps every row of a document alive until the whole
 * document is written. Here a long table goes into the document with its first run of rows only; its other rows are
 * built run by run, each run written by docx (`Packer.toBuffer`, its public API) as a small document of its own,
 * whose `word/document.xml` is kept as bytes while the run's objects are dropped. Once docx has written the
 * document, its body is read with a real XML parser (htmlparser2) and written out again with each long table's
 * other rows, read from the runs' documents, after its first ones.
 *
 * Lists in the rows' cells are numbered by docx in each small document; their numbers are given again, for the
 * whole document, in the order docx gives them in a document written at once (the order of their first paragraph),
 * so both ways give the same document. `ANNEXES_SPEEDUPS=0` writes every table the plain way.
 */
import {
  Document as DocxDocument,
  Table as DocxTable,
  type ILevelsOptions,
  type ITableOptions,
  Packer,
  type TableRow,
} from 'docx';
import { cloneNode, type Element, isDirective, type AnyNode as Node, type ProcessingInstruction } from 'domhandler';
import { strToU8, unzipSync, type ZipOptions, zipSync } from 'fflate';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { PlacedCell } from '../../document/table-grid.ts';
import { childElements, documentBody, firstChild, placedText } from './xml-tree.ts';

/**
 * Rows of a run. Each run costs docx a small document to write (its styles, settings and zip: about 4 ms), so
 * fewer runs are faster, while a run's objects stay few enough to be dropped cheaply. The DOCX of 2 000 estimate
 * lines alone, warm: 1.17–1.30 s in runs of 100 rows, 1.05–1.13 s in runs of 200 (peak 274–302 → 306–324 MB);
 * of 5 000 lines, runs of 100 against 40: about 10 % less time, 10 MB more.
 */
export const ROWS_PER_RUN = 200;

/**
 * Tables of more rows than this are long. Shorter ones are written whole: for them the runs' small documents cost
 * more time than the memory they save is worth (a sample estimate of about 130 rows needs 30 MB in docx's objects).
 */
export const LONG_TABLE_ROWS = 400;

type Numbering = { reference: string; levels: ILevelsOptions[] }[];

/** Parsed and written back as it is: entities stay as docx wrote them. */
const XML = { xmlMode: true, decodeEntities: false } as const;

/**
 * Where a long table is cut into runs of about `size` rows, as [from, to) row ranges: never between rows a row
 * span joins (docx makes the cells a span covers from the cell that starts it, within one table).
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

/** A run of rows written ahead: its small document's body, and the lists docx numbered in it. */
interface WrittenRun {
  documentXml: Uint8Array;
  /** The run's own list number → the list's definition number (the same in every part, see writeRuns). */
  lists: Map<string, string>;
  /** The run's list instances (`w:num`), by definition number. */
  nums: Map<string, string>;
}

interface LongTable {
  options: Omit<ITableOptions, 'rows'>;
  placed: PlacedCell[][];
  row: (line: PlacedCell[], r: number) => TableRow;
  /** The runs after the first, to be written. */
  runs: [number, number][];
  written: WrittenRun[];
}

/** The long tables of one render. */
export class LongTables {
  private readonly tables = new Map<DocxTable, LongTable>();

  constructor(private readonly rowsPerRun = ROWS_PER_RUN) {}

  get size(): number {
    return this.tables.size;
  }

  /**
   * A table of the body: written whole when short, else with its first run of rows, the others written later
   * (writeRuns). `row` builds a row; it is called only when that row's run is written.
   */
  table(
    options: Omit<ITableOptions, 'rows'>,
    placed: PlacedCell[][],
    row: (line: PlacedCell[], r: number) => TableRow,
  ): DocxTable {
    const runs =
      placed.length > LONG_TABLE_ROWS ? rowRuns(placed, this.rowsPerRun) : [[0, placed.length] as [number, number]];
    const [from, to] = runs[0] as [number, number];
    const table = new DocxTable({ ...options, rows: placed.slice(from, to).map((line, i) => row(line, from + i)) });
    if (runs.length > 1) this.tables.set(table, { options, placed, row, runs: runs.slice(1), written: [] });
    return table;
  }

  /**
   * Writes the other runs of every long table, in document order, each as a small document. `numbering` is the
   * render's list of list definitions, which the rows' lists join as they are built: each small document gets all
   * the definitions made so far, so a definition has the same number in every part.
   */
  async writeRuns(numbering: Numbering): Promise<void> {
    for (const t of this.tables.values()) {
      for (const [from, to] of t.runs) {
        const rows = t.placed.slice(from, to).map((line, i) => t.row(line, from + i));
        const file = new DocxDocument({
          numbering: { config: numbering.slice() },
          sections: [{ children: [new DocxTable({ ...t.options, rows })] }],
        });
        const parts = unzipSync(new Uint8Array(await Packer.toBuffer(file)), {
          filter: (f) => f.name === 'word/document.xml' || f.name === 'word/numbering.xml',
        });
        const documentXml = parts['word/document.xml'];
        if (!documentXml) throw new Error('docx: a run of rows has no word/document.xml');
        const { lists, nums } = listsOf(parts['word/numbering.xml']);
        t.written.push({ documentXml, lists, nums });
      }
    }
  }

  /**
   * The document docx wrote (`docx`), with each long table's other rows after its first ones. `bodyTables` are the
   * tables of the body in document order, as given to docx; `zip` dates the entries (index.ts: zipOptions).
   */
  assemble(docx: Uint8Array, bodyTables: readonly DocxTable[], zip: ZipOptions): Buffer {
    const entries = unzipSync(docx);
    const documentXml = entries['word/document.xml'];
    const numberingXml = entries['word/numbering.xml'];
    if (!documentXml || !numberingXml) throw new Error('docx: the document has no word/document.xml or numbering.xml');
    const main = listsOf(numberingXml);
    const order = new ListOrder();
    const out: Uint8Array[] = [];
    const write = (s: string) => out.push(strToU8(s));

    // The body is read as an outline (xml-tree.ts) and copied from its text, but for the long tables' other rows
    // and the blocks whose lists are numbered again.
    const source = new TextDecoder().decode(documentXml);
    const { body } = documentBody(source, 4);
    let tableIndex = 0;
    let at = 0;
    for (const block of body.children) {
      const long = block.name === 'w:tbl' ? this.tables.get(bodyTables[tableIndex++] as DocxTable) : undefined;
      if (!long) {
        write(source.slice(at, block.start));
        write(order.outerXml(placedText(source, block), main.lists));
        at = block.end + 1;
        continue;
      }
      for (const child of block.children) {
        write(source.slice(at, child.start));
        write(order.outerXml(placedText(source, child), main.lists));
        at = child.end + 1;
      }
      for (const run of long.written) {
        const runSource = new TextDecoder().decode(run.documentXml);
        const table = documentBody(runSource, 4).body.children.find((e) => e.name === 'w:tbl');
        if (!table) throw new Error('docx: a run of rows has no table');
        for (const tr of table.children)
          if (tr.name === 'w:tr') write(order.outerXml(placedText(runSource, tr), run.lists));
        for (const [definition, num] of run.nums) if (!main.nums.has(definition)) main.nums.set(definition, num);
      }
    }
    write(source.slice(at));

    entries['word/document.xml'] = concat(out);
    entries['word/numbering.xml'] = strToU8(order.numberingXml(new TextDecoder().decode(numberingXml), main.nums));
    return Buffer.from(zipSync(entries, zip));
  }
}

/**
 * The numbers of lists in the order of their first paragraph, as docx gives them in a document written at once:
 * definition and instance number 1 are docx's default bullets, the document's lists follow from 2.
 */
class ListOrder {
  /** Definition number → its number in the whole document. */
  private readonly numbers = new Map<string, string>();

  /**
   * A block's XML in the whole document: as written when it holds no list, else parsed and written again with its
   * lists renumbered (`lists` maps the part's numbers).
   */
  outerXml(text: string, lists: ReadonlyMap<string, string>): string {
    if (!text.includes('<w:numId')) return text;
    const el = childElements(parseDocument(text, XML))[0];
    if (!el) throw new Error('docx: a block of the body is not an element');
    this.renumber(el, lists);
    return DomUtils.getOuterHTML(el, XML);
  }

  /** Gives the lists in `node` their numbers in the whole document; `lists` maps the part's numbers. */
  private renumber(node: Node, lists: ReadonlyMap<string, string>): void {
    for (const el of DomUtils.getElementsByTagName('w:numId', [node], true)) {
      const local = el.attribs['w:val'] as string;
      const definition = lists.get(local);
      if (definition === undefined) continue; // docx's default bullets keep their 1
      el.attribs['w:val'] = this.numberOf(definition);
    }
  }

  private numberOf(definition: string): string {
    let n = this.numbers.get(definition);
    if (n === undefined) {
      n = String(this.numbers.size + 2);
      this.numbers.set(definition, n);
    }
    return n;
  }

  /** The document's numbering part with every definition and instance under its number in the whole document. */
  numberingXml(xml: string, nums: ReadonlyMap<string, string>): string {
    const root = parseDocument(xml, { ...XML, withStartIndices: true });
    const numbering = DomUtils.findOne((e) => e.name === 'w:numbering', root.children, false);
    if (!numbering) throw new Error('docx: no w:numbering in word/numbering.xml');
    const all = childElements(numbering);
    const abstracts = all.filter((e) => e.name === 'w:abstractNum');
    // Definitions no paragraph uses (a list without items) come last, in their order.
    for (const a of abstracts) {
      const id = a.attribs['w:abstractNumId'] as string;
      if (id !== '1') this.numberOf(id);
    }
    const numberOf = (id: string): number => (id === '1' ? 1 : Number(this.numbers.get(id)));
    for (const a of abstracts) a.attribs['w:abstractNumId'] = String(numberOf(a.attribs['w:abstractNumId'] as string));
    abstracts.sort((a, b) => Number(a.attribs['w:abstractNumId']) - Number(b.attribs['w:abstractNumId']));
    const defaultNum = all.find((e) => e.name === 'w:num' && e.attribs['w:numId'] === '1');
    const instances: Element[] = defaultNum ? [defaultNum] : [];
    for (const [definition, n] of [...this.numbers].sort((a, b) => Number(a[1]) - Number(b[1]))) {
      const source = nums.get(definition);
      if (source === undefined) continue;
      const num = childElements(parseDocument(source, XML))[0] as Element;
      num.attribs['w:numId'] = n;
      const abstractId = firstChild(num, 'w:abstractNumId');
      if (abstractId) abstractId.attribs['w:val'] = n;
      instances.push(num);
    }
    const others = all.filter((e) => e.name !== 'w:abstractNum' && e.name !== 'w:num');
    const [open, close] = tags(numbering);
    const head = root.children
      .filter((n) => n !== numbering)
      .map((n) => (isDirective(n) ? declaration(xml, n) : DomUtils.getOuterHTML(n, XML)));
    return (
      head.join('') +
      open +
      [...others, ...abstracts, ...instances].map((e) => DomUtils.getOuterHTML(e, XML)).join('') +
      close
    );
  }
}

/** A part's list instances: number → definition number, and each instance's XML by definition number. */
function listsOf(numberingXml: Uint8Array | undefined): {
  lists: Map<string, string>;
  nums: Map<string, string>;
} {
  const lists = new Map<string, string>();
  const nums = new Map<string, string>();
  if (!numberingXml) return { lists, nums };
  const root = parseDocument(new TextDecoder().decode(numberingXml), XML);
  for (const num of DomUtils.getElementsByTagName('w:num', root.children, true)) {
    const id = num.attribs['w:numId'] as string;
    const definition = firstChild(num, 'w:abstractNumId')?.attribs['w:val'];
    if (id === '1' || definition === undefined) continue;
    lists.set(id, definition);
    nums.set(definition, DomUtils.getOuterHTML(num, XML));
  }
  return { lists, nums };
}

/** An element's start and end tags, as the serializer writes them (the element written with no children). */
function tags(el: Element): [string, string] {
  const end = `</${el.name}>`;
  const shell = DomUtils.getOuterHTML(cloneNode(el, false), { ...XML, selfClosingTags: false });
  return [shell.slice(0, shell.length - end.length), end];
}

/**
 * The XML declaration as docx wrote it, taken from the text it was parsed from: the parser keeps its text without
 * the closing `?`, and the serializer writes `<…>` around that.
 */
function declaration(source: string, node: ProcessingInstruction): string {
  if (node.startIndex === null) throw new Error('docx: the XML declaration was parsed without its place');
  return source.slice(node.startIndex, source.indexOf('>', node.startIndex) + 1);
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
