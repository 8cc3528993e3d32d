/**
 * Text that looks like markup, template syntax or entities, quotes, backslashes, combining accents, emoji, tabs
 * and line breaks, a 300-character URL in the narrowest cell, empty and blank fields: each is printed literally
 * (DOCX XML and PDF text), in both languages, and never becomes structure. What the tool does with whitespace and
 * with characters the PDF font lacks is decided here:
 *
 * - tabs and line breaks (also U+2028/U+2029) are kept; runs of spaces print as one space, and spaces at the
 *   start and end of a paragraph or next to a tab or line break are dropped (as in HTML); a blank field prints as
 *   an empty cell;
 * - a character the PDF font has no glyph for (emoji…) is a validation warning at its JSON path; the DOCX keeps
 *   it, the PDF draws an empty box in its place (no text);
 * - control characters, noncharacters and lone surrogates are validation errors at their JSON path.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../src/model/common.ts';
import { loadApplication } from '../src/pipeline/load.ts';
import { ApplicationDataError } from '../src/pipeline/render-application.ts';
import { formatJsonPath, messageText } from '../src/validation/report.ts';
import { validateText, validateValue } from '../src/validation/validate.ts';
import { type DocxContent, readDocx } from './helpers/read-docx.ts';
import { type PdfContent, readPdf } from './helpers/read-pdf.ts';
import {
  compact,
  drawnLines,
  file,
  type Json,
  labelText,
  readingText,
  renderModel,
  textOf,
  textWidth,
} from './helpers/rendered.ts';
import { loadSampleJson } from './helpers/sample.ts';

const LANGS: Lang[] = ['ru', 'kk'];

const URL_300 = `https://example.kz/${Array.from({ length: 60 }, (_, i) => `p${i}q`).join('/')}?x=${'z'.repeat(20)}`;

type Path = (string | number)[];

interface Case {
  name: string;
  text: string;
  path: Path;
  annex: 2 | 3 | 4 | 5;
  /** What a reader sees, when it is not the text as typed (see the header). */
  printed?: string;
}

const CASES: Case[] = [
  {
    name: 'template syntax',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text is meant to look like a template
    text: '{{name}} {{{x}}} {{#each rows}}row{{/each}} {{> annex-header}} ${x} %s',
    path: ['applicant', 'head', 'fullName'],
    annex: 2,
  },
  {
    name: 'markup',
    text: '<b>жирный?</b> </td></tr></table> <section orientation="landscape"> <br/> <p>абзац</p> <![CDATA[x]]> <!-- c -->',
    path: ['applicant', 'address'],
    annex: 2,
  },
  {
    name: 'entities',
    text: '&amp; &nbsp; &lt;b&gt; &#160; &#x41; AT&T & ; &unknown;',
    path: ['capacity', 'team', 0, 'fullName'],
    annex: 3,
  },
  {
    name: 'quotes and backslashes',
    text: `"двойные" 'одинарные' «ёлочки» „лапки“ ‘английские’ \\ C:\\путь\\n \\t \\u0041`,
    path: ['capacity', 'experience', 0, 'title'],
    annex: 3,
  },
  {
    name: 'combining accents',
    // е + acute, и + breve (not the precomposed й), a + acute, Қ + acute: kept as typed, not normalized.
    text: 'уда\u0301рение и\u0306 cafe\u0301 Қ\u0301',
    path: ['capacity', 'materialBase', 0],
    annex: 3,
  },
  {
    name: 'tabs and line breaks',
    text: 'первая\tвторая\nтретья строка\n\tс отступом',
    path: ['project', 'risks', 0, 'risk'],
    annex: 4,
  },
  {
    name: 'Unicode line and paragraph separators',
    text: 'до\u2028после\u2029дальше',
    path: ['project', 'risks', 0, 'mitigation'],
    annex: 4,
    printed: 'до\nпосле\nдальше',
  },
  {
    name: 'runs of spaces',
    text: '  два   пробела  и\u00a0\u00a0неразрывные  ',
    path: ['project', 'basics', 'goal'],
    annex: 4,
    printed: 'два пробела и\u00a0\u00a0неразрывные',
  },
  {
    name: 'a 300-character URL in a calendar cell',
    text: URL_300,
    path: ['project', 'calendar', 'activities', 0, 'title'],
    annex: 4,
  },
  {
    name: 'a 300-character URL in the unit column',
    text: URL_300,
    path: ['estimate', 'administrative', 'salaries', 'lines', 0, 'unit'],
    annex: 5,
  },
  {
    name: 'Kazakh letters and signs',
    text: 'ӘәҒғҚқҢңӨөҰұҮүҺһІі ₸ № — – …',
    path: ['estimate', 'administrative', 'salaries', 'lines', 0, 'name'],
    annex: 5,
  },
  {
    name: 'names of object properties',
    text: '__proto__ constructor toString',
    path: ['estimate', 'administrative', 'salaries', 'lines', 1, 'name'],
    annex: 5,
  },
  {
    name: 'a unit named like a property',
    text: 'constructor',
    path: ['estimate', 'material', 'lines', 0, 'unit'],
    annex: 5,
  },
  {
    name: 'the DOCX writer’s list placeholders',
    text: '{list-1-0} {list-2-0} {list-1-restart 1} {1-0}',
    path: ['project', 'feedback', 0, 'group'],
    annex: 4,
  },
  {
    name: 'emoji',
    text: 'Смайл 😀 палец 👍🏽 флаг 🇰🇿 конец',
    path: ['capacity', 'team', 1, 'fullName'],
    annex: 3,
  },
];

const EMOJI = CASES.find((c) => c.name === 'emoji')!;

function setAt(json: Json, path: Path, value: unknown): void {
  let o: Json = json;
  for (const k of path.slice(0, -1)) o = o[k as string];
  o[path.at(-1) as string] = value;
}

/** Characters the PDF cannot draw (the emoji case): the PDF shows no text for them. */
const NOT_IN_PDF = /[\u{1F000}-\u{1FFFF}]|\u{FE0F}/gu;

/** pdfjs gives U+0000 for a glyph drawn from the font's .notdef. */
const pdfText = (pdf: PdfContent) => readingText(pdf).replace(/\u0000/g, '');

const docx = new Map<string, DocxContent>();
const pdf = new Map<string, PdfContent>();
let warnings: { path: Path; key: string; params?: Record<string, string | number> }[];

const sampleWith = () => {
  const json = loadSampleJson();
  for (const c of CASES) setAt(json, c.path, c.text);
  // Blank fields: an empty and a whitespace-only cell of the media plan.
  json.project.media[0].product = '';
  json.project.media[0].quantity = '   ';
  return json;
};

describe('literal printing of hostile text', () => {
  beforeAll(async () => {
    const loaded = loadApplication({ value: sampleWith() });
    warnings = loaded.warnings;
    const set = await renderModel(loaded.application);
    for (const lang of LANGS)
      for (const a of [2, 3, 4, 5]) {
        docx.set(`${a}.${lang}`, readDocx(file(set, `annex-${a}.${lang}.docx`)));
        pdf.set(`${a}.${lang}`, await readPdf(file(set, `annex-${a}.${lang}.pdf`)));
      }
  }, 180_000);

  for (const c of CASES)
    for (const lang of LANGS) {
      it(`${c.name} (${lang}): the DOCX holds exactly what was typed, as text`, () => {
        const d = docx.get(`${c.annex}.${lang}`)!;
        const expected = c.printed ?? c.text;
        expect(
          d.paragraphs.some((p) => p.includes(expected)),
          JSON.stringify(expected),
        ).toBe(true);
        // Markup in the text stayed text: no run of it became bold, nothing became a table or a section.
        expect(d.runs.filter((r) => r.bold && r.text.includes('жирный'))).toEqual([]);
        if (c.name === 'markup') {
          expect(d.xml).toContain('&lt;b&gt;жирный?&lt;/b&gt; &lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;');
          expect(d.sections.every((s) => !s.landscape)).toBe(true);
        }
        if (c.name === 'entities') expect(d.xml).toContain('&amp;amp; &amp;nbsp; &amp;lt;b&amp;gt; &amp;#160;');
      });

      it(`${c.name} (${lang}): the PDF text holds it too`, () => {
        const p = pdf.get(`${c.annex}.${lang}`)!;
        const expected = (c.printed ?? c.text).replace(NOT_IN_PDF, '');
        // Line breaks of the PDF (wrapping, tabs drawn as spaces) are not the text's: compare without whitespace.
        expect(compact(pdfText(p))).toContain(compact(expected));
      });
    }

  it('prints the tabs (a gap, also at the start of a line) and the line breaks in the PDF', () => {
    for (const lang of LANGS) {
      const lines = drawnLines(pdf.get(`4.${lang}`)!).flat();
      const at = (re: RegExp) => {
        const found = lines.filter((l) => re.test(l.text.trim()));
        expect(found, String(re)).toHaveLength(1);
        return found[0]!;
      };
      const first = at(/^первая$/);
      const second = at(/^вторая$/);
      const third = at(/^третья строка$/);
      const fourth = at(/^с отступом$/);
      // «вторая» follows on the same line after a tab stop's gap; then a line each, the last one indented.
      expect(second.y).toBeCloseTo(first.y, 1);
      expect(second.x - (first.x + textWidth('первая', 'Tinos-Regular', 10))).toBeGreaterThan(20);
      expect(third.x).toBeCloseTo(first.x, 1);
      expect(first.y - third.y).toBeGreaterThan(5);
      expect(third.y - fourth.y).toBeGreaterThan(5);
      expect(fourth.x - third.x).toBeGreaterThan(20);
      for (const part of ['до', 'после', 'дальше']) at(new RegExp(`^${part}$`));
    }
  });

  it('breaks the 300-character URL inside the narrow unit column, losing nothing', () => {
    expect(URL_300.length).toBeGreaterThanOrEqual(300);
    for (const lang of LANGS) {
      const p = pdf.get(`5.${lang}`)!;
      const lines = drawnLines(p).flat();
      const parts = lines.filter((l) => /^[a-z0-9/:.?=]+$/.test(l.text) && URL_300.includes(l.text));
      expect(parts.map((l) => l.text).join('')).toBe(URL_300);
      expect(parts.length).toBeGreaterThan(5);
      // Every piece fits the unit column (8/97 of a landscape text width, about 64 pt): no line runs off.
      const widest = Math.max(...parts.map((l) => textWidth(l.text, 'Tinos-Regular', 9)));
      expect(widest).toBeLessThan(70);
    }
  });

  it('prints an empty and a whitespace-only field as empty cells', () => {
    const json = loadSampleJson();
    for (const lang of LANGS) {
      const d = docx.get(`4.${lang}`)!;
      const channels = textOf(json.project.media[0].channels, lang);
      const rows = d.tables.flat().filter((row) => row.some((cell) => cell === channels));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.slice(0, 2)).toEqual(['', '']);
    }
  });

  it('never turns the text into structure: same tables and sections as the sample', () => {
    for (const lang of LANGS) {
      expect(docx.get(`2.${lang}`)!.tables).toHaveLength(1);
      expect(docx.get(`5.${lang}`)!.sections.every((s) => s.landscape)).toBe(true);
      expect(pdf.get(`2.${lang}`)!.pages.every((pg) => pg.width < pg.height)).toBe(true);
      // The label that follows the markup case is still there, once.
      const text = compact(readingText(pdf.get(`2.${lang}`)!));
      expect(text.split(compact(labelText(lang, 'annex2.row.targetGroup'))).length - 1).toBe(1);
    }
  });

  it('emoji: a warning at the field, the DOCX keeps them, the PDF shows boxes with no text', () => {
    const glyph = warnings.filter((w) => w.key === 'text.glyph');
    expect(glyph.map((w) => formatJsonPath(w.path))).toEqual(['capacity.team[1].fullName']);
    expect(String(glyph[0]!.params?.chars)).toMatch(/😀 U\+1F600.*U\+1F3FD.*🇰 U\+1F1F0/);
    expect(messageText(glyph[0]!, 'ru')).toContain('😀 U+1F600');
    for (const lang of LANGS) {
      expect(docx.get(`3.${lang}`)!.text).toContain(EMOJI.text);
      const text = readingText(pdf.get(`3.${lang}`)!);
      expect(text).not.toContain('😀');
      // Each emoji is drawn as .notdef: the text layer has U+0000 in its place.
      expect(text).toMatch(/Смайл\s*\u0000+\s*палец/);
    }
  });

  it('the sample itself draws no glyph warning', () => {
    expect(validateValue(loadSampleJson()).diagnostics.filter((d) => d.key === 'text.glyph')).toEqual([]);
  });
});

describe('characters that never belong in a document', () => {
  const BAD: [string, string][] = [
    ['\u0000', 'U+0000'],
    ['\u0007', 'U+0007'],
    ['\u000b', 'U+000B'],
    ['\u001b', 'U+001B'],
    ['\u007f', 'U+007F'],
    ['\u0085', 'U+0085'],
    ['\ufffe', 'U+FFFE'],
    ['\uffff', 'U+FFFF'],
    ['\ufdd0', 'U+FDD0'],
    ['\ud800', 'U+D800'],
    ['\udc00', 'U+DC00'],
  ];
  const PLACES: Path[] = [
    ['applicant', 'address', 'ru'],
    ['capacity', 'team', 0, 'duties', 1, 'kk'],
    ['project', 'basics', 'tasks', 2, 'ru'],
    ['estimate', 'administrative', 'salaries', 'lines', 0, 'name', 'ru'],
    ['estimate', 'material', 'lines', 0, 'unit'],
  ];

  it.each(BAD.map(([c, code]) => [code, c, code]))(
    '%s is an error at its JSON path, naming the character and where it is',
    (_, char, code) => {
      PLACES.forEach((path, i) => {
        const json = loadSampleJson();
        setAt(json, path, `ab😀c${char}d`);
        const result = validateValue(json);
        expect(result.ok).toBe(false);
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        expect(
          errors.map((d) => [formatJsonPath(d.path), d.key]),
          `place ${i}`,
        ).toEqual([[formatJsonPath(path), 'text.control']]);
        expect(errors[0]!.params).toEqual({ char: code, at: 5 });
        expect(messageText(errors[0]!, 'ru')).toContain(code);
        expect(() => loadApplication({ value: json })).toThrow(ApplicationDataError);
      });
    },
  );

  it('finds the line and column of the character in the JSON text', () => {
    const json = loadSampleJson();
    json.applicant.address = 'улица\u0007 1';
    const text = JSON.stringify(json, null, 2);
    const result = validateText(text);
    const error = result.diagnostics.find((d) => d.key === 'text.control')!;
    const line = text.split('\n').findIndex((l) => l.includes('улица\\u0007')) + 1;
    expect(error.position?.line).toBe(line);
  });

  it('a tab and a line feed are text, not control characters', () => {
    const json = loadSampleJson();
    json.applicant.address = 'a\tb\nc';
    expect(validateValue(json).ok).toBe(true);
  });

  it('a carriage return (CRLF from Windows, a lone CR from old Macs) is a line break', () => {
    const json = loadSampleJson();
    json.applicant.address = { ru: 'a\r\nb\rc', kk: 'a\r\nb' };
    const result = validateValue(json);
    expect(result.ok).toBe(true);
    expect(result.application!.applicant.address).toEqual({ ru: 'a\nb\nc', kk: 'a\nb' });
  });
});
