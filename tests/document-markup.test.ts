import fc from 'fast-check';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { MarkupError, parseMarkup } from '../src/document/markup.ts';
import type { Block, List, Paragraph, Table, TextRun } from '../src/document/model.ts';
import { placeCells } from '../src/document/table-grid.ts';

const blocksOf = (markup: string): Block[] => parseMarkup(markup).sections[0]!.blocks;
const para = (b: Block | undefined): Paragraph => {
  expect(b?.type).toBe('paragraph');
  return b as Paragraph;
};
const textOf = (p: Paragraph): string =>
  p.runs.map((r) => (r.type === 'text' ? r.text : r.type === 'break' ? '\n' : '\t')).join('');
const errorOf = (markup: string): MarkupError => {
  try {
    parseMarkup(markup);
  } catch (e) {
    expect(e).toBeInstanceOf(MarkupError);
    return e as MarkupError;
  }
  throw new Error(`no error for: ${markup}`);
};

describe('parseMarkup: paragraphs and inline content', () => {
  it('keeps runs, formats, breaks and tabs, collapsing whitespace like HTML', () => {
    const [p] = blocksOf(`<p align="right">  Приложение
        2 <b>к  Правилам</b><br/>
        <i>қазақша <b>мәтін</b></i><tab/>ӘҒҚҢ </p>`);
    const paragraph = para(p);
    expect(paragraph.align).toBe('right');
    expect(paragraph.role).toBe('normal');
    expect(paragraph.runs).toEqual([
      { type: 'text', text: 'Приложение 2 ' },
      { type: 'text', text: 'к Правилам', bold: true },
      { type: 'break' },
      { type: 'text', text: 'қазақша ', italic: true },
      { type: 'text', text: 'мәтін', bold: true, italic: true },
      { type: 'tab' },
      { type: 'text', text: 'ӘҒҚҢ' },
    ]);
  });

  it('collapses spaces across run boundaries and keeps no-break spaces', () => {
    const p = para(blocksOf('<p>Сумма: <b> 1&#160;250&#160;000 </b> ₸</p>')[0]);
    expect(textOf(p)).toBe('Сумма: 1\u00a0250\u00a0000 ₸');
  });

  it('turns entities into literal text, so escaped user text stays text', () => {
    const p = para(
      blocksOf('<p>&lt;b&gt;{{x}}&lt;/b&gt; &amp;amp; &quot;q&quot; &#x27;a&#x27; &#123; &#x60;&#x3D;</p>')[0],
    );
    expect(textOf(p)).toBe('<b>{{x}}</b> &amp; "q" \'a\' { `=');
    expect(p.runs.every((r) => r.type !== 'text' || !r.bold)).toBe(true);
  });

  it('round-trips any text Handlebars escapes into a template', () => {
    const template = Handlebars.create().compile('<section><p>{{value}}</p></section>', { strict: true });
    const controls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (raw) => {
        const value = raw.replace(controls, '');
        const p = para(parseMarkup(template({ value })).sections[0]!.blocks[0]);
        const expected = value.replace(/[ \t\n\r\f]+/g, ' ').replace(/^ | $/g, '');
        expect(textOf(p)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('gives headings their roles and keep-with-next', () => {
    const [h1, h2, p, small] = blocksOf(
      '<h1>Анкета заявителя</h1><h2 align="center" keep-with-next="false">1. Раздел</h2><p keep-with-next space-before="3" space-after="0">x</p><p role="small">* сноска</p>',
    );
    expect(para(h1)).toMatchObject({ role: 'title', keepWithNext: true });
    expect(para(h2)).toMatchObject({ role: 'heading', keepWithNext: false, align: 'center' });
    expect(para(p)).toMatchObject({ role: 'normal', keepWithNext: true, spaceBefore: 3, spaceAfter: 0 });
    expect(para(small).role).toBe('small');
  });

  it('keeps an empty paragraph (templates use them as blank lines)', () => {
    expect(blocksOf('<p></p><p/>')).toEqual([
      { type: 'paragraph', runs: [], role: 'normal' },
      { type: 'paragraph', runs: [], role: 'normal' },
    ]);
  });
});

describe('parseMarkup: sections, lists, rules, page breaks', () => {
  it('reads sections with their orientation', () => {
    const body = parseMarkup(
      '<section><p>а</p></section>\n<section orientation="landscape"><p>ә</p><page-break/><hr/></section>',
    );
    expect(body.sections.map((s) => s.orientation)).toEqual(['portrait', 'landscape']);
    expect(body.sections[1]!.blocks.map((b) => b.type)).toEqual(['paragraph', 'pageBreak', 'rule']);
  });

  it('treats markup without sections as one portrait section', () => {
    const body = parseMarkup('<p>x</p>');
    expect(body.sections).toHaveLength(1);
    expect(body.sections[0]!.orientation).toBe('portrait');
  });

  it('reads lists with inline items, block items and nesting', () => {
    const [ul, ol] = blocksOf(
      '<ul><li>бір</li><li><p>екі</p><ol><li>ішкі</li></ol></li></ul><ol start="3"><li>три <b>жирный</b></li></ol>',
    );
    const bullets = ul as List;
    expect(bullets).toMatchObject({ type: 'list', ordered: false });
    expect(bullets.start).toBeUndefined();
    expect(bullets.items).toHaveLength(2);
    expect(textOf(para(bullets.items[0]![0]))).toBe('бір');
    expect(bullets.items[1]!.map((b) => b.type)).toEqual(['paragraph', 'list']);
    expect((ol as List).ordered).toBe(true);
    expect((ol as List).start).toBe(3);
    expect(para((ol as List).items[0]![0]).runs[1]).toEqual({ type: 'text', text: 'жирный', bold: true });
  });
});

describe('parseMarkup: tables', () => {
  const markup = `<table widths="1,4,6" header-rows="2" font-size="9" keep-rows>
    <tr bold shade><td rowspan="2" align="center" valign="middle">№</td><td colspan="2">Сведения</td></tr>
    <tr bold shade><td>Наименование</td><td bold="false">Информация</td></tr>
    <tr><td>1.</td><td>Атауы <b>«Даму»</b></td><td>Текст <p>абзац</p> хвост</td></tr>
  </table>`;

  it('reads attributes, spans and row formats', () => {
    const table = blocksOf(markup)[0] as Table;
    expect(table).toMatchObject({ type: 'table', widths: [1, 4, 6], headerRows: 2, fontSize: 9, keepRows: true });
    expect(table.rows.map((r) => r.cells.length)).toEqual([2, 2, 3]);
    expect(table.rows[0]!.cells[0]).toMatchObject({ rowSpan: 2, colSpan: 1, align: 'center', valign: 'middle' });
    expect(table.rows[0]!.cells[1]).toMatchObject({ colSpan: 2, bold: true, shade: true });
    expect(table.rows[1]!.cells[1]!.bold).toBeUndefined();
    expect(table.rows[2]!.cells[0]!.shade).toBeUndefined();
    const placed = placeCells(table.rows, 3);
    expect(placed[1]!.map((c) => c.col)).toEqual([1, 2]);
    expect(placed[2]!.map((c) => c.col)).toEqual([0, 1, 2]);
  });

  it('gathers loose inline content of a cell into paragraphs around its blocks', () => {
    const table = blocksOf(markup)[0] as Table;
    const cell = table.rows[2]!.cells[2]!;
    expect(cell.blocks.map((b) => textOf(para(b)))).toEqual(['Текст', 'абзац', 'хвост']);
    const title = table.rows[2]!.cells[1]!.blocks;
    expect(title).toHaveLength(1);
    expect(para(title[0]).runs).toEqual([
      { type: 'text', text: 'Атауы ' },
      { type: 'text', text: '«Даму»', bold: true },
    ]);
  });

  it('defaults widths to equal columns and no header', () => {
    const table = blocksOf('<table><tr><td>a</td><td colspan="2">b</td></tr></table>')[0] as Table;
    expect(table.widths).toEqual([1, 1, 1]);
    expect(table.headerRows).toBe(0);
    expect(table.keepRows).toBe(false);
    expect(table.fontSize).toBeUndefined();
    expect(table.rows[0]!.cells[0]!.blocks).toEqual([
      { type: 'paragraph', runs: [{ type: 'text', text: 'a' } satisfies TextRun], role: 'normal' },
    ]);
  });
});

describe('parseMarkup: template bugs are errors that name the problem', () => {
  const cases: [string, string, RegExp][] = [
    ['unknown element', '<p>x</p>\n<div>y</div>', /line 2: unknown element <div>/],
    ['unknown attribute', '<p>x</p><p colour="red">y</p>', /unknown attribute "colour" on <p>/],
    [
      'bad align',
      '<p align="middle">x</p>',
      /<p> attribute align="middle": expected one of left, center, right, justify/,
    ],
    ['bad role', '<p role="caption">x</p>', /attribute role="caption"/],
    ['role on heading', '<h2 role="title">x</h2>', /<h2> takes no role/],
    ['bad orientation', '<section orientation="sideways"><p>x</p></section>', /orientation="sideways"/],
    ['bad colspan', '<table><tr><td colspan="0">x</td></tr></table>', /colspan="0"/],
    ['bad widths', '<table widths="1,x"><tr><td>a</td><td>b</td></tr></table>', /widths="1,x"/],
    ['bad flag', '<table keep-rows="yes"><tr><td>a</td></tr></table>', /keep-rows="yes"/],
    ['start on ul', '<ul start="2"><li>x</li></ul>', /<ul> takes no start/],
    ['unclosed element', '<p>x<b>y</p>', /<b> is not closed/],
    ['unclosed at end', '<section><p>x</p>', /<section> is not closed/],
    ['stray closing tag', '<p>x</p></b>', /closing tag <\/b> has no matching opening tag/],
    ['block inside inline', '<p>x<p>y</p></p>', /<p> is not allowed inside <p>/],
    ['block inside bold', '<p><b><table><tr><td>x</td></tr></table></b></p>', /<table> is not allowed inside <b>/],
    ['text in a row', '<table><tr>oops<td>x</td></tr></table>', /text "oops" is not allowed directly in <tr>/],
    ['non-li in list', '<ul><p>x</p></ul>', /<p> is not allowed in <ul> \(only <li>\)/],
    ['nested section', '<section><section><p>x</p></section></section>', /<section> cannot be nested/],
    ['content outside sections', '<section><p>x</p></section><p>y</p>', /<p> outside of a <section>/],
    [
      'page break in a cell',
      '<table><tr><td><page-break/></td></tr></table>',
      /<page-break\/> is only allowed directly in a section/,
    ],
    ['HTML-only entity', '<p>a&nbsp;b</p>', /unknown entity "&nbsp;"/],
    ['bare ampersand', '<p>a & b</p>', /a bare "&" \(write &amp;\)/],
    [
      'too many cells',
      '<table widths="1,1"><tr><td>a</td><td>b</td><td>c</td></tr></table>',
      /row 1: cells span more than the 2 columns.*widths="1,1" gives 2 columns/,
    ],
    [
      'too few cells',
      '<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>',
      /row 2: cells cover 1 of the 2 columns/,
    ],
    [
      'rowspan past the end',
      '<table><tr><td rowspan="3">a</td><td>b</td></tr><tr><td>c</td></tr></table>',
      /rowspan 3 runs past the last row/,
    ],
    [
      'rowspan plus a full row',
      '<table><tr><td rowspan="2">a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>',
      /row 2: cells span more than the 2 columns/,
    ],
    [
      'header rows beyond the table',
      '<table header-rows="2"><tr><td>a</td></tr></table>',
      /header-rows="2" but the table has 1 rows/,
    ],
    [
      'header rowspan into body',
      '<table header-rows="1"><tr><td rowspan="2">a</td><td>b</td></tr><tr><td>c</td></tr></table>',
      /rowspan in header row 1 runs into the body/,
    ],
    [
      'keep-with-next without keep-rows',
      '<table keep-with-next><tr><td>a</td></tr></table>',
      /keep-with-next> needs keep-rows/,
    ],
    [
      'keep-with-next and only header rows',
      '<table header-rows="1" keep-rows keep-with-next><tr><td>a</td></tr></table>',
      /keep-with-next> has no body row/,
    ],
    [
      'keep-with-next and a rowspan into the last row',
      '<table keep-rows keep-with-next><tr><td rowspan="2">a</td><td>b</td></tr><tr><td>c</td></tr></table>',
      /keep-with-next> a rowspan runs into the last row/,
    ],
    ['empty table', '<table></table>', /<table> has no rows/],
    ['content in br', '<p><br>x</br></p>', /<br\/> must be empty/],
  ];
  it.each(cases)('%s', (_name, markup, message) => {
    expect(errorOf(markup).message).toMatch(message);
  });

  it('reports the line of the faulty element', () => {
    const e = errorOf(
      '<section>\n<p>ok</p>\n<table>\n<tr><td colspan="5">x</td></tr>\n</table>\n<p aling="left">y</p></section>',
    );
    expect(e.line).toBe(6);
  });
});
