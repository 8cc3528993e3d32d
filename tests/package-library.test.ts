/** The library API (src/index.ts) from the sources; tests/package-consumers.test.ts uses it as installed from the packed tarball. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ApplicationDataError,
  estimateTotals,
  formatTotalsTable,
  loadApplication,
  renderApplication,
  validateApplication,
} from '../src/index.ts';
import { loadSampleJson, SAMPLE_PATH } from './helpers/sample.ts';

let _dir: string;
beforeAll(() => {
  _dir = mkdtempSync(join(tmpdir(), 'annexes-library-'));
});

describe('validateApplication', () => {
  it('accepts the sample from a path, text or value; its warnings speak the chosen language', () => {
    const fromPath = validateApplication(SAMPLE_PATH);
    const fromText = validateApplication({ text: readFileSync(SAMPLE_PATH, 'utf8') }, { uiLang: 'en' });
    const fromValue = validateApplication({ value: loadSampleJson() }, { uiLang: 'kk' });
    for (const v of [fromPath, fromText, fromValue]) {
      expect(v.ok).toBe(true);
      expect(v.application?.applicant.bin).toBe('051140010597');
      expect(v.problems.length).toBeGreaterThan(0);
      expect(v.problems.every((p) => p.severity === 'warning')).toBe(true);
    }
    const total = (v: typeof fromPath) => v.problems.find((p) => p.path.join('.') === 'estimate.declaredTotal')!;
    expect(total(fromPath).message).toMatch(/не совпадает с суммой по строкам 32 051 320 тенге/);
    expect(total(fromText).message).toMatch(/differs from the sum of its lines, 32 051 320 tenge/);
    expect(total(fromValue).message).toMatch(/жолдар бойынша есептелген 32 051 320 теңге/);
    // Positions come with a file or text, not with a bare value.
    expect(total(fromPath).text).toMatch(new RegExp(`^${SAMPLE_PATH}:\\d+:\\d+ {2}estimate\\.declaredTotal {2}`));
    expect(total(fromText).position?.line).toBeGreaterThan(1);
  });

  it('reports every error of invalid data without throwing', () => {
    const app = loadSampleJson();
    app.applicant.bin = '051140010598';
    app.applicant.email = 'gamo_aktau at mail.ru';
    const v = validateApplication({ value: app }, { uiLang: 'en' });
    expect(v.ok).toBe(false);
    expect(v.application).toBeUndefined();
    const errors = v.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => p.path.join('.')).sort()).toEqual(['applicant.bin', 'applicant.email']);
    for (const e of errors) expect(e.message).toMatch(/^[\x20-\x7e«»—–]+$/);
  });
});

describe('loadApplication, renderApplication, estimateTotals', () => {
  it('renders in memory: buffers of the asked documents, nothing written', async () => {
    const { application } = loadApplication({ text: readFileSync(SAMPLE_PATH, 'utf8') });
    const cwdBefore = readdirSync(process.cwd()).sort();
    const { files, warnings } = await renderApplication(application, {
      langs: ['kk'],
      formats: ['docx', 'pdf'],
      annexes: [2, 5],
    });
    expect(warnings).toEqual([]);
    expect(files.map((f) => f.name)).toEqual([
      'annex-2.kk.docx',
      'annex-2.kk.pdf',
      'annex-5.kk.docx',
      'annex-5.kk.pdf',
      'application.kk.docx',
      'application.kk.pdf',
    ]);
    for (const f of files) {
      expect(Buffer.isBuffer(f.data)).toBe(true);
      expect(f.lang).toBe('kk');
      if (f.format === 'pdf') expect(f.data.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      else expect(Object.keys(unzipSync(f.data))).toContain('word/document.xml');
    }
    expect(files.map((f) => f.annex)).toEqual([2, 2, 5, 5, 'all', 'all']);
    expect(readdirSync(process.cwd()).sort()).toEqual(cwdBefore);
  });

  it('loadApplication throws ApplicationDataError with the problems', () => {
    const app = loadSampleJson();
    delete app.applicant.bin;
    let error: unknown;
    try {
      loadApplication({ value: app });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApplicationDataError);
    expect((error as ApplicationDataError).diagnostics.map((d) => d.path.join('.'))).toContain('applicant.bin');
  });

  it('estimateTotals gives the sections and the grand total; formatTotalsTable prints them', () => {
    const { application } = loadApplication(SAMPLE_PATH);
    const t = estimateTotals(application);
    expect(t.sections.administrative.total).toBe('5930720');
    expect(t.sections.material.total).toBe('1724000');
    expect(t.sections.direct.total).toBe('24396600');
    expect(t.total).toMatchObject({ total: '32051320', grant: '32051320', grantSharePercent: 100 });
    expect(formatTotalsTable(t, 'kk')).toMatch(/Барлығы/);
  });
});
