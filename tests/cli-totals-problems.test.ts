/** `totals` always totals: the figures first, then the problems of the checks; exit 1 when there are errors. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from './helpers/cli-spawn.ts';
import { loadSampleJson } from './helpers/sample.ts';

let file: string;
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'annexes-totals-'));
  const app = structuredClone(loadSampleJson());
  delete app.$schema;
  // A server: material and technical provision goes over 10 % of the grant (4 724 000 of 35 051 320).
  app.estimate.material.lines.push({ name: 'сервер', unit: 'piece', quantity: 1, price: 3000000 });
  file = join(dir, 'material-over.json');
  writeFileSync(file, JSON.stringify(app, null, 2));
});

describe('annexes totals with a check error', () => {
  it('prints the table, then the problem on stderr, and exits 1', async () => {
    const r = await runCliAsync(['totals', file]);
    expect(r.code).toBe(1);
    // The material row with its grant share over the limit, in the table on stdout.
    expect(r.stdout).toMatch(/Материально-техническое обеспечение\s+4 724 000\s+0\s+0\s+4 724 000\s+13,48/);
    expect(r.stdout).toMatch(/Итого\s+35 051 320/);
    expect(r.stderr).toMatch(/material-over\.json:\d+:\d+ {2}estimate\.material {2}Расходы на материально-техническое/);
    expect(r.stderr).toContain('ошибок: 1');
    // Numbers in the message as in the documents: a decimal comma.
    expect(r.stderr).toContain('4 724 000 тенге, 13,48 %');
  });

  it('--json too: the totals as JSON on stdout, the problem on stderr', async () => {
    const r = await runCliAsync(['totals', file, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.sections.material.grant).toBe('4724000');
    expect(report.total.grant).toBe('35051320');
    expect(r.stderr).toContain('estimate.material');
  });
});
