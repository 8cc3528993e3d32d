/** Small things both writers share. */
import type { DocumentLang, DocumentMeta, Section } from '../document/model.ts';

/** BCP 47 tag of a document language. */
export function languageTag(lang: DocumentLang): string {
  return lang === 'kk' ? 'kk-KZ' : 'ru-RU';
}

/**
 * The date written into a document: its metadata's (`meta.date`, given at the edge: the command takes it from
 * SOURCE_DATE_EPOCH); none given, the time of rendering.
 */
export function documentDate(meta: DocumentMeta): Date {
  return meta.date ?? new Date();
}

/**
 * The sections to write: empty ones are left out (a section would only add a blank page), but a document keeps
 * at least one page.
 */
export function sectionsToWrite(sections: Section[]): Section[] {
  const written: Section[] = [];
  let restart: number | undefined;
  for (const s of sections) {
    restart ??= s.restartPageNumbers;
    if (s.blocks.length === 0) continue;
    // A left-out section's restart of the page numbers passes to the next one written.
    written.push(restart === undefined ? s : { ...s, restartPageNumbers: restart });
    restart = undefined;
  }
  return written.length > 0 ? written : [{ orientation: sections[0]?.orientation ?? 'portrait', blocks: [] }];
}

/**
 * The switch every speed-up of the project follows: `ANNEXES_SPEEDUPS=0` does everything the plain way (the
 * patched libraries' speed-ups, long DOCX tables in runs, the combined DOCX from its parts' files).
 */
export const speedUpsOn = (): boolean => process.env.ANNEXES_SPEEDUPS !== '0';

/**
 * Tagged PDF (pdf/tagging.ts), through a patch of pdfmake: `ANNEXES_TAGGED_PDF=0` writes the PDFs untagged, as
 * pdfmake without the patch does (the same pages and text).
 */
export const taggedPdfOn = (): boolean => process.env.ANNEXES_TAGGED_PDF !== '0';

/**
 * Widow and orphan control (document/page.ts) in both writers; in the PDF through a patch of pdfmake.
 * `ANNEXES_WIDOW_CONTROL=0` turns it off in both, so that both still break pages alike where pdfmake runs without
 * the patch (the package installed from npm).
 */
export const widowControlOn = (): boolean => process.env.ANNEXES_WIDOW_CONTROL !== '0';

/**
 * Three fixes of pdfmake's page breaks (patches/pdfmake+0.3.11.patch), so that they fall where LibreOffice puts
 * them: a paragraph that a keep rule moves to a new page loses its space before there; a table row split across
 * pages leaves the rest of the new page its full height; a paragraph of a split row that goes on to the new page
 * has its space before at its top. `ANNEXES_PDFMAKE_FIXES=0` lays out as pdfmake does without them.
 */
export const pdfmakeFixesOn = (): boolean => process.env.ANNEXES_PDFMAKE_FIXES !== '0';
