import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SAMPLE_PATH = fileURLToPath(new URL('../../data/gamo-2021.json', import.meta.url));
/**
 * The real filled application the sample was transcribed from (Russian, text extracted from its Word original),
 * with the head's personal mobile number and e-mail replaced by the sample's fictional ones.
 */
export const SEED_PATH = fileURLToPath(new URL('../fixtures/seed-application.ru.txt', import.meta.url));

/** The sample application as raw JSON (before validation). */
export function loadSampleJson(): Record<string, any> {
  return JSON.parse(readFileSync(SAMPLE_PATH, 'utf8'));
}

/** The seed text with whitespace collapsed, for «is this value in the seed» checks. */
export function seedText(): string {
  return readFileSync(SEED_PATH, 'utf8').replace(/\s+/g, ' ');
}
