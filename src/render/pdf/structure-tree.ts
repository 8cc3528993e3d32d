/**
 * The structure tree of a tagged PDF, written with pdf-lib from what the marker recorded (tagging.ts); for the
 * whole application, from the annexes' records joined, each annex a part of one document.
 *
 * The functions take the pdf-lib module the caller loaded, so that every object of a document comes from one copy
 * of the library.
 */
import type * as PdfLib from 'pdf-lib';
import type { MarkedContent, PdfStructure } from './tagging.ts';

type Lib = Pick<typeof PdfLib, 'PDFArray' | 'PDFDict' | 'PDFName' | 'PDFRef' | 'PDFNumber'>;

const STRUCT_TREE_ROOT = 'StructTreeRoot';

/** Says the document is tagged (MarkInfo). */
function declareTagged(lib: Lib, doc: PdfLib.PDFDocument): void {
  doc.catalog.set(lib.PDFName.of('MarkInfo'), doc.context.obj({ Marked: true }));
}

/**
 * Writes the structure tree the marker recorded (tagging.ts) into the PDF it marked: one structure element per
 * recorded element under a Document, each holding its children and its marked sequences in reading order, and the
 * parent tree from each page's marked sequences back to their elements.
 */
export function writeStructure(lib: Lib, doc: PdfLib.PDFDocument, structure: PdfStructure): void {
  const { PDFArray, PDFDict, PDFName, PDFNumber } = lib;
  const { context } = doc;
  const pages = doc.getPages();
  if (structure.pages.length > pages.length) throw new Error('pdf structure: more pages marked than the PDF has');
  // What pdfkit wrote for its own structure tree: a root and a parent tree without elements.
  dropStructure(lib, doc);
  const rootRef = context.nextRef();
  const documentRef = context.nextRef();
  const refs = structure.types.map(() => context.nextRef());
  // Thousands of elements in a long estimate: the names made once, the dictionaries built directly.
  const S = PDFName.of('S');
  const P = PDFName.of('P');
  const K = PDFName.of('K');
  const Pg = PDFName.of('Pg');
  const MCID = PDFName.of('MCID');
  const MCR = PDFName.of('MCR');
  const types = new Map<string, PdfLib.PDFName>();
  const typeName = (t: string) => types.get(t) ?? types.set(t, PDFName.of(t)).get(t)!;
  // A header cell heads its column (PDF/UA asks for the scope of every header cell).
  const columnHeader = context.obj({ O: 'Table', Scope: 'Column' });
  structure.types.forEach((type, i) => {
    const kids = structure.kids[i]!;
    const first = kids.find((k): k is MarkedContent => typeof k !== 'number');
    const own = first ? pages[first[0]]!.ref : undefined;
    const k = kids.map((kid): PdfLib.PDFObject => {
      if (typeof kid === 'number') return refs[kid]!;
      const page = pages[kid[0]]!.ref;
      if (page === own) return PDFNumber.of(kid[1]);
      const mcr = PDFDict.withContext(context);
      mcr.set(PDFName.Type, MCR);
      mcr.set(Pg, page);
      mcr.set(MCID, PDFNumber.of(kid[1]));
      return mcr;
    });
    const el = PDFDict.withContext(context);
    el.set(S, typeName(type));
    const parent = structure.parents[i]!;
    el.set(P, parent >= 0 ? refs[parent]! : documentRef);
    if (k.length === 1) el.set(K, k[0]!);
    else if (k.length > 1) {
      const array = PDFArray.withContext(context);
      for (const kid of k) array.push(kid);
      el.set(K, array);
    }
    if (own) el.set(Pg, own);
    if (type === 'TH') el.set(PDFName.of('A'), columnHeader);
    context.assign(refs[i]!, el);
  });
  const top = refs.filter((_, i) => structure.parents[i] === -1);
  context.assign(documentRef, context.obj({ S: 'Document', P: rootRef, K: top }));
  const nums = PDFArray.withContext(context);
  const structParents = PDFName.of('StructParents');
  structure.pages.forEach((marks, page) => {
    pages[page]!.node.set(structParents, PDFNumber.of(page));
    nums.push(PDFNumber.of(page));
    nums.push(context.obj(marks.map((n) => refs[n]!)));
  });
  context.assign(
    rootRef,
    context.obj({
      Type: STRUCT_TREE_ROOT,
      K: documentRef,
      ParentTree: context.obj({ Nums: nums }),
      ParentTreeNextKey: structure.pages.length,
    }),
  );
  doc.catalog.set(PDFName.of(STRUCT_TREE_ROOT), rootRef);
  declareTagged(lib, doc);
}

/**
 * One structure of several PDFs joined page after page (each given with its page count): each PDF's elements go
 * under a Part of its own (an annex of the whole application).
 */
export function joinStructures(parts: { structure: PdfStructure; pages: number }[]): PdfStructure {
  const out: PdfStructure = { types: [], parents: [], kids: [], pages: [] };
  let pageOffset = 0;
  for (const { structure, pages } of parts) {
    const part = out.types.length;
    out.types.push('Part');
    out.parents.push(-1);
    out.kids.push([]);
    const base = part + 1;
    structure.types.forEach((type, i) => {
      const parent = structure.parents[i]!;
      out.types.push(type);
      out.parents.push(parent >= 0 ? parent + base : part);
      if (parent < 0) out.kids[part]!.push(base + i);
      out.kids.push(
        structure.kids[i]!.map((k): number | MarkedContent =>
          typeof k === 'number' ? k + base : [k[0] + pageOffset, k[1]],
        ),
      );
    });
    for (let page = 0; page < pages; page++) out.pages.push((structure.pages[page] ?? []).map((n) => n + base));
    pageOffset += pages;
  }
  return out;
}

/** Leaves a document untagged: no structure tree, and pages that point into none. */
export function dropStructure(lib: Lib, doc: PdfLib.PDFDocument): void {
  const { PDFName, PDFRef } = lib;
  for (const key of [STRUCT_TREE_ROOT, 'MarkInfo']) {
    const ref = doc.catalog.get(PDFName.of(key));
    if (ref instanceof PDFRef) doc.context.delete(ref);
    doc.catalog.delete(PDFName.of(key));
  }
  for (const page of doc.getPages()) page.node.delete(PDFName.of('StructParents'));
}
