/**
 * Every fixed label of each form, in the order of the form, as a reader finds it in the rendered sample:
 * per annex, per language, in the DOCX and in the PDF (and in the combined application documents).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../src/model/common.ts';
import { type AnnexNo, type Expected, formSequence } from './helpers/form-order.ts';
import { readDocx } from './helpers/read-docx.ts';
import { type PdfContent, readPdf } from './helpers/read-pdf.ts';
import { countInPdf, file, missingInOrder, type RenderedSet, readingText, renderSample } from './helpers/rendered.ts';
import { loadSampleJson } from './helpers/sample.ts';

const json = loadSampleJson();
const LANGS: Lang[] = ['ru', 'kk'];
const ANNEXES: AnnexNo[] = [2, 3, 4, 5];

let set: RenderedSet;
/** Extracted text of every rendered file, by file name. */
const texts = new Map<string, string>();
const pdfs = new Map<string, PdfContent>();

beforeAll(async () => {
  set = await renderSample();
  for (const [name, data] of set.files) {
    if (name.endsWith('.pdf')) {
      const pdf = await readPdf(data);
      pdfs.set(name, pdf);
      texts.set(name, readingText(pdf));
    } else texts.set(name, readDocx(data).text);
  }
});

const textOf = (name: string): string => {
  file(set, name);
  return texts.get(name)!;
};

/**
 * Problems of a document against the expected sequence. The DOCX keeps every label in order; the PDF draws the
 * rest of a row that breaks across pages after the page break, so labels inside such rows are counted instead
 * (a label cut in two by the break counts once).
 */
function check(name: string, expected: Expected[]): string[] {
  const text = textOf(name);
  if (name.endsWith('.docx'))
    return missingInOrder(
      text,
      expected.map((e) => e.text),
    );
  const problems = missingInOrder(
    text,
    expected.filter((e) => !e.inRow).map((e) => e.text),
  );
  const counts = new Map<string, number>();
  for (const e of expected) if (e.inRow) counts.set(e.text, (counts.get(e.text) ?? 0) + 1);
  for (const [label, n] of counts) {
    const seen = countInPdf(pdfs.get(name)!, label);
    if (seen !== n) problems.push(`«${label}» ${seen} times, expected ${n}`);
  }
  return problems;
}

describe.each(LANGS)('fixed labels in the %s documents', (lang) => {
  describe.each(ANNEXES)('Annex %i', (annex) => {
    const expected = formSequence(annex, json, lang);

    it('has a long enough sequence to mean something', () => {
      expect(expected.filter((e) => e.key).length).toBeGreaterThan(15);
    });

    it.each(['docx', 'pdf'])('%s shows every label in the order of the form', (format) => {
      expect(check(`annex-${annex}.${lang}.${format}`, expected)).toEqual([]);
    });
  });

  it.each(['docx', 'pdf'])('the whole application (%s) shows the four forms one after the other', (format) => {
    const expected = ANNEXES.flatMap((n) => formSequence(n, json, lang));
    expect(check(`application.${lang}.${format}`, expected)).toEqual([]);
  });
});

describe('the order check itself', () => {
  it('fails when two labels of a form are swapped', () => {
    const expected = formSequence(2, json, 'ru');
    const swapped = [...expected];
    [swapped[3], swapped[4]] = [swapped[4]!, swapped[3]!];
    expect(check('annex-2.ru.docx', swapped)).not.toEqual([]);
    expect(check('annex-2.ru.pdf', swapped)).not.toEqual([]);
  });

  it('fails on the labels of the other language', () => {
    const kk = formSequence(3, json, 'kk');
    expect(check('annex-3.ru.pdf', kk).length).toBeGreaterThan(kk.length / 2);
  });

  it('fails when a row label is missing once', () => {
    const expected = formSequence(4, json, 'ru');
    const extra = expected.find((e) => e.inRow)!;
    expect(check('annex-4.ru.pdf', [...expected, extra])).not.toEqual([]);
  });
});
