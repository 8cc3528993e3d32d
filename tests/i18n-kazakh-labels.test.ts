/**
 * The Kazakh documents speak Kazakh: every Kazakh label of the catalogue is printed where the form puts it, no
 * Russian fixed label appears in a Kazakh document and no Kazakh label in a Russian one.
 *
 * Two applications are rendered (whole application, both languages, both formats): the sample, and a variant of
 * it that reaches the labels the sample leaves out (re-registration date, each plural form, every currency and
 * scale, a calendar longer than 12 months, the long annex header citing the Rules).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../src/model/common.ts';
import { applicationData } from '../src/pipeline/load.ts';
import { buildAnnexDocuments, combineDocuments } from '../src/pipeline/render-application.ts';
import { renderDocx } from '../src/render/docx/index.ts';
import { renderPdf } from '../src/render/pdf/index.ts';
import { type AnnexNo, formSequence, NEVER_PRINTED } from './helpers/form-order.ts';
import { readDocx } from './helpers/read-docx.ts';
import { normalizeSpaces, readPdf } from './helpers/read-pdf.ts';
import {
  catalogue,
  countInPdf,
  type Json,
  missingInOrder,
  readingText,
  sampleApplication,
  textOf,
  wordPattern,
} from './helpers/rendered.ts';
import { loadSampleJson } from './helpers/sample.ts';

const LANGS: Lang[] = ['ru', 'kk'];
const ANNEXES: AnnexNo[] = [2, 3, 4, 5];

/** The sample changed so that the labels it does not use get printed. */
function variant(json: Json): void {
  const a = json.applicant;
  a.registration.reregistration = '2010-05-12';
  a.labour = { staff: 1, specialists: 3, volunteers: 5 };
  json.capacity.team[1].yearsOfService = 1;
  json.capacity.team[2].yearsOfService = 3;
  const costs: [number | string, string, string][] = [
    [2.8, 'KZT', 'millions'],
    [458, 'EUR', 'thousands'],
    [1.2, 'EUR', 'millions'],
    [1, 'USD', 'units'],
    [3, 'USD', 'units'],
    [5, 'USD', 'units'],
    [1.5, 'USD', 'units'],
    [12, 'USD', 'thousands'],
    [2, 'USD', 'millions'],
    [21, 'RUB', 'units'],
    [22, 'RUB', 'units'],
    [25, 'RUB', 'units'],
    [2.5, 'RUB', 'units'],
    [150, 'RUB', 'thousands'],
    [3, 'RUB', 'millions'],
  ];
  costs.forEach(([amount, currency, scale], i) => {
    json.capacity.experience[i].cost = { amount, currency, scale };
  });
  const plan = json.project.calendar;
  plan.durationMonths = 14;
  plan.activities[0].months = [1, 2, 13];
  plan.activities[2].months = [3, 4, 5, 6, 7, 14];
}

const sampleJson = loadSampleJson();
const variantJson = structuredClone(sampleJson);
variant(variantJson);

interface Rendered {
  docx: string;
  pdf: string;
  pdfContent: Awaited<ReturnType<typeof readPdf>>;
}
const docs = new Map<string, Rendered>();
const key = (which: 'sample' | 'variant', lang: Lang) => `${which}.${lang}`;

beforeAll(async () => {
  const apps = { sample: sampleApplication(), variant: sampleApplication(variant) };
  for (const which of ['sample', 'variant'] as const)
    for (const lang of LANGS) {
      const app = apps[which];
      const opts = { rulesReference: which === 'variant' };
      const doc = combineDocuments(app, lang, [...buildAnnexDocuments(applicationData(app), lang, opts).values()]);
      const pdfContent = await readPdf(await renderPdf(doc));
      docs.set(key(which, lang), {
        docx: readDocx(await renderDocx(doc)).text,
        pdf: readingText(pdfContent),
        pdfContent,
      });
    }
});

describe('the variant application', () => {
  it('prints every label of the catalogue but those no document body prints', () => {
    const printed = new Set<string>();
    for (const [json, rulesReference] of [
      [sampleJson, false],
      [variantJson, true],
    ] as const)
      for (const n of ANNEXES)
        for (const e of formSequence(n, json, 'kk', { rulesReference })) if (e.key) printed.add(e.key);
    // `schema.*` labels title the fields of the JSON Schema for editors: no document prints them.
    const all = Object.keys(catalogue('kk')).filter((k) => !k.startsWith('schema.'));
    // Plural variants: the count picks one of `<base>.one|few|many|other` (the same text in Kazakh), and the base
    // key itself is never printed. Each family must show up at least once.
    const PLURAL = /\.(one|few|many|other)$/;
    const families = new Set(all.filter((k) => k.endsWith('.one')).map((k) => k.slice(0, -'.one'.length)));
    for (const f of families)
      expect(
        [...printed].some((k) => k.replace(PLURAL, '') === f),
        f,
      ).toBe(true);
    const unprinted = all.filter(
      (k) => !printed.has(k) && !families.has(k) && !(PLURAL.test(k) && families.has(k.replace(PLURAL, ''))),
    );
    expect(unprinted.sort()).toEqual(Object.keys(NEVER_PRINTED).sort());
  });
});

describe.each(['sample', 'variant'] as const)('every label where it belongs (%s)', (which) => {
  const json = which === 'sample' ? sampleJson : variantJson;
  const rulesReference = which === 'variant';

  it.each(LANGS)('%s: in the order of the forms, in the DOCX and the PDF', (lang) => {
    const expected = ANNEXES.flatMap((n) => formSequence(n, json, lang, { rulesReference }));
    const d = docs.get(key(which, lang))!;
    expect(
      missingInOrder(
        d.docx,
        expected.map((e) => e.text),
      ),
    ).toEqual([]);
    expect(
      missingInOrder(
        d.pdf,
        expected.filter((e) => !e.inRow).map((e) => e.text),
      ),
    ).toEqual([]);
    const inRow = new Map<string, number>();
    for (const e of expected) if (e.inRow) inRow.set(e.text, (inRow.get(e.text) ?? 0) + 1);
    for (const [label, n] of inRow) expect(countInPdf(d.pdfContent, label), label).toBe(n);
  });
});

describe('no label of the other language', () => {
  const texts = (lang: Lang) => Object.values(catalogue(lang)).map((e) => e.text);
  /** The fixed parts of a label (placeholders cut out) with at least two letters. */
  const fragments = (text: string) =>
    text
      .split(/\{\w+\}/)
      .map((f) => normalizeSpaces(f.replace(/^[\s.,:;-]+|[\s,:;]+$/g, '')))
      .filter((f) => [...f].filter((c) => /\p{L}/u.test(c)).length >= 2);
  /** The application's own texts as printed in one language. */
  const dataOf = (lang: Lang) => [...textsIn(sampleJson, lang), ...textsIn(variantJson, lang)];

  /**
   * Labels of `from` to look for in documents of `to`: not those both catalogues share («№», «+», «кофе-брейк»,
   * «Тел.:»…), not those that are also words of a `to` label (a Kazakh label «Сайт:» is the Russian one too),
   * and not those the application's own `to` text contains (a user may write «регион» in a Kazakh text).
   */
  function foreignLabels(from: Lang, to: Lang): { label: string; pattern: RegExp }[] {
    const own = texts(to);
    const data = dataOf(to);
    const out: { label: string; pattern: RegExp }[] = [];
    for (const text of new Set(texts(from))) {
      if (own.includes(text)) continue;
      for (const f of fragments(text)) {
        const pattern = wordPattern(f);
        if (own.some((t) => pattern.test(t)) || data.some((t) => pattern.test(t))) continue;
        out.push({ label: f, pattern });
      }
    }
    return out;
  }

  it.each([
    ['ru', 'kk'],
    ['kk', 'ru'],
  ] as const)('no %s label in a %s document', (from, to) => {
    const labels = foreignLabels(from, to);
    // Nearly every label differs between the languages.
    expect(labels.length).toBeGreaterThan(150);
    for (const which of ['sample', 'variant'] as const) {
      const d = docs.get(key(which, to))!;
      for (const [format, text] of [
        ['docx', d.docx],
        ['pdf', d.pdf],
      ]) {
        const found = labels.filter((l) => l.pattern.test(normalizeSpaces(text!))).map((l) => l.label);
        expect(found, `${which} ${to}.${format}`).toEqual([]);
      }
    }
  });

  it('would see a label of the other language', () => {
    const labels = foreignLabels('ru', 'kk');
    const d = docs.get(key('sample', 'ru'))!;
    expect(labels.filter((l) => l.pattern.test(normalizeSpaces(d.pdf))).length).toBeGreaterThan(100);
  });
});

/** Strings of the JSON as a document of one language prints them: the `lang` side of localized texts, plain strings. */
function textsIn(v: unknown, lang: Lang, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) textsIn(x, lang, out);
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length > 0 && keys.every((k) => k === 'ru' || k === 'kk')) out.push(textOf(o, lang));
    else for (const [k, x] of Object.entries(o)) if (k !== '$schema') textsIn(x, lang, out);
  }
  return out;
}
