/**
 * Tagged PDF (src/render/pdf/tagging.ts, structure-tree.ts), read with Poppler and qpdf:
 * - Poppler calls every PDF tagged and reads its structure tree: a Document of headings (the title H1, the
 *   sections H2, as the bookmarks), paragraphs, lists and tables; a table as many rows as the document model has,
 *   its header rows' cells TH with a column scope, once, however many pages the table runs over; the whole
 *   application a Document of four Parts, one per annex, as the annexes' own trees;
 * - the text of the structure is the text on the pages: every word printed is in the tree, except page numbers;
 * - every piece of text and every line drawn is inside a marked sequence (tagged content or an artifact);
 * - `ANNEXES_TAGGED_PDF=0` (no tagging, as pdfmake without the patch) gives the same pages, words and word boxes,
 *   untagged; so does the `untaggedPdf` option of a render (the editor's preview).
 * Cases: the sample in both languages, and a team of 25 with an estimate of 300 lines (tables over many pages).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sampleJson, withEstimateLines, withTeam } from '../bench/generate.ts';
import type { Block, Document, Table } from '../src/document/model.ts';
import type { Lang } from '../src/model/common.ts';
import { loadApplication } from '../src/pipeline/load.ts';
import { buildAnnexDocuments } from '../src/pipeline/render-application.ts';
import { RenderCache } from '../src/render/cache.ts';
import {
  describeWithClients,
  pdfBookmarks,
  pdfInfo,
  pdfObjects,
  pdfStructure,
  pdfToText,
  pdfWords,
} from './helpers/clients.ts';
import type { Json } from './helpers/rendered.ts';
import { labelText, renderModel } from './helpers/rendered.ts';

const CASES: Record<string, { json: () => Json; langs: Lang[] }> = {
  sample: { json: sampleJson, langs: ['ru', 'kk'] },
  'a team of 25, 300 estimate lines': { json: () => withTeam(25, withEstimateLines(300)), langs: ['ru'] },
};
const ANNEXES = [2, 3, 4, 5] as const;

/** An element of the structure tree as pdfinfo prints it: its type, text and children. */
interface Element {
  type: string;
  attributes: string[];
  text: string;
  kids: Element[];
}

/** Parses `pdfinfo -struct-text`: two spaces of indent per level, text in quotes, attributes starting with «/». */
function parseStructure(out: string): Element[] {
  const root: Element = { type: '', attributes: [], text: '', kids: [] };
  const stack: { depth: number; el: Element }[] = [{ depth: -1, el: root }];
  for (const line of out.split('\n')) {
    if (line.trim() === '') continue;
    const depth = (line.length - line.trimStart().length) / 2;
    const body = line.trim();
    while (stack.length > 1 && stack[stack.length - 1]!.depth >= depth) stack.pop();
    const parent = stack[stack.length - 1]!.el;
    if (body.startsWith('"')) parent.text += (parent.text ? ' ' : '') + body.slice(1, -1);
    else if (body.startsWith('/')) parent.attributes.push(body);
    else {
      const el: Element = { type: body.replace(/[\s:(].*$/, ''), attributes: [], text: '', kids: [] };
      parent.kids.push(el);
      stack.push({ depth, el });
    }
  }
  return root.kids;
}

const walk = (els: Element[], out: Element[] = []): Element[] => {
  for (const el of els) {
    out.push(el);
    walk(el.kids, out);
  }
  return out;
};

/** The tables of a document model, in order (none are nested in the forms). */
function tables(doc: Document): Table[] {
  const out: Table[] = [];
  const visit = (blocks: Block[]) => {
    for (const b of blocks) {
      if (b.type === 'table') out.push(b);
      else if (b.type === 'list') for (const item of b.items) visit(item);
    }
  };
  for (const s of doc.sections) visit(s.blocks);
  return out;
}

/**
 * The content streams of each page with every operator on a line of its own (qpdf --qdf), and what is drawn
 * outside a marked sequence: text objects (BT) and painted paths.
 */
async function unmarked(data: Buffer): Promise<string[]> {
  const qdf = await pdfObjects(data);
  const found: string[] = [];
  const pages = qdf.split('%% Contents for page ').slice(1);
  for (const page of pages) {
    const n = page.slice(0, page.indexOf('\n'));
    const stream = page.slice(page.indexOf('\nstream\n') + 8, page.indexOf('\nendstream'));
    let depth = 0;
    for (const op of stream.split('\n')) {
      if (/(^|\s)(BDC|BMC)$/.test(op)) depth++;
      else if (op === 'EMC') depth--;
      else if (depth === 0 && /^(BT|f\*?|F|S|s|B\*?|b\*?)$|\s(Do|sh)$/.test(op)) found.push(`page ${n}: ${op}`);
    }
    if (depth !== 0) found.push(`page ${n}: ${depth} marked sequences left open`);
  }
  return found;
}

let work: string;
const files = new Map<string, string>();
const models = new Map<string, Map<number, Document>>();
const path = (c: string, name: string) => files.get(`${c}/${name}`) as string;

describeWithClients('tagged PDF', ['pdfinfo', 'pdftotext', 'qpdf'], () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'annexes-tagged-'));
    for (const [c, { json, langs }] of Object.entries(CASES)) {
      const loaded = loadApplication({ value: json() });
      const set = await renderModel(loaded, { langs, formats: ['pdf'] });
      for (const [name, data] of set.files) {
        const file = join(work, `${c.replace(/\W+/g, '-')}-${name}`);
        writeFileSync(file, data);
        files.set(`${c}/${name}`, file);
      }
      for (const lang of langs) models.set(`${c}/${lang}`, buildAnnexDocuments(loaded, lang));
    }
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  for (const [c, { langs }] of Object.entries(CASES))
    for (const lang of langs) {
      it.each(ANNEXES)(
        `${c}, ${lang}: Annex %i is tagged, its headings and tables as the document has them`,
        async (n) => {
          const file = path(c, `annex-${n}.${lang}.pdf`);
          expect(await pdfInfo(file)).toMatch(/^Tagged:\s+yes$/m);
          const tree = parseStructure(await pdfStructure(file));
          expect(tree.map((e) => e.type)).toEqual(['Document']);
          const all = walk(tree);
          // The title and a heading per section, as the bookmarks have them.
          const [title] = await pdfBookmarks(file);
          expect(all.filter((e) => e.type === 'H1').length).toBe(1);
          expect(all.filter((e) => e.type === 'H2').length).toBe(title!.children.length);
          // Every table with its rows, the header rows' cells TH with their scope, each row once.
          const model = tables(models.get(`${c}/${lang}`)!.get(n)!);
          const drawn = all.filter((e) => e.type === 'Table');
          expect(drawn.length).toBe(model.length);
          drawn.forEach((table, i) => {
            const rows = table.kids;
            expect(rows.every((r) => r.type === 'TR')).toBe(true);
            expect(rows.length).toBe(model[i]!.rows.length);
            rows.forEach((row, r) => {
              const header = r < model[i]!.headerRows;
              expect(row.kids.map((k) => k.type)).toEqual(row.kids.map(() => (header ? 'TH' : 'TD')));
              if (header) for (const th of row.kids) expect(th.attributes).toContain('/Scope /Column');
              expect(row.kids.length).toBe(model[i]!.rows[r]!.cells.length);
            });
          });
        },
      );

      it(`${c}, ${lang}: every text and line is marked, as tagged content or an artifact`, async () => {
        for (const name of [...ANNEXES.map((n) => `annex-${n}`), 'application'])
          expect(await unmarked(readFileSync(path(c, `${name}.${lang}.pdf`))), name).toEqual([]);
      });

      it(`${c}, ${lang}: the whole application is a Document of the four annexes as Parts`, async () => {
        const whole = parseStructure(await pdfStructure(path(c, `application.${lang}.pdf`)));
        expect(whole.map((e) => e.type)).toEqual(['Document']);
        const parts = whole[0]!.kids;
        expect(parts.map((p) => p.type)).toEqual(['Part', 'Part', 'Part', 'Part']);
        for (const [i, n] of ANNEXES.entries()) {
          const own = parseStructure(await pdfStructure(path(c, `annex-${n}.${lang}.pdf`)))[0]!;
          expect(parts[i]!.kids).toEqual(own.kids);
        }
      });
    }

  // Poppler reads an element's text in seconds per thousand elements: the text is checked on the sample's Annexes
  // 3 (lists, a team table over four pages) and 4 (the calendar grid).
  it.each([
    ['ru', 3],
    ['kk', 3],
    ['ru', 4],
  ] as const)('the sample, %s, Annex %i: the tree reads as the pages, headings as the bookmarks', async (lang, n) => {
    const file = path('sample', `annex-${n}.${lang}.pdf`);
    const all = walk(parseStructure(await pdfStructure(file, true)));
    const [title] = await pdfBookmarks(file);
    expect(all.filter((e) => e.type === 'H1').map((e) => e.text)).toEqual([title!.title]);
    expect(all.filter((e) => e.type === 'H2').map((e) => e.text)).toEqual(title!.children.map((b) => b.title));
    // Every word printed is in the tree and the other way round, except page numbers. Words are split at hyphens
    // and slashes too: the page breaks «социально-|экономическую» over two lines, the tree keeps it whole.
    const split = (s: string) => s.split(/[\s\u00a0\-/]+/).filter((w) => w !== '');
    const tree = new Set(all.flatMap((e) => split(e.text)));
    const printed = new Set((await pdfToText(file)).flatMap(split));
    expect([...printed].filter((w) => !tree.has(w) && !/^\d+$/.test(w))).toEqual([]);
    expect([...tree].filter((w) => !printed.has(w))).toEqual([]);
    if (n === 3) {
      // The team table's header is printed on each of its pages and is in the tree once.
      const header = labelText(lang, 'annex3.team.col.position');
      const pages = (await pdfToText(file)).filter((p) => p.replace(/\s+/g, ' ').includes(header));
      expect(pages.length).toBeGreaterThan(2);
      expect(all.filter((e) => e.type === 'TH' && e.text === header).length).toBe(1);
    }
  });

  it('ANNEXES_TAGGED_PDF=0: the same pages and word boxes, untagged', async () => {
    const saved = process.env.ANNEXES_TAGGED_PDF;
    process.env.ANNEXES_TAGGED_PDF = '0';
    try {
      const set = await renderModel(loadApplication({ value: sampleJson() }), {
        langs: ['ru'],
        formats: ['pdf'],
        workers: 0,
      });
      for (const name of [...ANNEXES.map((n) => `annex-${n}`), 'application']) {
        const plain = join(work, `untagged-${name}.ru.pdf`);
        writeFileSync(plain, set.files.get(`${name}.ru.pdf`)!);
        const tagged = path('sample', `${name}.ru.pdf`);
        expect(await pdfInfo(plain)).toMatch(/^Tagged:\s+no$/m);
        expect(await pdfWords(plain), name).toEqual(await pdfWords(tagged));
      }
    } finally {
      if (saved === undefined) delete process.env.ANNEXES_TAGGED_PDF;
      else process.env.ANNEXES_TAGGED_PDF = saved;
    }
  });

  it('untaggedPdf (the editor preview): the same words untagged, kept apart from tagged files in a render cache', async () => {
    const app = loadApplication({ value: sampleJson() });
    const cache = new RenderCache();
    const opts = { langs: ['ru' as const], formats: ['pdf' as const], annexes: [3 as const], workers: 0, cache };
    const preview = await renderModel(app, { ...opts, untaggedPdf: true });
    const filed = await renderModel(app, opts);
    const check = async (set: typeof preview, tagged: 'yes' | 'no') => {
      const file = join(work, `option-${tagged}.pdf`);
      writeFileSync(file, set.files.get('annex-3.ru.pdf')!);
      expect(await pdfInfo(file)).toMatch(new RegExp(`^Tagged:\\s+${tagged}$`, 'm'));
      expect(await pdfWords(file)).toEqual(await pdfWords(path('sample', 'annex-3.ru.pdf')));
    };
    await check(preview, 'no');
    await check(filed, 'yes');
  });
});
