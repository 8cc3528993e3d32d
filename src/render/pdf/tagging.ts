/**
 * Tagged PDF: a structure tree (headings, paragraphs, lists, tables with their rows and header cells) over the
 * drawn text, so screen readers and text extraction read the forms in order, and everything else (table borders,
 * rules, page numbers, header rows repeated on a new page) marked as an artifact.
 *
 * The PDF writer gives every text node a `tag` (its structure element, with the chain of its parents). pdfmake
 * carries a node's tag onto each of its laid-out lines and calls the document definition's `markContent` before
 * every item it draws (patches/pdfmake+0.3.11.patch). The marker below marks the item's content through pdfkit's
 * public API and notes which element each marked sequence belongs to; the finishing pass writes the tree from
 * that record (structure-tree.ts), which costs far less than pdfkit writing it and pdf-lib reading it back.
 * Without the patch the hook is never called and the PDF is untagged (same pages, same text).
 */

/** The standard structure types the forms use (ISO 32000-1, 14.8.4). */
export type StructureType =
  /** An annex in the whole application (structure-tree.ts). */
  'Part' | 'H1' | 'H2' | 'P' | 'L' | 'LI' | 'Lbl' | 'LBody' | 'Table' | 'TR' | 'TH' | 'TD';

/** A structure element: its type and its parent (none: the document). Shared by reference between nodes. */
export interface StructureTag {
  readonly type: StructureType;
  readonly parent?: StructureTag;
  /** A table's header row: repeated by pdfmake at the top of each further page, where the copy is an artifact. */
  readonly repeats?: boolean;
}

/** Marked content: the page (index) and its marked-content id there. */
export type MarkedContent = [page: number, mcid: number];

/**
 * The structure of a laid-out PDF, as plain data (it goes from the layout's thread to the finishing pass's).
 * Elements are numbered in the order their first line was drawn; a parent comes before its children.
 */
export interface PdfStructure {
  types: StructureType[];
  /** Each element's parent, -1 for the document's children (which are in the order of their numbers). */
  parents: number[];
  /** Each element's children in reading order: an element's number, or a marked sequence of its own. */
  kids: (number | MarkedContent)[][];
  /** Each page's marked-content ids, in order: the element each belongs to. */
  pages: number[][];
}

/** What the marker uses of pdfkit's document (public API). */
interface MarkingDocument {
  markStructureContent(tag: string): unknown;
  markContent(tag: string, options?: { type?: 'Pagination' | 'Layout' }): unknown;
  endMarkedContent(): unknown;
}

/** An item of a pdfmake page, as the hook sees it. */
export interface DrawnItem {
  type: string;
  item?: { _tag?: StructureTag };
}

/**
 * Items that draw: each is tagged content or an artifact. The others (clips, vertical shifts) save or restore
 * the graphics state, which a marked-content sequence must not straddle.
 */
const DRAWS = new Set(['line', 'vector', 'image', 'svg', 'attachment']);

export interface ContentMarker {
  /** The `markContent` hook of the document definition (null: the page's last item is drawn). */
  mark(doc: MarkingDocument, item: DrawnItem | null): void;
  /** What was marked, once the PDF is drawn; undefined when nothing was (pdfmake without the patch). */
  structure(): PdfStructure | undefined;
}

/**
 * The marker of one PDF. Consecutive lines of one element share one marked sequence, as do consecutive artifacts.
 * Marked-content ids count from 0 on each page in the order pdfkit gives them (its markStructureContent).
 */
export function contentMarker(): ContentMarker {
  const numbers = new Map<StructureTag, number>();
  const out: PdfStructure = { types: [], parents: [], kids: [], pages: [] };
  /** The page each repeated header row was first drawn on (its own place; later pages show copies). */
  const headerPage = new Map<StructureTag, number>();
  let page = 0;
  let open: StructureTag | 'Pagination' | 'Layout' | undefined;

  const element = (tag: StructureTag): number => {
    let n = numbers.get(tag);
    if (n !== undefined) return n;
    const parent = tag.parent ? element(tag.parent) : -1;
    n = out.types.length;
    out.types.push(tag.type);
    out.parents.push(parent);
    out.kids.push([]);
    if (parent >= 0) out.kids[parent]!.push(n);
    numbers.set(tag, n);
    return n;
  };

  /** Whether a line is a copy of a header row on a page after the row's own. */
  const isRepeat = (tag: StructureTag): boolean => {
    for (let t: StructureTag | undefined = tag; t; t = t.parent) {
      if (!t.repeats) continue;
      const first = headerPage.get(t);
      if (first === undefined) headerPage.set(t, page);
      return first !== undefined && first !== page;
    }
    return false;
  };

  const close = (doc: MarkingDocument): void => {
    if (open !== undefined) doc.endMarkedContent();
    open = undefined;
  };
  const artifact = (doc: MarkingDocument, kind: 'Pagination' | 'Layout'): void => {
    if (open === kind) return;
    close(doc);
    doc.markContent('Artifact', { type: kind });
    open = kind;
  };

  return {
    mark(doc, item) {
      if (item === null) {
        close(doc);
        page++;
        return;
      }
      if (!DRAWS.has(item.type)) return close(doc);
      const tag = item.type === 'line' ? item.item?._tag : undefined;
      // Untagged text is the page number (the footer); a repeated header row is pagination too.
      if (item.type === 'line' && (tag === undefined || isRepeat(tag))) return artifact(doc, 'Pagination');
      if (tag === undefined) return artifact(doc, 'Layout');
      if (open === tag) return;
      close(doc);
      const n = element(tag);
      while (out.pages.length <= page) out.pages.push([]);
      const marks = out.pages[page]!;
      out.kids[n]!.push([page, marks.length]);
      marks.push(n);
      doc.markStructureContent(tag.type);
      open = tag;
    },
    structure: () => (out.types.length > 0 ? out : undefined),
  };
}
