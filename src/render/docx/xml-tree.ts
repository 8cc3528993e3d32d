/** Small reads of a parsed WordprocessingML part (htmlparser2), shared by the DOCX writer's XML passes. */
import { type Element, hasChildren, isTag, type AnyNode as Node } from 'domhandler';
import { Parser } from 'htmlparser2';

export const isElement = (n: Node): n is Element => isTag(n);

/** The elements directly under a node. */
export const childElements = (n: Node): Element[] => (hasChildren(n) ? n.children.filter(isElement) : []);

/** The first element named `name` directly under a node. */
export const firstChild = (n: Node, name: string): Element | undefined => childElements(n).find((c) => c.name === name);

/** Attributes as written in a start tag, each after a space (values as the parser read them: still escaped). */
export const attributeText = (attributes: Record<string, string>): string =>
  Object.entries(attributes)
    .map(([k, v]) => ` ${k}="${v}"`)
    .join('');

/** An element's place in the text it was read from: its `<` to its last `>` (inclusive), as htmlparser2 gives it. */
export interface PlacedElement {
  name: string;
  start: number;
  end: number;
  /** The elements directly under it, within the depth read. */
  children: PlacedElement[];
}

/**
 * The elements of an XML text down to `depth` levels (1: the root element), each with its place in the text. Read
 * with htmlparser2's streaming parser, without building the tree of what lies deeper: a document's body is copied
 * block by block from its text, and only a block that changes is parsed whole (a tree of the whole body costs three
 * times as much to read).
 */
export function outline(source: string, depth: number): PlacedElement[] {
  const roots: PlacedElement[] = [];
  const open: PlacedElement[] = [];
  let level = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        level++;
        if (level > depth) return;
        const el: PlacedElement = { name, start: parser.startIndex, end: -1, children: [] };
        (open[open.length - 1]?.children ?? roots).push(el);
        open.push(el);
      },
      onclosetag() {
        if (level-- > depth) return;
        const el = open.pop();
        if (el) el.end = parser.endIndex;
      },
    },
    { xmlMode: true, decodeEntities: false },
  );
  parser.end(source);
  return roots;
}

/** The text of a placed element. */
export const placedText = (source: string, el: PlacedElement): string => source.slice(el.start, el.end + 1);

/**
 * The `w:document` element of a document part and its `w:body`, read as an outline down to `depth` levels (3: the
 * body's blocks; 4: their children too).
 */
export function documentBody(source: string, depth: number): { document: PlacedElement; body: PlacedElement } {
  const document = outline(source, depth).find((e) => e.name === 'w:document');
  const body = document?.children.find((e) => e.name === 'w:body');
  if (!document || !body) throw new Error('docx: no w:body in word/document.xml');
  return { document, body };
}
