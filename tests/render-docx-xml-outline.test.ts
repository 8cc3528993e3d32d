/**
 * The outline reader of the DOCX writer's XML passes (src/render/docx/xml-tree.ts): the places it gives are the
 * places a full parse gives, at every depth it reads, and nothing deeper is listed.
 */
import type { Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { childElements, outline, type PlacedElement, placedText } from '../src/render/docx/xml-tree.ts';

const SOURCE =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<w:document xmlns:w="urn:w"><w:body>' +
  '<w:p><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">a &lt;b&gt; &amp; «{{c}}»</w:t></w:r></w:p>' +
  '<w:tbl><w:tblPr/><w:tr><w:tc><w:p/></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>"q"</w:t></w:r></w:p></w:tc></w:tr></w:tbl>' +
  '<w:sectPr w:rsidR="1"><w:pgSz w:w="11906"/></w:sectPr>' +
  '</w:body></w:document>';

/** The same levels from a full parse: names and places. */
function fromTree(el: Element, depth: number): PlacedElement {
  return {
    name: el.name,
    start: el.startIndex as number,
    end: el.endIndex as number,
    children: depth > 1 ? childElements(el).map((c) => fromTree(c, depth - 1)) : [],
  };
}

describe('outline', () => {
  const tree = parseDocument(SOURCE, { xmlMode: true, withStartIndices: true, withEndIndices: true });
  for (const depth of [1, 2, 3, 4, 6]) {
    it(`places the elements of ${depth} levels as a full parse does`, () => {
      expect(outline(SOURCE, depth)).toEqual(childElements(tree).map((e) => fromTree(e, depth)));
    });
  }

  it('gives each block its text as written, self-closing tags and entities included', () => {
    const body = outline(SOURCE, 3)[0]?.children[0] as PlacedElement;
    expect(body.children.map((b) => placedText(SOURCE, b))).toEqual([
      '<w:p><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">a &lt;b&gt; &amp; «{{c}}»</w:t></w:r></w:p>',
      '<w:tbl><w:tblPr/><w:tr><w:tc><w:p/></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>"q"</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
      '<w:sectPr w:rsidR="1"><w:pgSz w:w="11906"/></w:sectPr>',
    ]);
  });
});
