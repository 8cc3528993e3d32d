/**
 * The templates the build compiles ahead (dist/templates/<edition>.templates.cjs) give the markup the templates
 * compiled from their sources give; one whose source changed since the build is compiled from the source.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLabels } from '../src/i18n/labels.ts';
import { applicationData } from '../src/pipeline/load.ts';
import { annexView } from '../src/pipeline/render-application.ts';
import { ANNEXES, loadEdition, type PrecompiledEdition, precompileEdition } from '../src/templates/engine.ts';
import { createViewContext } from '../src/views/context.ts';
import { sampleApplication } from './helpers/rendered.ts';

const EDITION = '2015-413';
const dir = mkdtempSync(join(tmpdir(), 'annexes-templates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The module the build writes, loaded as the engine loads it. */
function precompiled(): PrecompiledEdition {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.templates.cjs`);
  writeFileSync(file, precompileEdition(EDITION).text);
  return createRequire(import.meta.url)(file) as PrecompiledEdition;
}

const data = applicationData(sampleApplication());
const markups = (templates: ReturnType<typeof loadEdition>) =>
  (['ru', 'kk'] as const).flatMap((lang) => {
    const c = createViewContext(loadLabels(EDITION, lang));
    return ANNEXES.map((n) => templates.annex(n, annexView(data, n, c), { label: c.label }));
  });

describe('templates compiled by the build', () => {
  const fromSources = markups(loadEdition(EDITION, undefined));

  it('give the markup of the templates compiled from their sources, every annex in both languages', () => {
    const ahead = precompiled();
    expect(Object.keys(ahead.templates)).toEqual(expect.arrayContaining(['annex-2', 'annex-5', 'estimate-diff']));
    expect(Object.keys(ahead.templates).some((k) => k.startsWith('partials/'))).toBe(true);
    const markup = markups(loadEdition(EDITION, ahead));
    expect(markup).toEqual(fromSources);
    expect(markup[0]).toContain('<');
  });

  it('are used for the source they were compiled from, and not for another', () => {
    // Annex 3's compiled template under Annex 2's name, given Annex 3's view: with Annex 2's hash it is taken
    // and prints Annex 3; with any other hash (Annex 2 edited since the build) Annex 2's source is compiled, which
    // (strict) refuses Annex 3's view.
    const swapped = (hash: string): PrecompiledEdition => {
      const ahead = precompiled();
      const three = ahead.templates['annex-3'];
      if (!three) throw new Error('no annex-3');
      ahead.templates['annex-2'] = { hash, spec: three.spec };
      return ahead;
    };
    const two = precompiled().templates['annex-2']?.hash as string;
    const c = createViewContext(loadLabels(EDITION, 'ru'));
    const annex2 = (ahead: PrecompiledEdition) =>
      loadEdition(EDITION, ahead).annex(2, annexView(data, 3, c), { label: c.label });
    expect(annex2(swapped(two))).toBe(fromSources[1]);
    expect(() => annex2(swapped('0'.repeat(64)))).toThrow(/not defined/);
  });
});
