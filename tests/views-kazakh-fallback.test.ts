/**
 * A text without its Kazakh version: the Kazakh build fails and names every such field at once (JSON path, and
 * file line through the CLI); with fallback it renders, prints the Russian text in the Kazakh documents, and warns
 * about each field.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationDataError } from '../src/pipeline/render-application.ts';
import { runCli } from './helpers/cli.ts';
import { readDocx } from './helpers/read-docx.ts';
import { normalizeSpaces as n, readPdf } from './helpers/read-pdf.ts';
import {
  file,
  type Json,
  labelText,
  type RenderedSet,
  readingText,
  regexEscape,
  renderModel,
  sampleApplication,
  textOf,
} from './helpers/rendered.ts';
import { loadSampleJson } from './helpers/sample.ts';

/** Three fields of three annexes, each losing its Kazakh text. */
const PATHS: (string | number)[][] = [
  ['applicant', 'address'],
  ['project', 'risks', 0, 'mitigation'],
  ['estimate', 'direct', 'activities', 4, 'hospitality', 'other', 'lines', 0, 'name'],
];
const PATH_STRINGS = [
  'applicant.address',
  'project.risks[0].mitigation',
  'estimate.direct.activities[4].hospitality.other.lines[0].name',
];

const at = (j: Json, path: (string | number)[]) => path.reduce<Json>((o, k) => o[k], j);

function withoutKazakh(j: Json): void {
  for (const path of PATHS) {
    const parent = at(j, path.slice(0, -1));
    const key = path.at(-1)!;
    parent[key] = { ru: parent[key].ru };
  }
}

const sample = loadSampleJson();
const russian = PATHS.map((p) => at(sample, p).ru as string);

describe('rendering through the API', () => {
  const app = sampleApplication(withoutKazakh);

  it('refuses the Kazakh documents and lists every field without Kazakh text at once', async () => {
    const error = await renderModel(app, { langs: ['kk'] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApplicationDataError);
    const diagnostics = (error as ApplicationDataError).diagnostics;
    expect(diagnostics.map((d) => d.path)).toEqual(PATHS);
    for (const d of diagnostics) {
      expect(d.severity).toBe('error');
      expect(d.key).toBe('lang.missing');
      expect(d.params).toMatchObject({ lang: 'kk' });
    }
  });

  it('still renders the Russian documents', async () => {
    const r = await renderModel(app, { langs: ['ru'], annexes: [2], formats: ['docx'] });
    expect(r.warnings).toEqual([]);
    expect(n(readDocx(file(r, 'annex-2.ru.docx')).text)).toContain(n(russian[0]!));
  });

  describe('with fallback', () => {
    let r: RenderedSet;
    beforeAll(async () => {
      r = await renderModel(app, { langs: ['kk'], annexes: [2, 4, 5], fallback: true });
    });

    it('warns about each field, by path', () => {
      expect(r.warnings.map((d) => d.path)).toEqual(PATHS);
      for (const d of r.warnings) {
        expect(d.severity).toBe('warning');
        expect(d.key).toBe('lang.fallback');
        expect(d.params).toMatchObject({ lang: 'kk', used: 'ru' });
      }
    });

    it.each([
      [0, 2],
      [1, 4],
      [2, 5],
    ])('prints the Russian text of field %i in the Kazakh Annex %i, DOCX and PDF', async (field, annex) => {
      const docx = n(readDocx(file(r, `annex-${annex}.kk.docx`)).text);
      const pdf = n(readingText(await readPdf(file(r, `annex-${annex}.kk.pdf`))));
      for (const text of [docx, pdf]) {
        expect(text).toContain(n(russian[field]!));
        // The rest of the document stays Kazakh.
        expect(text).toContain(labelText('kk', `annex${annex}.title`));
      }
    });

    it('keeps the Kazakh text of the other fields', () => {
      const rows = readDocx(file(r, 'annex-2.kk.docx')).tables[0]!;
      expect(n(rows.find((row) => row[0] === '1.')![2]!)).toBe(n(textOf(sample.applicant.name, 'kk')));
      expect(n(rows.find((row) => row[0] === '4.')![2]!.split('\n')[0]!)).toBe(n(russian[0]!));
    });
  });
});

describe('the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'annexes-kk-fallback-'));
  const input = join(dir, 'no-kk.json');
  const out = join(dir, 'out');
  const changed = structuredClone(sample);
  withoutKazakh(changed);
  const source = `${JSON.stringify(changed, null, 2)}\n`;
  writeFileSync(input, source);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Line of each field's value in the file, found by a JSON parser. */
  const tree = parseTree(source)!;
  const lines = PATHS.map((p) => source.slice(0, findNodeAtLocation(tree, p)!.offset).split('\n').length);

  it('finds the fields in the written file', () => {
    for (const line of lines) expect(line).toBeGreaterThan(1);
    expect(new Set(lines).size).toBe(3);
  });

  it('`annexes build FILE --lang kk` exits 1, lists every path with its line, writes nothing', () => {
    const r = runCli(['build', input, '--lang', 'kk', '--out', out]);
    expect(r.code).toBe(1);
    PATH_STRINGS.forEach((path, i) => {
      expect(r.stderr).toMatch(new RegExp(`${regexEscape(input)}:${lines[i]}:\\d+\\s+${regexEscape(path)}\\s`));
    });
    expect(existsSync(join(out, 'no-kk'))).toBe(false);
  });

  it('`--fallback` exits 0, prints a warning for each path and writes the Kazakh documents', () => {
    const r = runCli(['build', input, '--lang', 'kk', '--fallback', '--annex', '2', '--format', 'docx', '--out', out]);
    expect(r.code).toBe(0);
    PATH_STRINGS.forEach((path, i) => {
      expect(r.stderr).toMatch(new RegExp(`${regexEscape(input)}:${lines[i]}:\\d+\\s+${regexEscape(path)}\\s`));
    });
    const written = join(out, 'no-kk', 'annex-2.kk.docx');
    expect(existsSync(written)).toBe(true);
    const text = n(readDocx(readFileSync(written)).text);
    expect(text).toContain(n(russian[0]!));
    expect(text).toContain(labelText('kk', 'annex2.title'));
  });
});
