import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SAMPLE_PATH = fileURLToPath(new URL('../../data/gamo-2021.json', import.meta.url));
export const SEED_PATH = fileURLToPath(new URL('../../../shared/seed/000_69603f7af7611f5d.txt', import.meta.url));

/** The sample application as raw JSON (before validation). */
export function loadSampleJson(): Record<string, any> {
  return JSON.parse(readFileSync(SAMPLE_PATH, 'utf8'));
}

/** The seed text with whitespace collapsed, for «is this value in the seed» checks. */
export function seedText(): string {
  return readFileSync(SEED_PATH, 'utf8').replace(/\s+/g, ' ');
}
