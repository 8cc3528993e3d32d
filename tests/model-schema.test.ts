import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applicationJsonSchemaText } from '../src/model/json-schema.ts';
import { runCli } from './helpers/cli.ts';
import { loadSampleJson } from './helpers/sample.ts';

describe('JSON Schema for editors', () => {
  it('the committed schema is what the model generates (run `npm run schema` after changing the model)', () => {
    const committed = readFileSync(new URL('../schema/application.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(applicationJsonSchemaText());
  });

  it('`annexes schema` prints it', () => {
    const r = runCli(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.properties.estimate).toBeDefined();
    expect(schema.additionalProperties).toBe(false);
  });

  it('the sample points editors at it', () => {
    expect(loadSampleJson().$schema).toBe('../schema/application.schema.json');
  });
});
