/**
 * A team of 50 members, each with five past projects (one render, Russian, DOCX and PDF): every member is listed
 * exactly once, the team table's header row repeats on every page it spans (PDF text) and is a repeating header
 * row in the DOCX (w:tblHeader).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { withTeam } from '../bench/generate.ts';
import type { DocxContent } from './helpers/read-docx.ts';
import type { PdfContent } from './helpers/read-pdf.ts';
import {
  compact,
  docxTableFormats,
  type Json,
  labelText,
  missingInOrder,
  pluralLabel,
  readingText,
  renderOneAnnex,
} from './helpers/rendered.ts';

const MEMBERS = 50;
const json: Json = withTeam(MEMBERS);
/** «Сотрудник Номер7 Тестовый»: the surname after the number keeps Номер1 from matching Номер17. */
const NAME_COMPACT = /СотрудникНомер(\d+)Тестовый/g;
const HEADER = ['fullName', 'position', 'experience', 'yearsOfService', 'duties'].map((c) =>
  labelText('ru', `annex3.team.col.${c}`),
);

let docx: DocxContent;
let pdf: PdfContent;
let ms: number;

describe(`a team of ${MEMBERS} members`, () => {
  beforeAll(async () => {
    ({ docx, pdf, ms } = await renderOneAnnex(json, 3));
  }, 600_000);

  it('has that many members, each with past projects', () => {
    expect(json.capacity.team).toHaveLength(MEMBERS);
    expect(json.capacity.team.every((m: Json) => m.experience.length >= 3)).toBe(true);
    console.info(
      `rendered ${MEMBERS} team members (DOCX + PDF, ${pdf.pages.length} pages) in ${(ms / 1000).toFixed(1)} s`,
    );
  });

  it('DOCX: one row per member, in order, under a repeating header row', () => {
    const index = docx.tables.findIndex((t) => t[0]?.[0] === HEADER[0]);
    const table = docx.tables[index]!;
    expect(table[0]).toEqual(HEADER);
    const names = table.slice(1).map((r) => r[0]);
    expect(names).toEqual(json.capacity.team.map((m: Json) => m.fullName));
    // Years of service agree with each member's row.
    expect(table.slice(1).map((r) => r[3])).toEqual(
      json.capacity.team.map((m: Json) => pluralLabel('ru', 'annex3.yearsOfService', m.yearsOfService)),
    );
    const formats = docxTableFormats(docx.xml)[index]!;
    expect(formats.map((r) => r.header)).toEqual([true, ...new Array(MEMBERS).fill(false)]);
  });

  it('PDF: every member exactly once', () => {
    // A row cut by a page break may cut the name too («Сотрудник» or «Сотрудник Номер25» at a page's foot, the rest
    // on the next page, after the repeated header), as Word cuts it: members are told by their number.
    const text = compact(readingText(pdf));
    const counts = new Map<number, number>();
    for (const m of text.matchAll(/Номер(\d+)/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
    expect([...counts.entries()].sort((a, b) => a[0] - b[0])).toEqual(
      Array.from({ length: MEMBERS }, (_, i) => [i + 1, 1]),
    );
  });

  it('PDF: the header row is at the top of every page the team table spans', () => {
    const pages = pdf.pages.map((_, i) => compact(readingText(pdf, [i])));
    const first = pages.findIndex((t) => t.includes('СотрудникНомер1Тестовый'));
    const last = pages.findIndex((t) => t.includes(`СотрудникНомер${MEMBERS}Тестовый`));
    expect(last - first).toBeGreaterThan(10);
    for (let i = first; i <= last; i++) {
      expect(missingInOrder(pages[i]!, HEADER), `page ${i + 1}`).toEqual([]);
      const firstMember = pages[i]!.search(NAME_COMPACT);
      if (i > first && firstMember >= 0)
        expect(pages[i]!.indexOf(compact(HEADER.at(-1)!)), `page ${i + 1}`).toBeLessThan(firstMember);
    }
  });
});
