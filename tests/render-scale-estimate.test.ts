/**
 * An estimate of 2 000 lines (one render, Russian, DOCX and PDF): every line is printed exactly once, nothing is
 * lost or repeated at page breaks, the table's two header rows repeat on every page (PDF text) and are marked as
 * repeating header rows in the DOCX (w:tblHeader), and the total row is the exact sum of the lines.
 */
import { Decimal as DecimalBase } from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { withEstimateLines } from '../bench/generate.ts';
import type { DocxContent } from './helpers/read-docx.ts';
import type { PdfContent } from './helpers/read-pdf.ts';
import {
  compact,
  docxTableFormats,
  grouped,
  type Json,
  labelText,
  missingInOrder,
  readingText,
  renderOneAnnex,
} from './helpers/rendered.ts';
import { loadSampleJson } from './helpers/sample.ts';

const LINES = 2000;
const Decimal = DecimalBase.clone({ precision: 100 });

/** The sample with the four groups the generator fills present in every activity (most hold only some). */
function sampleWithGroups(): Json {
  const sample = loadSampleJson();
  for (const a of sample.estimate.direct.activities as Json[]) {
    a.handouts ??= { lines: [] };
    a.services ??= {};
    a.services.individuals ??= { lines: [] };
    a.services.legalEntities ??= { lines: [] };
    a.hospitality ??= {};
    a.hospitality.other ??= { lines: [] };
  }
  return sample;
}

const json: Json = withEstimateLines(LINES, sampleWithGroups());
/** «Позиция сметы № 17: услуги и материалы»: the number is followed by a colon, so № 1 is not a prefix of № 17. */
const NAME = /Позиция сметы № (\d+): услуги и материалы/;
const NAME_COMPACT = /Позициясметы№(\d+):услугииматериалы/g;

/** The sum of the lines, computed here: each quantity × price rounded half up to the tiyn. */
function expectedTotal(): string {
  let total = new Decimal(0);
  const visit = (v: unknown) => {
    if (Array.isArray(v)) for (const x of v) visit(x);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (k === 'lines')
          for (const l of x as Json[])
            total = total.plus(new Decimal(String(l.quantity)).times(String(l.price)).toDecimalPlaces(2, 1));
        else visit(x);
      }
  };
  visit(json.estimate);
  return grouped(total.isInteger() ? total.toFixed(0) : total.toFixed(2));
}

/** The labels of the two header rows, in drawing order. */
const HEADER = ['no', 'article', 'unit', 'quantity', 'price', 'total', 'sources', 'own', 'cofinancing', 'grant'].map(
  (c) => labelText('ru', `annex5.col.${c}`),
);

let docx: DocxContent;
let pdf: PdfContent;
let ms: number;

describe(`an estimate of ${LINES} lines`, () => {
  beforeAll(async () => {
    ({ docx, pdf, ms } = await renderOneAnnex(json, 5));
  }, 600_000);

  it('has that many lines in the input', () => {
    let n = 0;
    JSON.stringify(json.estimate, (k, v) => {
      if (k === 'lines') n += (v as unknown[]).length;
      return v;
    });
    expect(n).toBe(LINES);
    console.info(`rendered ${LINES} lines (DOCX + PDF, ${pdf.pages.length} pages) in ${(ms / 1000).toFixed(1)} s`);
  });

  it('DOCX: every line once, in one table whose two header rows repeat', () => {
    const table = docx.tables[0]!;
    const numbers = table.flatMap((row) => {
      const m = NAME.exec(row[1] ?? '');
      return m ? [Number(m[1])] : [];
    });
    expect(numbers).toHaveLength(LINES);
    expect(new Set(numbers).size).toBe(LINES);
    expect(Math.min(...numbers)).toBe(1);
    expect(Math.max(...numbers)).toBe(LINES);
    const formats = docxTableFormats(docx.xml)[0]!;
    expect(formats.map((r) => r.header).filter(Boolean)).toHaveLength(2);
    expect(formats[0]!.header && formats[1]!.header).toBe(true);
    // Only the leading rows are headers: the body never repeats.
    expect(formats.slice(2).some((r) => r.header)).toBe(false);
  });

  it('PDF: every line exactly once, none lost or doubled at a page break', () => {
    const counts = new Map<number, number>();
    for (const m of compact(readingText(pdf)).matchAll(NAME_COMPACT))
      counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
    const wrong = Array.from({ length: LINES }, (_, i) => i + 1).filter((k) => counts.get(k) !== 1);
    expect(wrong).toEqual([]);
    expect(counts.size).toBe(LINES);
    expect(pdf.pages.length).toBeGreaterThan(20);
  });

  it('PDF: the header rows are at the top of every page of the table', () => {
    const hasLine = /Позициясметы№\d+:услугииматериалы/;
    const pages = pdf.pages.map((_, i) => compact(readingText(pdf, [i])));
    // The table runs from the first page to the total row (the footnote alone may follow on a page of its own).
    const end = pages.findIndex((t) => t.includes(compact(labelText('ru', 'annex5.total'))));
    expect(end).toBeGreaterThanOrEqual(pages.length - 2);
    expect(pages.filter((t) => hasLine.test(t)).length).toBeGreaterThanOrEqual(end);
    for (const [i, text] of pages.slice(0, end + 1).entries()) {
      expect(missingInOrder(text, HEADER), `page ${i + 1}`).toEqual([]);
      // The header comes before the first line of the page.
      if (hasLine.test(text))
        expect(text.indexOf(compact(HEADER.at(-1)!)), `page ${i + 1}`).toBeLessThan(text.search(hasLine));
    }
  });

  it('the total row prints the exact sum of the 2 000 lines', () => {
    const total = expectedTotal();
    const row = docx.tables[0]!.find((r) => r[1] === labelText('ru', 'annex5.total'))!;
    expect([row[5], row[8]]).toEqual([total, total]);
    expect(compact(readingText(pdf, [pdf.pages.length - 1]))).toContain(
      compact(`${labelText('ru', 'annex5.total')}${total}${total}`),
    );
  });
});
