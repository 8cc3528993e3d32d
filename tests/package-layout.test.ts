/**
 * The tests are grouped by the stage they test: every file is named `<stage>-….test.ts` after a folder of src/,
 * or `data-` (the sample application) and `package-` (the package as a whole).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.ts';

const stages = readdirSync(join(ROOT, 'src')).filter((name) => statSync(join(ROOT, 'src', name)).isDirectory());

describe('the test files', () => {
  it('each name the stage they test', () => {
    const tests = readdirSync(join(ROOT, 'tests')).filter((f) => f.endsWith('.test.ts'));
    expect(tests.length).toBeGreaterThan(40);
    const prefixes = new Set([...stages, 'data', 'package']);
    expect(tests.filter((f) => !prefixes.has(f.split('-')[0] as string))).toEqual([]);
  });
});
