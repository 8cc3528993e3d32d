/**
 * The schema as an editor sees it: VS Code's own JSON language server (vscode-json-languageservice) reads the
 * committed schema through the file's `"$schema"` line and offers completions, hovers and diagnostics.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type CompletionItem, getLanguageService, type MarkupContent, TextDocument } from 'vscode-json-languageservice';
import { type LabelKey, loadLabels } from '../src/i18n/labels.ts';

const ru = loadLabels('2015-413', 'ru');
const kk = loadLabels('2015-413', 'kk');
const KAZAKH_LETTER = /[әғқңөұүһі]/u;

const root = new URL('../', import.meta.url);
const service = getLanguageService({
  // The editor fetches the schema named by "$schema", relative to the document.
  schemaRequestService: async (uri) => readFileSync(fileURLToPath(uri), 'utf8'),
  workspaceContext: { resolveRelativePath: (rel, base) => new URL(rel, base).href },
});
service.configure({ validate: true, allowComments: false });

/** A document in data/ (so that `../schema/application.schema.json` resolves) with `|` marking the cursor. */
function open(textWithCursor: string, name = 'editor-test.json') {
  const offset = textWithCursor.indexOf('|');
  const text = offset < 0 ? textWithCursor : textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  const doc = TextDocument.create(new URL(`data/${name}`, root).href, 'json', 1, text);
  return { doc, json: service.parseJSONDocument(doc), position: doc.positionAt(Math.max(0, offset)) };
}

const docText = (d: CompletionItem['documentation'] | undefined): string =>
  typeof d === 'string' ? d : ((d as MarkupContent | undefined)?.value ?? '');

async function completions(text: string): Promise<Map<string, CompletionItem>> {
  const { doc, json, position } = open(text);
  const list = await service.doComplete(doc, position, json);
  return new Map((list?.items ?? []).map((i) => [i.label.replace(/^"|"$/g, ''), i]));
}

/** The form's label in both languages must be in the text an editor shows (the catalogue is the source). */
function expectBothLanguages(shown: string, key: LabelKey, what: string) {
  const label = (l: typeof ru) => l.t(key).replace(/[:*]$/, '');
  expect(shown, what).toContain(label(ru));
  expect(shown, what).toContain(label(kk));
  expect(shown, what).toMatch(KAZAKH_LETTER);
}

const HEAD = '{ "$schema": "../schema/application.schema.json", ';

describe('the JSON language server of VS Code with the committed schema', () => {
  it('offers the fields of an empty budget line, each with its Russian and Kazakh description', async () => {
    const items = await completions(
      `${HEAD}"estimate": { "administrative": { "salaries": { "lines": [ { | } ] } } } }`,
    );
    const expected: Record<string, LabelKey> = {
      name: 'schema.field.lineName',
      unit: 'annex5.col.unit',
      quantity: 'annex5.col.quantity',
      price: 'annex5.col.price',
      own: 'annex5.col.own',
      cofinancing: 'annex5.col.cofinancing',
    };
    expect([...items.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [field, key] of Object.entries(expected)) {
      const doc = docText(items.get(field)!.documentation);
      expectBothLanguages(doc, key, field);
    }
    // With the hint of what to write: an example of the price.
    expect(docText(items.get('price')!.documentation)).toMatch(/например 150000/);
    expect(docText(items.get('price')!.documentation)).toMatch(/мысалы 150000/);
  });

  it('describes applicant and estimate at the top of the file in both languages', async () => {
    const items = await completions(`${HEAD}| }`);
    expectBothLanguages(docText(items.get('applicant')?.documentation), 'annex2.title', 'applicant');
    expectBothLanguages(docText(items.get('estimate')?.documentation), 'annex5.title', 'estimate');
    expectBothLanguages(docText(items.get('capacity')?.documentation), 'annex3.title', 'capacity');
  });

  it('offers the unit codes with their printed Russian and Kazakh names', async () => {
    const items = await completions(
      `${HEAD}"estimate": { "administrative": { "rent": { "lines": [ { "unit": | } ] } } } }`,
    );
    const month = items.get('month');
    expect(month, [...items.keys()].join(', ')).toBeDefined();
    const shown = docText(month!.documentation);
    expect(shown).toContain(ru.t('unit.month'));
    expect(shown).toContain(kk.t('unit.month'));
    expect(docText(items.get('personDay')!.documentation)).toContain(kk.t('unit.personDay'));
  });

  it('shows a text on hover over quantity', async () => {
    const text = `${HEAD}"estimate": { "material": { "lines": [ { "unit": "piece", "quan|tity": 2, "price": 10 } ] } } }`;
    const { doc, json, position } = open(text);
    const hover = await service.doHover(doc, position, json);
    const shown = (hover?.contents as MarkupContent[] | MarkupContent | string[] | undefined) ?? [];
    const flat = (Array.isArray(shown) ? shown : [shown])
      .map((c) => (typeof c === 'string' ? c : (c as MarkupContent).value))
      .join('\n');
    expectBothLanguages(flat, 'annex5.col.quantity', 'hover');
    expect(flat).toContain('мысалы 9');
  });

  it('validates the sample application with no diagnostics', async () => {
    const sample = readFileSync(new URL('data/gamo-2021.json', root), 'utf8');
    const doc = TextDocument.create(new URL('data/gamo-2021.json', root).href, 'json', 1, sample);
    const diagnostics = await service.doValidation(doc, service.parseJSONDocument(doc));
    expect(diagnostics).toEqual([]);
  });

  it('marks a wrong value in the editor (the schema is really applied)', async () => {
    const { doc, json } = open(`${HEAD}"applicant": { "bin": 12 } }`);
    const diagnostics = await service.doValidation(doc, json);
    expect(diagnostics.length).toBeGreaterThan(0);
  });
});

describe('every property of the schema', () => {
  it('has a title and a description in Russian and Kazakh', () => {
    const schema = JSON.parse(readFileSync(new URL('schema/application.schema.json', root), 'utf8'));
    const bare: string[] = [];
    let count = 0;
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      for (const k of ['anyOf', 'oneOf', 'allOf']) if (Array.isArray(n[k])) for (const c of n[k]) walk(c, path);
      if (n.items) walk(n.items, `${path}[]`);
      for (const [key, child] of Object.entries((n.properties as Record<string, Record<string, unknown>>) ?? {})) {
        count++;
        const { title, description } = child;
        // «Русский / Қазақша» and a description in two paragraphs, Russian then Kazakh.
        const [titleRu, titleKk] = typeof title === 'string' ? title.split(' / ') : [];
        const [descRu, descKk] = typeof description === 'string' ? description.split('\n\n') : [];
        const cyrillic = (s: string | undefined) => s !== undefined && /[а-яё]/iu.test(s);
        if (!cyrillic(titleRu) || !cyrillic(titleKk) || !cyrillic(descRu) || !KAZAKH_LETTER.test(descKk ?? ''))
          bare.push(`${path}.${key}`);
        walk(child, `${path}.${key}`);
      }
    };
    walk(schema, '');
    for (const [name, def] of Object.entries(schema.$defs as Record<string, unknown>)) walk(def, `#${name}`);
    expect(count).toBeGreaterThan(150);
    expect(bare).toEqual([]);
  });
});
