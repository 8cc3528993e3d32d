/**
 * Bookmarks (the PDF outline) of a document made of parts: each part's own outline (its annex, then the annex's
 * sections), one after the other, pointing at the pages the part's pages became.
 *
 * pdfmake writes each annex PDF's outline; this reads it back and writes it again in the combined document. A
 * bookmark opens the top of its page.
 */
import type * as PdfLib from 'pdf-lib';

type Lib = Pick<
  typeof PdfLib,
  'PDFName' | 'PDFDict' | 'PDFArray' | 'PDFRef' | 'PDFNumber' | 'PDFHexString' | 'PDFNull'
>;

/** A bookmark: its title, the page it opens (index in the document) and the bookmarks under it. */
export interface Bookmark {
  title: string;
  page: number;
  children: Bookmark[];
}

/** The outline of a document as bookmarks (none when it has no outline). */
export function readOutline(lib: Lib, doc: PdfLib.PDFDocument): Bookmark[] {
  const { PDFName, PDFDict, PDFArray, PDFRef } = lib;
  const pages = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i]));
  const root = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const items = (parent: PdfLib.PDFDict | undefined, depth: number): Bookmark[] => {
    const out: Bookmark[] = [];
    // A bound on the walk, so a broken chain (a loop) cannot hang the render.
    let item = parent?.lookupMaybe(PDFName.of('First'), PDFDict);
    for (let n = 0; item && n < 10_000 && depth < 16; n++) {
      const title = item.lookup(PDFName.of('Title'));
      const dest = item.lookupMaybe(PDFName.of('Dest'), PDFArray);
      const target = dest?.get(0);
      const page = target instanceof PDFRef ? pages.get(target.toString()) : undefined;
      const text =
        title && 'decodeText' in title && typeof title.decodeText === 'function' ? String(title.decodeText()) : '';
      if (page !== undefined) out.push({ title: text, page, children: items(item, depth + 1) });
      item = item.lookupMaybe(PDFName.of('Next'), PDFDict);
    }
    return out;
  };
  return items(root, 0);
}

/** Writes `bookmarks` as the outline of `doc` (its pages by index), replacing any outline it had. */
export function writeOutline(lib: Lib, doc: PdfLib.PDFDocument, bookmarks: Bookmark[]): void {
  const { PDFName, PDFNumber, PDFHexString, PDFNull } = lib;
  if (bookmarks.length === 0) return;
  const { context } = doc;
  const pages = doc.getPages();
  const rootRef = context.nextRef();
  const root = context.obj({ Type: 'Outlines' });

  /** Writes the items under `parentRef`; returns how many bookmarks they hold (all open). */
  const level = (items: Bookmark[], parent: PdfLib.PDFDict, parentRef: PdfLib.PDFRef): number => {
    const refs = items.map(() => context.nextRef());
    let count = 0;
    items.forEach((b, i) => {
      const page = pages[b.page];
      if (!page) throw new Error(`pdf outline: no page ${b.page + 1}`);
      const item = context.obj({});
      item.set(PDFName.of('Title'), PDFHexString.fromText(b.title));
      item.set(PDFName.of('Parent'), parentRef);
      // The top of the page, the zoom left as it is.
      const dest = context.obj([page.ref, PDFName.of('XYZ'), PDFNull, PDFNumber.of(page.getHeight()), PDFNull]);
      item.set(PDFName.of('Dest'), dest);
      if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < items.length - 1) item.set(PDFName.of('Next'), refs[i + 1]!);
      const below = level(b.children, item, refs[i]!);
      if (below > 0) item.set(PDFName.of('Count'), PDFNumber.of(below));
      context.assign(refs[i]!, item);
      count += 1 + below;
    });
    if (refs.length > 0) {
      parent.set(PDFName.of('First'), refs[0]!);
      parent.set(PDFName.of('Last'), refs[refs.length - 1]!);
    }
    return count;
  };
  const count = level(bookmarks, root, rootRef);
  root.set(PDFName.of('Count'), PDFNumber.of(count));
  context.assign(rootRef, root);
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  // Viewers open the bookmarks beside the pages.
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
