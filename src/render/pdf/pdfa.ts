/**
 * PDF/A-2b for the PDFs the tool writes: the XMP metadata that says so and repeats the document information, an
 * sRGB output intent, the document language and the title shown by viewers. Fonts are embedded by pdfkit.
 *
 * pdfkit writes PDF/A metadata itself (the `subset` option), but puts the title and author into the XML as they
 * are, so a name with «&» or «<» in it would make the metadata unreadable, and it leaves out the modification
 * date that the document information has. The metadata is therefore always written here, with pdf-lib.
 *
 * The functions take the pdf-lib module the caller loaded, so that every object of a document comes from one copy
 * of the library.
 */
import type * as PdfLib from 'pdf-lib';
import type { DocumentMeta } from '../../document/model.ts';
import { languageTag } from '../common.ts';

type Lib = Pick<typeof PdfLib, 'PDFName' | 'PDFDict' | 'PDFArray' | 'PDFObjectCopier' | 'PDFRef'>;

/** The part and conformance of PDF/A the files claim: ISO 19005-2, level B (visual appearance). */
export const PDFA = { part: 2, conformance: 'B' } as const;

export interface XmpInfo {
  title: string;
  author: string;
  subject?: string;
  keywords?: string[];
  lang: DocumentMeta['lang'];
  creator: string;
  producer: string;
  date: Date;
}

const escapeXml = (s: string): string =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** XML 1.0 refuses most control characters, which a PDF string takes: drop them from the metadata. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

const text = (s: string): string => escapeXml(s.replace(NOT_XML, ''));

/** A date as XMP writes it, to the second, in UTC (as the document information's dates are). */
const xmpDate = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The XMP packet of a document: its PDF/A identification and, property by property, its document information. */
export function xmpPacket(info: XmpInfo): string {
  const lang = languageTag(info.lang);
  const alt = (name: string, value: string) =>
    `<${name}><rdf:Alt><rdf:li xml:lang="x-default">${text(value)}</rdf:li></rdf:Alt></${name}>`;
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">',
    `<pdfaid:part>${PDFA.part}</pdfaid:part><pdfaid:conformance>${PDFA.conformance}</pdfaid:conformance>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    alt('dc:title', info.title),
    `<dc:creator><rdf:Seq><rdf:li>${text(info.author)}</rdf:li></rdf:Seq></dc:creator>`,
    info.subject ? alt('dc:description', info.subject) : '',
    `<dc:language><rdf:Bag><rdf:li>${lang}</rdf:li></rdf:Bag></dc:language>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<xmp:CreateDate>${xmpDate(info.date)}</xmp:CreateDate><xmp:ModifyDate>${xmpDate(info.date)}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${xmpDate(info.date)}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${text(info.creator)}</xmp:CreatorTool>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<pdf:Producer>${text(info.producer)}</pdf:Producer>`,
    info.keywords?.length ? `<pdf:Keywords>${text(info.keywords.join(', '))}</pdf:Keywords>` : '',
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

/**
 * Makes `doc` a PDF/A-2b document described by `meta`: document information and XMP metadata alike, the language,
 * DisplayDocTitle, and the output intent of `intentFrom` (a PDF pdfkit wrote with the PDF/A subset) when `doc`
 * has none of its own.
 */
export function makeArchival(
  lib: Lib,
  doc: PdfLib.PDFDocument,
  meta: DocumentMeta,
  date: Date,
  intentFrom?: PdfLib.PDFDocument,
): void {
  const { PDFName, PDFArray, PDFObjectCopier } = lib;
  const creator = 'pdfmake';
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  if (meta.subject) doc.setSubject(meta.subject);
  // Joined as the DOCX and the XMP join them (pdf-lib would join with spaces).
  if (meta.keywords?.length) doc.setKeywords([meta.keywords.join(', ')]);
  doc.setCreator(creator);
  doc.setProducer(creator);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage(languageTag(meta.lang));

  const xmp = xmpPacket({ ...meta, creator, producer: creator, date });
  const old = doc.catalog.get(PDFName.of('Metadata'));
  if (old instanceof lib.PDFRef) doc.context.delete(old);
  // Not compressed: PDF/A wants the metadata readable by tools that cannot inflate.
  const stream = doc.context.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));

  const intents = PDFName.of('OutputIntents');
  if (!doc.catalog.has(intents) && intentFrom) {
    const theirs = intentFrom.catalog.lookupMaybe(intents, PDFArray);
    if (!theirs) throw new Error('pdf: the part has no output intent to copy');
    doc.catalog.set(intents, PDFObjectCopier.for(intentFrom.context, doc.context).copy(theirs));
  }
  if (!doc.catalog.has(intents)) throw new Error('pdf: no output intent (PDF/A needs one)');
}
