/** The JSON Schema of an application file, generated from the zod model (editors validate and complete with it). */
import { z } from 'zod';
import { application } from './application.ts';
import { documentSchema } from './schema-docs.ts';

export function applicationJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(application, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
  return {
    ...documentSchema(schema as Record<string, unknown>),
    $id: 'https://github.com/ngo-grant-annexes/schema/application.schema.json',
    title: 'NGO state grant application, Annexes 2–5 (Kazakhstan)',
  };
}

export function applicationJsonSchemaText(): string {
  return `${JSON.stringify(applicationJsonSchema(), null, 2)}\n`;
}
