/**
 * One DOCX from several: the body of each part, in order, with the metadata of the whole. The combined application
 * is made this way from the annex DOCX files instead of writing the four annexes a second time (docx's object model
 * costs about as much again as the parts themselves); after an edit, only the parts that changed are written again.
 *
 * Each part is a document docx wrote (renderDocx). Its sections go into the whole as they are: a part's closing page
 * setup becomes a section break, and the parts' lists, footers and styles are given numbers and names of their own in
 * the whole. Every part is read with a real XML parser (htmlparser2); what is not renumbered is copied as docx wrote
 * it, from the parser's positions. `ANNEXES_SPEEDUPS=0` writes the combined document from its own document model.
 */
import type { Element, AnyNode as Node } from 'domhandler';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { DocumentMeta } from '../../document/model.ts';
import { documentDate } from '../common.ts';
import { coreXml, zipOptions } from './index.ts';
import { attributeText, childElements, documentBody, firstChild, type PlacedElement, placedText } from './xml-tree.ts';

const XML = { xmlMode: true, decodeEntities: false, withStartIndices: true, withEndIndices: true } as const;
const FOOTER_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer';
const FOOTER_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml';
/** The cell styles' ids start so (see the writer's cellStyles). */
const TABLE_TEXT = 'TableText';

/** A parsed XML part: its text, for copying what is not changed, and its tree. */
class XmlPart {
  readonly root;
  constructor(readonly source: string) {
    this.root = parseDocument(source, XML);
  }
  /** The element as docx wrote it. */
  text(node: Node): string {
    if (node.startIndex === null || node.endIndex === null)
      throw new Error('docx: a node was parsed without its place');
    return this.source.slice(node.startIndex, node.endIndex + 1);
  }
  /** The XML declaration and the root element's start tag, as written. */
  head(root: Element): string {
    const firstInside = root.children[0];
    const end = firstInside?.startIndex ?? this.source.indexOf('>', root.startIndex ?? 0) + 1;
    return this.source.slice(0, end);
  }
  element(name: string): Element {
    const el = childElements(this.root).find((e) => e.name === name);
    if (!el) throw new Error(`docx: no ${name} in a part`);
    return el;
  }
}

/** One element of a part's text, parsed on its own. */
class XmlBlock extends XmlPart {
  readonly block: Element;
  constructor(source: string, placed: PlacedElement) {
    super(placedText(source, placed));
    const el = childElements(this.root)[0];
    if (!el) throw new Error(`docx: no ${placed.name} where the outline has it`);
    this.block = el;
  }
}

function partText(files: Record<string, Uint8Array>, path: string): string {
  const bytes = files[path];
  if (!bytes) throw new Error(`docx: a part has no ${path}`);
  return new TextDecoder().decode(bytes);
}

const readPart = (files: Record<string, Uint8Array>, path: string): XmlPart => new XmlPart(partText(files, path));

/** An element written again, with attributes changed (the serializer writes what the parser read). */
function withAttributes(el: Element, attributes: Record<string, string>): string {
  const attrs = attributeText({ ...el.attribs, ...attributes });
  const inner = el.children.map((c) => DomUtils.getOuterHTML(c, XML)).join('');
  return el.children.length > 0 ? `<${el.name}${attrs}>${inner}</${el.name}>` : `<${el.name}${attrs}/>`;
}

/**
 * The 1 pt paragraph renderDocx ends a document with when it would end with a table (see there): inside the whole,
 * the section break that follows a part does its work.
 */
function isClosingParagraph(el: Element): boolean {
  if (el.name !== 'w:p' || el.children.length !== 1) return false;
  const pPr = firstChild(el, 'w:pPr');
  const spacing = pPr && firstChild(pPr, 'w:spacing');
  return (
    pPr !== undefined &&
    childElements(pPr).length === 2 &&
    firstChild(pPr, 'w:pStyle')?.attribs['w:val'] === 'Small' &&
    spacing?.attribs['w:line'] === '20' &&
    spacing.attribs['w:before'] === '0' &&
    spacing.attribs['w:after'] === '0'
  );
}

/** The DOCX of the parts' documents one after the other, with `meta` as its properties. */
export function combineDocx(parts: Uint8Array[], meta: DocumentMeta): Buffer {
  if (parts.length === 0) throw new Error('docx: nothing to combine');
  const unzipped = parts.map((p) => unzipSync(p));
  const base = unzipped[0] as Record<string, Uint8Array>;

  // Lists: docx numbers its default bullets 1 and a document's own lists from 2; each part's lists follow the
  // previous parts' in the whole, as in a document written at once.
  const numberingBase = readPart(base, 'word/numbering.xml');
  const numberingRoot = numberingBase.element('w:numbering');
  const abstracts: string[] = [];
  const instances: string[] = [];
  let nextList = 2;
  let nextInstance = 2;

  // Footers: one per section, numbered through the whole, their relationships where the first part has its own.
  const baseRels = readPart(base, 'word/_rels/document.xml.rels');
  const baseRelations = childElements(baseRels.element('Relationships'));
  const beforeFooters = baseRelations.findIndex((r) => r.attribs.Type === FOOTER_TYPE);
  if (beforeFooters < 0) throw new Error('docx: a part has no footer');
  const footers: { path: string; data: Uint8Array; rels?: Uint8Array }[] = [];

  // Styles: the union, by id (the parts share theirs but for the cell styles of the text sizes each one uses).
  const stylesBase = readPart(base, 'word/styles.xml');
  const stylesRoot = stylesBase.element('w:styles');
  const styleIds = new Set(
    childElements(stylesRoot)
      .filter((e) => e.name === 'w:style')
      .map((e) => e.attribs['w:styleId']),
  );
  const extraStyles: string[] = [];

  // Each part: its lists, footers and styles join the whole's, then its body is written with their new numbers.
  const out: string[] = [];
  let head = '';
  unzipped.forEach((files, i) => {
    const numbering = i === 0 ? numberingBase : readPart(files, 'word/numbering.xml');
    const abstractMap = new Map<string, string>();
    const listMap = new Map<string, string>([['1', '1']]);
    const own = childElements(numbering.element('w:numbering'));
    for (const a of own.filter((e) => e.name === 'w:abstractNum')) {
      const id = a.attribs['w:abstractNumId'] as string;
      if (id === '1') {
        if (i === 0) abstracts.push(numbering.text(a));
        continue;
      }
      const n = String(nextList + abstractMap.size);
      abstractMap.set(id, n);
      abstracts.push(withAttributes(a, { 'w:abstractNumId': n }));
    }
    for (const num of own.filter((e) => e.name === 'w:num')) {
      const id = num.attribs['w:numId'] as string;
      const abstractId = firstChild(num, 'w:abstractNumId')?.attribs['w:val'] as string;
      if (id === '1') {
        if (i === 0) instances.push(numbering.text(num));
        continue;
      }
      const definition = abstractMap.get(abstractId);
      if (definition === undefined) throw new Error('docx: a list of a part has no definition');
      const n = String(nextInstance++);
      listMap.set(id, n);
      const inner = childElements(num)
        .map((c) => (c.name === 'w:abstractNumId' ? `<w:abstractNumId w:val="${definition}"/>` : numbering.text(c)))
        .join('');
      instances.push(`<w:num w:numId="${n}">${inner}</w:num>`);
    }
    nextList += abstractMap.size;

    const rels = i === 0 ? baseRels : readPart(files, 'word/_rels/document.xml.rels');
    const footerMap = new Map<string, string>();
    for (const rel of childElements(rels.element('Relationships'))) {
      if (rel.attribs.Type !== FOOTER_TYPE) continue;
      const target = rel.attribs.Target as string;
      const data = files[`word/${target}`];
      if (!data) throw new Error(`docx: a part has no word/${target}`);
      const n = footers.length + 1;
      const id = `rId${beforeFooters + n}`;
      footerMap.set(rel.attribs.Id as string, id);
      footers.push({ path: `footer${n}.xml`, data, rels: files[`word/_rels/${target}.rels`] });
    }

    if (i > 0) {
      const styles = readPart(files, 'word/styles.xml');
      for (const s of childElements(styles.element('w:styles'))) {
        const id = s.attribs['w:styleId'];
        if (s.name !== 'w:style' || styleIds.has(id)) continue;
        styleIds.add(id);
        extraStyles.push(styles.text(s));
      }
    }

    // The body is read as an outline (xml-tree.ts): a block is copied as docx wrote it, and parsed whole only when
    // its lists or a section break change.
    const source = partText(files, 'word/document.xml');
    const { document, body } = documentBody(source, 3);
    if (i === 0)
      head =
        source.slice(0, document.children[0]?.start ?? source.indexOf('>', document.start) + 1) +
        source.slice(body.start, body.children[0]?.start ?? 0);
    const sectPr = (el: Element, from: XmlPart): string =>
      `<w:sectPr${attributeText(el.attribs)}>${childElements(el)
        .map((c) =>
          c.name === 'w:footerReference'
            ? withAttributes(c, { 'r:id': footerMap.get(c.attribs['r:id'] as string) ?? (c.attribs['r:id'] as string) })
            : from.text(c),
        )
        .join('')}</w:sectPr>`;
    const children = body.children;
    const closing = children[children.length - 1];
    if (closing?.name !== 'w:sectPr') throw new Error('docx: a part does not end with its page setup');
    let content = children.slice(0, -1);
    const last = i === unzipped.length - 1;
    if (
      !last &&
      content.length > 0 &&
      isClosingParagraph(new XmlBlock(source, content[content.length - 1] as PlacedElement).block)
    )
      content = content.slice(0, -1);
    for (const el of content) out.push(copyBlock(source, el, listMap, sectPr));
    const closingPart = new XmlBlock(source, closing);
    const closingXml = sectPr(closingPart.block, closingPart);
    out.push(last ? closingXml : `<w:p><w:pPr>${closingXml}</w:pPr></w:p>`);
  });
  const documentXml = `${head}${out.join('')}</w:body></w:document>`;

  // The parts around the body: the first part's, with the whole's lists, footers, styles and properties, in the
  // order docx writes them (the footers where the first part has its own), so that the file is the one docx would
  // write for the whole document.
  const entries: Record<string, Uint8Array> = {};
  const footerPath = /^word\/footer\d+\.xml$/;
  const footerRelsPath = /^word\/_rels\/footer\d+\.xml\.rels$/;
  let footersPlaced = false;
  let footerRelsPlaced = false;
  for (const [path, data] of Object.entries(base)) {
    if (footerRelsPath.test(path)) {
      if (!footerRelsPlaced) for (const f of footers) if (f.rels) entries[`word/_rels/${f.path}.rels`] = f.rels;
      footerRelsPlaced = true;
    } else if (footerPath.test(path)) {
      if (!footersPlaced) for (const f of footers) entries[`word/${f.path}`] = f.data;
      footersPlaced = true;
    } else entries[path] = data;
  }
  entries['word/document.xml'] = strToU8(documentXml);
  const numberingHead = numberingBase.head(numberingRoot);
  const numberingOthers = childElements(numberingRoot)
    .filter((e) => e.name !== 'w:abstractNum' && e.name !== 'w:num')
    .map((e) => numberingBase.text(e));
  entries['word/numbering.xml'] = strToU8(
    `${numberingHead}${[...numberingOthers, ...abstracts, ...instances].join('')}</w:numbering>`,
  );
  // The cell styles of the other parts after the first part's (docx writes them in the order of their first use).
  const lastOwn = childElements(stylesRoot)
    .filter((e) => e.name === 'w:style' && e.attribs['w:styleId']?.startsWith(TABLE_TEXT))
    .pop();
  const stylesAt = lastOwn ? (lastOwn.endIndex as number) + 1 : stylesBase.source.lastIndexOf('</w:styles>');
  entries['word/styles.xml'] = strToU8(
    stylesBase.source.slice(0, stylesAt) + extraStyles.join('') + stylesBase.source.slice(stylesAt),
  );
  // Relationships numbered in order, the footers in the place of the first part's.
  const relations: string[] = [];
  let footersListed = false;
  for (const r of baseRelations) {
    if (r.attribs.Type === FOOTER_TYPE) {
      if (!footersListed) for (const f of footers) relations.push(`Type="${FOOTER_TYPE}" Target="${f.path}"`);
      footersListed = true;
    } else {
      const { Id: _, ...rest } = r.attribs;
      relations.push(attributeText(rest).slice(1));
    }
  }
  entries['word/_rels/document.xml.rels'] = strToU8(
    baseRels.head(baseRels.element('Relationships')) +
      relations.map((r, i) => `<Relationship Id="rId${i + 1}" ${r}/>`).join('') +
      '</Relationships>',
  );
  const types = readPart(base, '[Content_Types].xml');
  const typesRoot = types.element('Types');
  entries['[Content_Types].xml'] = strToU8(
    types.head(typesRoot) +
      childElements(typesRoot)
        .filter((t) => t.attribs.ContentType !== FOOTER_CONTENT_TYPE)
        .map((t) => types.text(t))
        .join('') +
      footers.map((f) => `<Override ContentType="${FOOTER_CONTENT_TYPE}" PartName="/word/${f.path}"/>`).join('') +
      '</Types>',
  );
  entries['docProps/core.xml'] = strToU8(coreXml(meta, documentDate(meta)));
  return Buffer.from(zipSync(entries, zipOptions(meta.date)));
}

/** A block of a part's body as docx wrote it, but for the numbers of its lists and a section break's footers. */
function copyBlock(
  source: string,
  placed: PlacedElement,
  lists: ReadonlyMap<string, string>,
  sectPr: (el: Element, from: XmlPart) => string,
): string {
  const text = placedText(source, placed);
  if (!text.includes('<w:numId') && !text.includes('<w:sectPr')) return text;
  const block = new XmlBlock(source, placed);
  const el = block.block;
  const numIds = DomUtils.getElementsByTagName('w:numId', [el], true);
  const sectionBreak = el.name === 'w:p' ? firstChild(firstChild(el, 'w:pPr') ?? el, 'w:sectPr') : undefined;
  if (numIds.every((n) => lists.get(n.attribs['w:val'] as string) === n.attribs['w:val']) && !sectionBreak) return text;
  // Written again from the tree, with the numbers changed on it (a later part's lists, a section break).
  for (const n of numIds)
    n.attribs['w:val'] = lists.get(n.attribs['w:val'] as string) ?? (n.attribs['w:val'] as string);
  if (sectionBreak) {
    const setup = sectPr(sectionBreak, block);
    const pPr = firstChild(el, 'w:pPr') as Element;
    const before = childElements(pPr).filter((c) => c !== sectionBreak);
    return `<w:p><w:pPr>${before.map((c) => DomUtils.getOuterHTML(c, XML)).join('')}${setup}</w:pPr>${childElements(el)
      .filter((c) => c !== pPr)
      .map((c) => DomUtils.getOuterHTML(c, XML))
      .join('')}</w:p>`;
  }
  return DomUtils.getOuterHTML(el, XML);
}
