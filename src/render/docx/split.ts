/**
 * The annex DOCX files cut out of the combined one. Writing a DOCX (docx's object model, its XML and zip) costs
 * about as much per page as laying the page out, so the combined application is written once and each annex is
 * its stretch of sections: the same paragraphs and tables, the same styles, its own page setup and footer.
 *
 * Each section but the last of a Word body ends with a paragraph that holds its page setup (w:sectPr); the last
 * one's page setup closes the body. An annex made of sections k…m gets their content, with section m's page setup
 * closing its body.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Document } from '../../document/model.ts';
import { documentDate } from '../common.ts';
import { coreXml, END_PARAGRAPH, stampZip } from './index.ts';

const reEscape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const BREAK = /<w:p><w:pPr>(<w:sectPr>[\s\S]*?<\/w:sectPr>)<\/w:pPr><\/w:p>/g;
const FOOTER_REF = /<w:footerReference [^>]*r:id="([^"]+)"/g;

interface Section {
  content: string;
  sectPr: string;
}

/** The sections of a Word body, in order. */
function sections(body: string): Section[] {
  const out: Section[] = [];
  let last = 0;
  for (const m of body.matchAll(BREAK)) {
    out.push({ content: body.slice(last, m.index), sectPr: m[1] as string });
    last = (m.index as number) + m[0].length;
  }
  const rest = body.slice(last);
  const final = rest.lastIndexOf('<w:sectPr>');
  if (final < 0) throw new Error('docx: no page setup at the end of the body');
  out.push({ content: rest.slice(0, final), sectPr: rest.slice(final) });
  return out;
}

/**
 * The DOCX of each part, from the DOCX of their combination: `parts[i]` is the document whose sections come i-th
 * (none may be empty). Throws when the combined file is not made of those sections.
 */
export function splitDocx(combined: Uint8Array, parts: Document[]): Buffer[] {
  const files = unzipSync(combined);
  const documentXml = strFromU8(files['word/document.xml'] as Uint8Array);
  const open = documentXml.indexOf('<w:body>') + '<w:body>'.length;
  const close = documentXml.lastIndexOf('</w:body>');
  if (open < '<w:body>'.length || close < open) throw new Error('docx: no body in word/document.xml');
  const all = sections(documentXml.slice(open, close));
  const counts = parts.map((p) => p.sections.filter((s) => s.blocks.length > 0).length);
  if (counts.some((n) => n === 0) || counts.reduce((a, b) => a + b, 0) !== all.length)
    throw new Error(`docx: ${all.length} sections do not divide into parts of ${counts.join(', ')}`);

  const rels = strFromU8(files['word/_rels/document.xml.rels'] as Uint8Array);
  const types = strFromU8(files['[Content_Types].xml'] as Uint8Array);
  const footerTargets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship Id="([^"]+)" Type="[^"]*\/footer" Target="([^"]+)"\/>/g))
    footerTargets.set(m[1] as string, m[2] as string);

  const date = documentDate();
  let first = 0;
  return parts.map((part, i) => {
    const own = all.slice(first, first + (counts[i] as number));
    first += counts[i] as number;
    const last = own[own.length - 1] as Section;
    let body = own
      .slice(0, -1)
      .map((s) => `${s.content}<w:p><w:pPr>${s.sectPr}</w:pPr></w:p>`)
      .join('');
    body += last.content;
    // As the writer does for a document that ends with a table (see renderDocx).
    if (last.content.endsWith('</w:tbl>')) body += END_PARAGRAPH;
    body += last.sectPr;

    // Only the footers this part's sections use, numbered from 1 as in a document of its own.
    const used = new Set(own.flatMap((s) => [...s.sectPr.matchAll(FOOTER_REF)].map((m) => m[1] as string)));
    let partRels = rels;
    let partTypes = types;
    const renamed = new Map<string, string | null>();
    let n = 0;
    for (const [id, target] of footerTargets) {
      const part = `word/${target}`;
      if (!used.has(id)) {
        partRels = partRels.replace(new RegExp(`<Relationship Id="${reEscape(id)}" [^>]*/>`), '');
        partTypes = partTypes.replace(new RegExp(`<Override [^>]*PartName="/${reEscape(part)}"/>`), '');
        renamed.set(part, null);
        renamed.set(`word/_rels/${target}.rels`, null);
        continue;
      }
      const name = `footer${++n}.xml`;
      partRels = partRels.replace(`Target="${target}"`, `Target="${name}"`);
      partTypes = partTypes.replace(`PartName="/${part}"`, `PartName="/word/${name}"`);
      renamed.set(part, `word/${name}`);
      renamed.set(`word/_rels/${target}.rels`, `word/_rels/${name}.rels`);
    }
    const out: Record<string, Uint8Array> = {};
    for (const [source, data] of Object.entries(files)) {
      const path = renamed.has(source) ? renamed.get(source) : source;
      if (path === null || path === undefined) continue;
      if (path === 'word/document.xml')
        out[path] = strToU8(documentXml.slice(0, open) + body + documentXml.slice(close));
      else if (path === 'word/_rels/document.xml.rels') out[path] = strToU8(partRels);
      else if (path === '[Content_Types].xml') out[path] = strToU8(partTypes);
      else if (path === 'docProps/core.xml') out[path] = strToU8(coreXml(part, date));
      else out[path] = data;
    }
    const zip = Buffer.from(zipSync(out));
    if (process.env.SOURCE_DATE_EPOCH) stampZip(zip, date);
    return zip;
  });
}
