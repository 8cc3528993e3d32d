/**
 * The estimate engine on the project's sample application (data/gamo-2021.json), and the agreement of the
 * rows' label keys and unit codes with the label catalogues.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkEstimate } from '../src/budget/checks.ts';
import { computeEstimate } from '../src/budget/compute.ts';
import { estimateRows } from '../src/budget/rows.ts';
import { application } from '../src/model/application.ts';
import { calendarOf, parseEstimate, seedEstimate } from './fixtures/seed-estimate.ts';
import { loadSampleJson } from './helpers/sample.ts';

describe('sample application estimate', () => {
  const app = application.parse(loadSampleJson());
  const computed = computeEstimate(app.estimate, app.project.calendar);

  it('adds up to the corrected totals of the seed', () => {
    expect(computed.administrative.total.toFixed()).toBe('5930720');
    expect(computed.material.total.toFixed()).toBe('1724000');
    expect(computed.direct.total.toFixed()).toBe('24396600');
    expect(computed.total.toFixed()).toBe('32051320');
    expect(computed.grant.toFixed()).toBe('32051320');
  });

  it('reports the three misprinted totals of the seed and the survey line counted twice, nothing else', () => {
    const ds = checkEstimate(app, computed);
    expect(ds.map((d) => [d.key, d.params?.declared ?? null, d.params?.computed ?? null])).toEqual([
      ['budget.declaredTotal', '31891320', '32051320'],
      ['budget.declaredTotal', '24236600', '24396600'],
      ['budget.declaredTotal', '8093600', '8253600'],
      ['budget.possibleDoubleCount', null, null],
    ]);
    expect(ds.at(-1)!.params).toMatchObject({ total: '80000', n: 2, other: 1 });
  });
});

describe('label keys of the rows', () => {
  const catalogue = (lang: string): Record<string, unknown> =>
    JSON.parse(
      readFileSync(fileURLToPath(new URL(`../templates/2015-413/labels.${lang}.json`, import.meta.url)), 'utf8'),
    );

  it('exist in both label catalogues, with the parameters the rows pass', () => {
    const seed = seedEstimate();
    const empty = parseEstimate({ direct: { activities: [{ activity: 'a', travel: { destination: 'в г. Актау' } }] } });
    const rows = [
      ...estimateRows(computeEstimate(seed.estimate, seed.calendar)),
      ...estimateRows(computeEstimate(empty, calendarOf(['a']))),
    ];
    const keys = new Set<string>();
    const units = new Set<string>();
    for (const r of rows) {
      if ('key' in r.label) keys.add(r.label.key);
      if (typeof r.unit === 'string') units.add(`unit.${r.unit}`);
    }
    expect(keys.size).toBeGreaterThan(25);
    for (const lang of ['ru', 'kk']) {
      const labels = catalogue(lang) as Record<string, { text: string }>;
      for (const key of [...keys, ...units]) expect(labels, `${lang} ${key}`).toHaveProperty([key]);
      expect(labels['annex5.activity']!.text).toMatch(/\{n\}.*\{title\}|\{title\}.*\{n\}/);
      expect(labels['annex5.travelTo']!.text).toContain('{destination}');
    }
  });
});
