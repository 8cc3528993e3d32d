/**
 * Documents made in markup to hit one layout case, and their pages as our PDF writer lays them out and as
 * LibreOffice lays out our DOCX of them (text of each page by pdftotext, drawing order):
 *
 *   const doc = parseMarkup(`<section>${filler(45)}<p>…</p></section>`)
 *   const [{ ours, lo }] = await pagesOursAndLibreOffice([doc])
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Document } from '../../src/document/model.ts';
import { renderDocx } from '../../src/render/docx/index.ts';
import { renderPdf } from '../../src/render/pdf/index.ts';
import { convertWithLibreOffice, pdfDataToText, pdfToText } from './clients.ts';

/** `n` one-line paragraphs without space after them: «Заполнитель 1» … (a portrait page holds 52). */
export const filler = (n: number): string =>
  Array.from({ length: n }, (_, i) => `<p space-after="0">Заполнитель ${i + 1}</p>`).join('');

/** The pages of each document: ours, and LibreOffice's of our DOCX (all converted in one soffice call). */
export async function pagesOursAndLibreOffice(docs: Document[]): Promise<{ ours: string[]; lo: string[] }[]> {
  const ours: string[][] = [];
  for (const doc of docs) ours.push(await pdfDataToText(await renderPdf(doc)));
  const work = mkdtempSync(join(tmpdir(), 'annexes-layout-'));
  try {
    const docx: string[] = [];
    for (const [i, doc] of docs.entries()) {
      docx.push(join(work, `${i}.docx`));
      writeFileSync(docx[i]!, await renderDocx(doc));
    }
    const { pdfs } = await convertWithLibreOffice(docx, join(work, 'lo'));
    const lo: string[][] = [];
    for (const pdf of pdfs) lo.push(await pdfToText(pdf));
    return docs.map((_, i) => ({ ours: ours[i]!, lo: lo[i]! }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
