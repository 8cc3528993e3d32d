/**
 * Kazakh text as a reader gets it back from the PDF: all 18 Kazakh letters survive text extraction, dates are in
 * the Kazakh form, numbers have space-separated digit groups and a decimal comma.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readDocx } from './helpers/read-docx.ts';
import { normalizeSpaces as n, readPdf } from './helpers/read-pdf.ts';
import {
  allStrings,
  catalogue,
  file,
  type Json,
  labelText,
  missingInOrder,
  type RenderedSet,
  readingText,
  renderSample,
  textOf,
} from './helpers/rendered.ts';
import { loadSampleJson } from './helpers/sample.ts';

const LETTERS = [...'әғқңөұүһіӘҒҚҢӨҰҮҺІ'];
const json = loadSampleJson();

/** Kazakh text the documents print: the kk side of the sample and the Kazakh catalogue. */
const kkText = [
  ...allStrings(json).filter((s) => LETTERS.some((l) => s.includes(l))),
  ...Object.values(catalogue('kk')).map((e) => e.text),
].join('\n');
const inSample = LETTERS.filter((l) => kkText.includes(l));
const notInSample = LETTERS.filter((l) => !kkText.includes(l));

/** A sentence with every Kazakh letter, the ones the sample lacks included. */
const ALL_LETTERS = 'Әріп, Ғалым, Қазақстан, Ңң, Өнер, Ұлы, Үміт, Һәм, Іле; ә ғ қ ң ө ұ ү һ і.';
/** A budget line with a fractional quantity and price. */
const FRACTIONAL_LINE = {
  name: { ru: 'Прочие расходы с копейками', kk: 'Тиын бар басқа шығыстар' },
  unit: 'piece',
  quantity: 1.5,
  price: 1234.5,
};

function modified(j: Json): void {
  j.applicant.address.kk = `${j.applicant.address.kk}. ${ALL_LETTERS}`;
  j.estimate.administrative.other.lines.push(FRACTIONAL_LINE);
}

let sample: RenderedSet;
let changed: RenderedSet;
let sampleText: string;
let changedText: string;

beforeAll(async () => {
  sample = await renderSample({ langs: ['kk'], formats: ['pdf'] });
  sampleText = readingText(await readPdf(file(sample, 'application.kk.pdf')));
  changed = await renderSample({ annexes: [2, 5] }, modified);
  changedText = readingText(await readPdf(file(changed, 'application.kk.pdf')));
});

describe('Kazakh letters in application.kk.pdf', () => {
  it('knows which letters the sample has and which it lacks', () => {
    expect(notInSample).toEqual(['Ғ', 'Ң', 'Һ']);
    expect(inSample).toHaveLength(15);
    for (const l of LETTERS) expect(ALL_LETTERS).toContain(l);
  });

  it.each(inSample)('«%s» of the sample survives text extraction', (letter) => {
    expect(sampleText).toContain(letter);
  });

  it.each(LETTERS)('«%s» survives text extraction from a copy that has every letter', (letter) => {
    expect(changedText).toContain(letter);
  });

  it('extracts the added sentence exactly, in both formats', () => {
    expect(n(changedText)).toContain(ALL_LETTERS);
    expect(n(readDocx(file(changed, 'application.kk.docx')).text)).toContain(ALL_LETTERS);
    expect(n(readDocx(file(changed, 'application.ru.docx')).text)).not.toContain(ALL_LETTERS);
  });

  it('extracts whole Kazakh words of labels and data unchanged', () => {
    expect(
      missingInOrder(sampleText, [
        labelText('kk', 'annex2.title'),
        textOf(json.applicant.name, 'kk'),
        labelText('kk', 'annex3.title'),
        labelText('kk', 'annex4.title'),
        textOf(json.project.risks[0].mitigation, 'kk'),
        labelText('kk', 'annex5.title'),
        labelText('kk', 'annex5.footnote'),
      ]),
    ).toEqual([]);
  });
});

describe('dates in the Kazakh form', () => {
  const reg = json.applicant.registration;
  const numeric = (iso: string, mark: string) => iso.split('-').reverse().join('.') + ` ${mark}`;

  it('prints registration dates as «21.11.2005 ж.» in the Kazakh PDF and DOCX', () => {
    expect(numeric(reg.first, 'ж.')).toBe('21.11.2005 ж.');
    const docx = n(readDocx(file(changed, 'annex-2.kk.docx')).text);
    for (const text of [n(sampleText), docx]) {
      expect(text).toContain(`${labelText('kk', 'annex2.registration.first')} ${numeric(reg.first, 'ж.')}`);
      expect(text).toContain(`${labelText('kk', 'annex2.registration.amendments')} ${numeric(reg.amendments, 'ж.')}`);
      // No Russian «г.» after a date in a Kazakh document.
      expect(text).not.toMatch(/\d{2}\.\d{2}\.\d{4}\s*г\./);
    }
  });

  it('and as «21.11.2005 г.» in the Russian one', () => {
    const docx = n(readDocx(file(changed, 'annex-2.ru.docx')).text);
    expect(docx).toContain(numeric(reg.first, 'г.'));
    expect(docx).not.toMatch(/\d{2}\.\d{2}\.\d{4}\s*ж\./);
  });
});

describe('numbers', () => {
  // 1.5 × 1 234.50 = 1 851.75; the estimate grows by as much.
  const expected = ['1,5', '1 234,50', '1 851,75'];

  it.each(['kk', 'ru'] as const)('%s: digit groups with spaces and a decimal comma in the estimate (DOCX)', (lang) => {
    const rows = readDocx(file(changed, `annex-5.${lang}.docx`)).tables[0]!;
    const row = rows.find((r) => n(r[1]!) === textOf(FRACTIONAL_LINE.name, lang))!;
    expect(row.slice(3, 6).map(n)).toEqual(expected);
    expect(n(row[8]!)).toBe('1 851,75');
    // The digit groups are held together by no-break spaces.
    expect(row[4]).toBe('1\u00a0234,50');
    const total = rows.find((r) => n(r[1]!) === labelText(lang, 'annex5.total'))!;
    expect(n(total[5]!)).toBe('32 053 171,75');
    const admin = rows.find((r) => n(r[1]!) === labelText(lang, 'annex5.section.administrative'))!;
    expect(n(admin[5]!)).toBe('5 932 571,75');
  });

  it.each(['kk', 'ru'] as const)('%s: the same figures in the PDF', async (lang) => {
    const text = readingText(await readPdf(file(changed, `annex-5.${lang}.pdf`)));
    expect(missingInOrder(text, [textOf(FRACTIONAL_LINE.name, lang), ...expected, '1 851,75'])).toEqual([]);
    expect(missingInOrder(text, [labelText(lang, 'annex5.total'), '32 053 171,75', '32 053 171,75'])).toEqual([]);
    expect(n(text)).toContain('1 234,50');
    expect(text).not.toMatch(/1[ \u00a0]?234\.5/);
  });
});
