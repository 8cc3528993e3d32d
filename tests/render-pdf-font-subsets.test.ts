/**
 * One font subset per face in the whole application's PDF (src/render/pdf/font-subsets.ts), read with Poppler:
 * pdffonts lists each face once, and every page looks and reads exactly as the page of its annex does (pdftoppm's
 * pixels, pdftotext's text). Cases: the sample in both languages, a team of 25 with an estimate of 300 lines, and
 * text with characters that need the font's composed glyphs or are missing from it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as PdfLib from 'pdf-lib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sampleJson, withEstimateLines, withTeam } from '../bench/generate.ts';
import type { Lang } from '../src/model/common.ts';
import { loadApplication } from '../src/pipeline/load.ts';
import { renderApplication } from '../src/pipeline/render-application.ts';
import { mergeFontSubsets } from '../src/render/pdf/font-subsets.ts';
import { describeWithClients, pdfFonts, pdfToText } from './helpers/clients.ts';
import type { Json } from './helpers/rendered.ts';

const CASES: Record<string, () => Json> = {
  sample: sampleJson,
  'a team of 25, 300 estimate lines': () => withTeam(25, withEstimateLines(300)),
  // A decomposed «й» (и + combining breve), Latin with accents and a character Tinos lacks.
  'composed and missing characters': () => {
    const json = sampleJson();
    json.project.basics.goal = { ru: 'Цели: и\u0306ога, café, naïve ☃', kk: 'Мақсат: и\u0306ога, café, naïve ☃' };
    return json;
  },
};
/**
 * Faces a case keeps a subset per annex of: a combining mark (the breve of a decomposed «й») may take another
 * glyph in context, so the regular face, which prints the goal, is not merged.
 */
const UNMERGED: Record<string, string[]> = { 'composed and missing characters': ['Tinos-Regular'] };
const LANGS: Lang[] = ['ru', 'kk'];
const faceOf = (name: string) => name.replace(/^[A-Z]{6}\+/, '');

/** How many font programs (FontFile2 streams) a PDF embeds. */
async function fontPrograms(file: string): Promise<number> {
  const doc = await PdfLib.PDFDocument.load(readFileSync(file), { updateMetadata: false });
  let n = 0;
  for (const [, obj] of doc.context.enumerateIndirectObjects())
    if (obj instanceof PdfLib.PDFDict && obj.has(PdfLib.PDFName.of('FontFile2'))) n++;
  return n;
}

/** Bytes of the font programs (FontFile2 streams, as stored) a PDF embeds. */
async function fontProgramBytes(file: string): Promise<number> {
  const doc = await PdfLib.PDFDocument.load(readFileSync(file), { updateMetadata: false });
  let n = 0;
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    const program = obj instanceof PdfLib.PDFDict ? obj.lookup(PdfLib.PDFName.of('FontFile2')) : undefined;
    if (program instanceof PdfLib.PDFRawStream) n += program.getContents().length;
  }
  return n;
}
const ANNEXES = [2, 3, 4, 5];

let work: string;

/** Each page as an 8-bit grey image (pdftoppm, 50 dpi), by the MD5 of its pixels. */
function pageImages(file: string): string[] {
  const dir = mkdtempSync(join(work, 'img-'));
  execFileSync('pdftoppm', ['-r', '50', '-gray', file, join(dir, 'p')]);
  const pages = readdirSync(dir)
    .filter((f) => f.endsWith('.pgm'))
    .sort((a, b) => Number(/(\d+)\.pgm$/.exec(a)?.[1]) - Number(/(\d+)\.pgm$/.exec(b)?.[1]));
  return pages.map((f) =>
    createHash('md5')
      .update(readFileSync(join(dir, f)))
      .digest('hex'),
  );
}

describeWithClients('One font subset per face in the whole application', ['pdffonts', 'pdftotext'], () => {
  const files = new Map<string, string>();
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'annexes-subsets-'));
    for (const [name, make] of Object.entries(CASES)) {
      const { files: rendered } = await renderApplication(loadApplication({ value: make() }), {
        formats: ['pdf'],
        langs: LANGS,
        fallback: true,
      });
      for (const f of rendered) {
        const path = join(work, `${name}.${f.name}`);
        writeFileSync(path, f.data);
        files.set(`${name}.${f.name}`, path);
      }
    }
  }, 240_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  for (const name of Object.keys(CASES))
    for (const lang of LANGS) {
      const whole = () => files.get(`${name}.application.${lang}.pdf`) as string;
      const annex = (n: number) => files.get(`${name}.annex-${n}.${lang}.pdf`) as string;

      it(`${name}, ${lang}: each face embedded once, as one subset with ToUnicode`, async () => {
        const fonts = await pdfFonts(whole());
        expect(fonts.every((f) => f.embedded && f.subset && f.toUnicode)).toBe(true);
        // Every font of a face names one subset, whose program is embedded once.
        const names = new Map<string, Set<string>>();
        for (const f of fonts) names.set(faceOf(f.name), (names.get(faceOf(f.name)) ?? new Set()).add(f.name));
        const annexFaces = new Set<string>();
        for (const n of ANNEXES) for (const f of await pdfFonts(annex(n))) annexFaces.add(faceOf(f.name));
        expect(new Set(names.keys())).toEqual(annexFaces);
        const merged = [...names].filter(([, tags]) => tags.size === 1).map(([face]) => face);
        expect(merged.sort()).toEqual([...names.keys()].filter((f) => !UNMERGED[name]?.includes(f)).sort());
        expect(await fontPrograms(whole())).toBe(
          merged.length + fonts.filter((f) => !merged.includes(faceOf(f.name))).length,
        );
      });

      it(`${name}, ${lang}: every page looks and reads as its annex's page`, async () => {
        const parts = ANNEXES.map((n) => annex(n));
        expect(pageImages(whole())).toEqual(parts.flatMap(pageImages));
        const partText = (await Promise.all(parts.map((p) => pdfToText(p)))).flat();
        expect(await pdfToText(whole())).toEqual(partText);
      });
    }

  it('embeds fewer font bytes than the annexes together (the sample in Russian: one copy of each glyph)', async () => {
    let parts = 0;
    for (const n of ANNEXES) parts += await fontProgramBytes(files.get(`sample.annex-${n}.ru.pdf`) as string);
    // The four annexes embed their own subsets; the whole application, one of each face.
    const whole = await fontProgramBytes(files.get('sample.application.ru.pdf') as string);
    expect(whole).toBeGreaterThan(0);
    expect(whole).toBeLessThan(parts * 0.6);
  });
});

it('keeps a subset per part of a face whose glyph is not the vendored font’s, and merges the other faces', async () => {
  const { files } = await renderApplication(loadApplication({ value: sampleJson() }), {
    formats: ['pdf'],
    langs: ['ru'],
    annexes: [2, 3],
  });
  const pdf = (name: string) => files.find((f) => f.name === name)?.data as Buffer;
  const out = await PdfLib.PDFDocument.create({ updateMetadata: false });
  const pages: PdfLib.PDFPage[][] = [];
  let tampered = '';
  for (const [i, name] of ['annex-2.ru.pdf', 'annex-3.ru.pdf'].entries()) {
    const src = await PdfLib.PDFDocument.load(pdf(name), { updateMetadata: false });
    if (i === 1) {
      // Glyph 1 of the second part's first font gets another width: no longer the font's glyph.
      const fontDict = src.getPage(0).node.Resources()?.lookup(PdfLib.PDFName.of('Font'), PdfLib.PDFDict);
      const type0 = src.context.lookup(fontDict?.values()[0], PdfLib.PDFDict);
      tampered = faceOf(type0.lookup(PdfLib.PDFName.of('BaseFont'), PdfLib.PDFName).decodeText());
      const cid = type0.lookup(PdfLib.PDFName.of('DescendantFonts'), PdfLib.PDFArray).lookup(0, PdfLib.PDFDict);
      cid.lookup(PdfLib.PDFName.of('W'), PdfLib.PDFArray).lookup(1, PdfLib.PDFArray).set(1, PdfLib.PDFNumber.of(1));
    }
    const copied = await out.copyPages(src, src.getPageIndices());
    for (const p of copied) out.addPage(p);
    pages.push(copied);
  }
  const programs = (face: string) =>
    [...out.context.enumerateIndirectObjects()].filter(
      ([, o]) =>
        o instanceof PdfLib.PDFDict &&
        o.has(PdfLib.PDFName.of('FontFile2')) &&
        faceOf(o.lookup(PdfLib.PDFName.of('FontName'), PdfLib.PDFName).decodeText()) === face,
    ).length;
  expect(tampered).not.toBe('');
  expect(programs(tampered)).toBe(2);
  const merged = mergeFontSubsets(PdfLib, out, pages, () => 'ABCDEF');
  expect(merged).not.toContain(tampered);
  expect(programs(tampered)).toBe(2);
  expect(merged.length).toBeGreaterThan(0);
  for (const face of merged) expect(programs(face)).toBe(1);
});
