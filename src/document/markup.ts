/**
 * Parses the markup the annex templates produce into the document model.
 *
 * The markup is a small, strict, XML-like language (its elements are listed below). User text
 * reaches it escaped by the template engine (`&lt;b&gt;` etc.); entity decoding turns it back into literal text,
 * so it can never become markup. Anything the parser does not know — element, attribute, value, entity,
 * unbalanced tag — is a template bug and throws a `MarkupError` naming it and its line.
 *
 * Elements:
 * - `<section orientation="portrait|landscape">` — starts a new page; optional when the whole body is one
 *   portrait section.
 * - `<p align role keep-with-next keep-lines space-before space-after>` with inline `<b>`, `<i>`, `<br/>`, `<tab/>`;
 *   `<h1>` (title), `<h2>` (section heading) take the same attributes except role.
 * - `<ul>`, `<ol start="n">` with `<li>` (inline content or blocks).
 * - `<table widths="1,4,6" header-rows="2" font-size="9" keep-rows keep-with-next>`, `<tr bold shade>`,
 *   `<td colspan rowspan align valign bold shade>` (inline content and/or blocks).
 * - `<hr/>` footnote rule, `<page-break/>`.
 *
 * Whitespace collapses as in HTML (U+00A0 is kept); literal breaks come only from `<br/>` and `<tab/>`.
 */
import { Parser, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import type {
  Align,
  Block,
  DocumentBody,
  Inline,
  List,
  Orientation,
  Paragraph,
  ParagraphRole,
  Section,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VAlign,
} from './model.ts';
import { impliedColumnCount, type PlacedCell, placeCells, spannedInto } from './table-grid.ts';

export class MarkupError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? `markup: ${message}` : `markup line ${line}: ${message}`);
    this.name = 'MarkupError';
  }
}

interface ElementNode {
  kind: 'element';
  name: string;
  attrs: Record<string, string>;
  children: MarkupNode[];
  line: number;
}
interface TextNode {
  kind: 'text';
  text: string;
}
type MarkupNode = ElementNode | TextNode;

const INLINE_ELEMENTS = new Set(['b', 'i', 'br', 'tab']);
const BLOCK_ELEMENTS = new Set(['p', 'h1', 'h2', 'ul', 'ol', 'table', 'hr', 'page-break']);
const KNOWN_ELEMENTS = new Set([...INLINE_ELEMENTS, ...BLOCK_ELEMENTS, 'section', 'li', 'tr', 'td']);
/** Handlebars escapes to these; a template writes U+00A0 itself or as `&#160;`. */
const BAD_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});)[^\s;]{0,20};?/;

/** What the tokenizer of the parse under way checks (StrictTokenizer). */
interface TokenChecks {
  /** Throws when the closing tag at [start, endIndex) closes no open element. */
  closeTag(start: number, endIndex: number): void;
  /** Set while htmlparser2 reports the close of `<x/>`, which it reports as implied, like that of an unclosed tag. */
  selfClosing: boolean;
}

/** The checks of the parse under way: buildTree sets them while the parser makes its tokenizer. */
let tokenChecks: TokenChecks | undefined;

/**
 * The tokenizer the parser is given (its `Tokenizer` option): it passes every token on to the parser and notes
 * what the parser's handler cannot tell. One class for all parses: a class made for each parse gives each
 * tokenizer a shape of its own, and V8 runs the tokenizer's code, seeing dozens of shapes, three times slower.
 */
class StrictTokenizer extends Tokenizer {
  constructor(options: ConstructorParameters<typeof Tokenizer>[0], cbs: TokenizerCallbacks) {
    const checks = tokenChecks;
    if (!checks) throw new Error('markup: a tokenizer made outside buildTree');
    super(options, {
      onattribdata: (start, endIndex) => cbs.onattribdata(start, endIndex),
      onattribentity: (codepoint) => cbs.onattribentity(codepoint),
      onattribend: (quote, endIndex) => cbs.onattribend(quote, endIndex),
      onattribname: (start, endIndex) => cbs.onattribname(start, endIndex),
      oncdata: (start, endIndex, endOffset) => cbs.oncdata(start, endIndex, endOffset),
      onclosetag: (start, endIndex) => {
        checks.closeTag(start, endIndex);
        cbs.onclosetag(start, endIndex);
      },
      oncomment: (start, endIndex, endOffset) => cbs.oncomment(start, endIndex, endOffset),
      ondeclaration: (start, endIndex) => cbs.ondeclaration(start, endIndex),
      onend: () => cbs.onend(),
      onopentagend: (endIndex) => cbs.onopentagend(endIndex),
      onopentagname: (start, endIndex) => cbs.onopentagname(start, endIndex),
      onprocessinginstruction: (start, endIndex) => cbs.onprocessinginstruction(start, endIndex),
      onselfclosingtag: (endIndex) => {
        checks.selfClosing = true;
        cbs.onselfclosingtag(endIndex);
        checks.selfClosing = false;
      },
      ontext: (start, endIndex) => cbs.ontext(start, endIndex),
      ontextentity: (codepoint, endIndex) => cbs.ontextentity(codepoint, endIndex),
      isInForeignContext: () => cbs.isInForeignContext?.() ?? false,
    });
  }
}

/** Builds the element tree with htmlparser2 in XML mode (no HTML auto-closing), checking tag balance. */
function buildTree(markup: string): MarkupNode[] {
  const lineStarts = [0];
  for (let i = markup.indexOf('\n'); i !== -1; i = markup.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineAt = (index: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  const bad = BAD_ENTITY.exec(markup);
  if (bad) {
    const what = bad[0] === '&' ? 'a bare "&" (write &amp;)' : `unknown entity "${bad[0]}"`;
    throw new MarkupError(
      `${what} (use &amp; &lt; &gt; &quot; &apos; or a numeric entity such as &#160;)`,
      lineAt(bad.index),
    );
  }

  const root: ElementNode = { kind: 'element', name: '#root', attrs: {}, children: [], line: 1 };
  const stack: ElementNode[] = [root];
  const checks: TokenChecks = {
    selfClosing: false,
    // A closing tag with no matching open tag is silently dropped by htmlparser2: catch it here.
    closeTag(start, endIndex) {
      const name = markup.slice(start, endIndex);
      if (!stack.some((el, i) => i > 0 && el.name === name)) {
        throw new MarkupError(`closing tag </${name}> has no matching opening tag`, lineAt(start));
      }
    },
  };
  let parser: Parser;
  // The parser makes its tokenizer as it is made: the checks are set for that moment.
  tokenChecks = checks;
  try {
    parser = new Parser(
      {
        onopentag(name, attribs) {
          const line = lineAt(parser.startIndex);
          if (!KNOWN_ELEMENTS.has(name)) throw new MarkupError(`unknown element <${name}>`, line);
          const el: ElementNode = { kind: 'element', name, attrs: attribs, children: [], line };
          stack[stack.length - 1]!.children.push(el);
          stack.push(el);
        },
        onclosetag(name, isImplied) {
          const el = stack.pop()!;
          if (isImplied && !checks.selfClosing) {
            throw new MarkupError(`element <${name}> is not closed (or is closed in the wrong order)`, el.line);
          }
        },
        ontext(text) {
          const parent = stack[stack.length - 1]!;
          const last = parent.children[parent.children.length - 1];
          // Entities arrive as separate text events: join them.
          if (last?.kind === 'text') last.text += text;
          else parent.children.push({ kind: 'text', text });
        },
        onprocessinginstruction(name) {
          throw new MarkupError(`unexpected declaration <${name}>`, lineAt(parser.startIndex));
        },
      },
      { xmlMode: true, decodeEntities: true, recognizeSelfClosing: true, Tokenizer: StrictTokenizer },
    );
  } finally {
    tokenChecks = undefined;
  }
  parser.end(markup);
  return root.children;
}

/* ---------- attributes ---------- */

type AttrParser<T> = (value: string, name: string) => T;

const oneOf =
  <T extends string>(...values: T[]): AttrParser<T> =>
  (value, name) => {
    if ((values as string[]).includes(value)) return value as T;
    throw new Error(`attribute ${name}="${value}": expected one of ${values.join(', ')}`);
  };

const flag: AttrParser<boolean> = (value, name) => {
  if (value === '' || value === 'true' || value === name) return true;
  if (value === 'false') return false;
  throw new Error(`attribute ${name}="${value}": expected no value, "true" or "false"`);
};

const integer =
  (min: number, max: number): AttrParser<number> =>
  (value, name) => {
    if (!/^\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) {
      throw new Error(`attribute ${name}="${value}": expected a whole number from ${min} to ${max}`);
    }
    return Number(value);
  };

const decimal =
  (min: number, max: number): AttrParser<number> =>
  (value, name) => {
    const n = Number(value.trim());
    if (!/^\d+(\.\d+)?$/.test(value.trim()) || n < min || n > max) {
      throw new Error(`attribute ${name}="${value}": expected a number from ${min} to ${max}`);
    }
    return n;
  };

const widthList: AttrParser<number[]> = (value, name) => {
  const parts = value.split(',').map((s) => s.trim());
  if (parts.length === 0 || parts.some((p) => !/^\d+(\.\d+)?$/.test(p) || Number(p) <= 0)) {
    throw new Error(`attribute ${name}="${value}": expected positive numbers separated by commas`);
  }
  return parts.map(Number);
};

const ALIGN = oneOf<Align>('left', 'center', 'right', 'justify');
const VALIGN = oneOf<VAlign>('top', 'middle', 'bottom');
const ROLE = oneOf<ParagraphRole>('normal', 'title', 'heading', 'small');
const ORIENTATION = oneOf<Orientation>('portrait', 'landscape');
const SPACE = decimal(0, 144);

/** Reads an element's attributes with the given parsers; an attribute not listed is an error. */
function readAttrs<S extends Record<string, AttrParser<unknown>>>(
  el: ElementNode,
  spec: S,
): { [K in keyof S]?: ReturnType<S[K]> } {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(el.attrs)) {
    const parse = spec[name];
    if (!parse) {
      const known = Object.keys(spec);
      throw new MarkupError(
        `unknown attribute "${name}" on <${el.name}>` + (known.length ? ` (known: ${known.join(', ')})` : ''),
        el.line,
      );
    }
    try {
      out[name] = parse(value, name);
    } catch (e) {
      throw new MarkupError(`<${el.name}> ${(e as Error).message}`, el.line);
    }
  }
  return out as { [K in keyof S]?: ReturnType<S[K]> };
}

/* ---------- inline content ---------- */

interface Format {
  bold?: boolean;
  italic?: boolean;
}

const COLLAPSIBLE = /[ \t\n\r\f]+/g;

function collectInlines(nodes: MarkupNode[], fmt: Format, out: Inline[], context: string): void {
  for (const node of nodes) {
    if (node.kind === 'text') {
      const run: TextRun = { type: 'text', text: node.text.replace(COLLAPSIBLE, ' ') };
      if (fmt.bold) run.bold = true;
      if (fmt.italic) run.italic = true;
      out.push(run);
      continue;
    }
    readAttrs(node, {});
    switch (node.name) {
      case 'b':
        collectInlines(node.children, { ...fmt, bold: true }, out, '<b>');
        break;
      case 'i':
        collectInlines(node.children, { ...fmt, italic: true }, out, '<i>');
        break;
      case 'br':
      case 'tab':
        if (node.children.length > 0) throw new MarkupError(`<${node.name}/> must be empty`, node.line);
        out.push({ type: node.name === 'br' ? 'break' : 'tab' });
        break;
      default:
        throw new MarkupError(
          `<${node.name}> is not allowed inside ${context} (only text, <b>, <i>, <br/>, <tab/>)`,
          node.line,
        );
    }
  }
}

/**
 * Collapses whitespace across runs as HTML does: one space between words, none at the edges of the paragraph
 * or next to a line break or tab. Merges neighbouring runs of the same format.
 */
function normalizeRuns(runs: Inline[]): Inline[] {
  const out: Inline[] = [];
  const trimLast = () => {
    const last = out[out.length - 1];
    if (last?.type === 'text') {
      last.text = last.text.replace(/ $/, '');
      if (last.text === '') out.pop();
    }
  };
  let afterSpace = true;
  for (const run of runs) {
    if (run.type !== 'text') {
      trimLast();
      out.push(run);
      afterSpace = true;
      continue;
    }
    const text: string = afterSpace ? run.text.replace(/^ /, '') : run.text;
    if (text === '') continue;
    afterSpace = text.endsWith(' ');
    const last = out[out.length - 1];
    if (last?.type === 'text' && !!last.bold === !!run.bold && !!last.italic === !!run.italic) {
      last.text += text;
    } else {
      out.push({ ...run, text });
    }
  }
  trimLast();
  return out;
}

/* ---------- blocks ---------- */

interface FlowContext {
  /** Human name of the container, for messages. */
  where: string;
}

const paragraphAttrs = {
  align: ALIGN,
  'keep-with-next': flag,
  'keep-lines': flag,
  'space-before': SPACE,
  'space-after': SPACE,
};

function paragraph(el: ElementNode, role: ParagraphRole | undefined): Paragraph {
  if (role && 'role' in el.attrs) throw new MarkupError(`<${el.name}> takes no role attribute`, el.line);
  const a = readAttrs(el, { ...paragraphAttrs, role: ROLE });
  const runs: Inline[] = [];
  collectInlines(el.children, {}, runs, `<${el.name}>`);
  const p: Paragraph = { type: 'paragraph', runs: normalizeRuns(runs), role: role ?? a.role ?? 'normal' };
  if (a.align) p.align = a.align;
  const keep = a['keep-with-next'] ?? (role ? true : undefined);
  if (keep !== undefined) p.keepWithNext = keep;
  if (a['keep-lines']) p.keepLines = true;
  if (a['space-before'] !== undefined) p.spaceBefore = a['space-before'];
  if (a['space-after'] !== undefined) p.spaceAfter = a['space-after'];
  return p;
}

/**
 * Flow content: blocks, with loose inline content (text, <b>, …) between them gathered into paragraphs.
 */
function flow(nodes: MarkupNode[], ctx: FlowContext): Block[] {
  const blocks: Block[] = [];
  let pending: MarkupNode[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const runs: Inline[] = [];
    collectInlines(pending, {}, runs, ctx.where);
    pending = [];
    const normalized = normalizeRuns(runs);
    if (normalized.length > 0) blocks.push({ type: 'paragraph', runs: normalized, role: 'normal' });
  };
  for (const node of nodes) {
    if (node.kind === 'text' || INLINE_ELEMENTS.has(node.name)) {
      pending.push(node);
      continue;
    }
    flush();
    blocks.push(block(node, ctx));
  }
  flush();
  return blocks;
}

function block(el: ElementNode, ctx: FlowContext): Block {
  switch (el.name) {
    case 'p':
      return paragraph(el, undefined);
    case 'h1':
      return paragraph(el, 'title');
    case 'h2':
      return paragraph(el, 'heading');
    case 'ul':
    case 'ol':
      return list(el);
    case 'table':
      return table(el);
    case 'hr':
      readAttrs(el, {});
      expectEmpty(el);
      return { type: 'rule' };
    case 'page-break':
      readAttrs(el, {});
      expectEmpty(el);
      if (ctx.where !== '<section>') {
        throw new MarkupError(`<page-break/> is only allowed directly in a section, not in ${ctx.where}`, el.line);
      }
      return { type: 'pageBreak' };
    case 'section':
      throw new MarkupError('<section> cannot be nested in another element', el.line);
    default:
      throw new MarkupError(`<${el.name}> is not allowed in ${ctx.where}`, el.line);
  }
}

function expectEmpty(el: ElementNode): void {
  if (el.children.some((c) => c.kind === 'element' || c.text.trim() !== '')) {
    throw new MarkupError(`<${el.name}/> must be empty`, el.line);
  }
}

/** Child elements of a container that holds only elements of one name (whitespace between them ignored). */
function onlyChildren(el: ElementNode, name: string): ElementNode[] {
  const out: ElementNode[] = [];
  for (const child of el.children) {
    if (child.kind === 'text') {
      if (child.text.replace(COLLAPSIBLE, '') !== '') {
        throw new MarkupError(
          `text "${child.text.trim().slice(0, 40)}" is not allowed directly in <${el.name}>`,
          el.line,
        );
      }
      continue;
    }
    if (child.name !== name) {
      throw new MarkupError(`<${child.name}> is not allowed in <${el.name}> (only <${name}>)`, child.line);
    }
    out.push(child);
  }
  return out;
}

function list(el: ElementNode): List {
  const ordered = el.name === 'ol';
  if (!ordered && 'start' in el.attrs) throw new MarkupError('<ul> takes no start attribute', el.line);
  const a = readAttrs(el, { start: integer(0, 9999) });
  const items = onlyChildren(el, 'li').map((li) => {
    readAttrs(li, {});
    return flow(li.children, { where: '<li>' });
  });
  const out: List = { type: 'list', ordered, items };
  if (a.start !== undefined) out.start = a.start;
  return out;
}

function table(el: ElementNode): Table {
  const a = readAttrs(el, {
    widths: widthList,
    'header-rows': integer(0, 50),
    'font-size': decimal(5, 24),
    'keep-rows': flag,
    'keep-with-next': flag,
  });
  const rows: TableRow[] = onlyChildren(el, 'tr').map((tr) => {
    const ra = readAttrs(tr, { bold: flag, shade: flag });
    const cells = onlyChildren(tr, 'td').map((td): TableCell => {
      const ca = readAttrs(td, {
        colspan: integer(1, 100),
        rowspan: integer(1, 1000),
        align: ALIGN,
        valign: VALIGN,
        bold: flag,
        shade: flag,
      });
      const cell: TableCell = {
        blocks: flow(td.children, { where: '<td>' }),
        colSpan: ca.colspan ?? 1,
        rowSpan: ca.rowspan ?? 1,
      };
      if (ca.align) cell.align = ca.align;
      if (ca.valign) cell.valign = ca.valign;
      const bold = ca.bold ?? ra.bold;
      if (bold) cell.bold = true;
      const shade = ca.shade ?? ra.shade;
      if (shade) cell.shade = true;
      return cell;
    });
    if (cells.length === 0) throw new MarkupError('<tr> has no <td>', tr.line);
    return { cells };
  });
  if (rows.length === 0) throw new MarkupError('<table> has no rows', el.line);

  const columns = a.widths?.length ?? impliedColumnCount(rows);
  let placed: PlacedCell[][];
  try {
    placed = placeCells(rows, columns);
  } catch (e) {
    const hint = a.widths ? ` (widths="${el.attrs.widths}" gives ${columns} columns)` : '';
    throw new MarkupError(`${(e as Error).message}${hint}`, el.line);
  }
  const headerRows = a['header-rows'] ?? 0;
  if (headerRows > rows.length) {
    throw new MarkupError(`<table> header-rows="${headerRows}" but the table has ${rows.length} rows`, el.line);
  }
  rows.slice(0, headerRows).forEach((row, r) => {
    if (row.cells.some((c) => r + c.rowSpan > headerRows)) {
      throw new MarkupError(`<table> a rowspan in header row ${r + 1} runs into the body rows`, el.line);
    }
  });
  const out: Table = {
    type: 'table',
    widths: a.widths ?? new Array<number>(columns).fill(1),
    headerRows,
    keepRows: a['keep-rows'] ?? false,
    rows,
  };
  if (a['font-size'] !== undefined) out.fontSize = a['font-size'];
  if (a['keep-with-next']) {
    if (!out.keepRows)
      throw new MarkupError('<table keep-with-next> needs keep-rows (its last row must not split)', el.line);
    if (rows.length <= headerRows) throw new MarkupError('<table keep-with-next> has no body row to keep', el.line);
    if (spannedInto(placed, rows.length - 1)) {
      throw new MarkupError('<table keep-with-next> a rowspan runs into the last row', el.line);
    }
    out.keepWithNext = true;
  }
  return out;
}

function section(el: ElementNode): Section {
  const a = readAttrs(el, { orientation: ORIENTATION });
  return { orientation: a.orientation ?? 'portrait', blocks: flow(el.children, { where: '<section>' }) };
}

/** Parses template output into the document body. Throws `MarkupError` on any template bug. */
export function parseMarkup(markup: string): DocumentBody {
  const nodes = buildTree(markup);
  const hasSections = nodes.some((n) => n.kind === 'element' && n.name === 'section');
  if (!hasSections) {
    return { sections: [{ orientation: 'portrait', blocks: flow(nodes, { where: '<section>' }) }] };
  }
  const sections: Section[] = [];
  for (const node of nodes) {
    if (node.kind === 'text') {
      if (node.text.replace(COLLAPSIBLE, '') !== '') {
        throw new MarkupError(`text "${node.text.trim().slice(0, 40)}" outside of a <section>`);
      }
      continue;
    }
    if (node.name !== 'section') {
      throw new MarkupError(`<${node.name}> outside of a <section> (the markup uses sections)`, node.line);
    }
    sections.push(section(node));
  }
  return { sections };
}
