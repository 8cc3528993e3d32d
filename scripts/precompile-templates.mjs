// Compiles the Handlebars templates of every edition ahead, into dist/templates/<edition>.templates.cjs (see
// src/templates/engine.ts, which also checks each against its source). Run by `npm run build` after tsc.
import { writeFileSync } from 'node:fs';
import { EDITIONS } from '../dist/templates/editions.js';
import { precompileEdition } from '../dist/templates/engine.js';

for (const edition of EDITIONS) {
  const { file, text } = precompileEdition(edition);
  writeFileSync(file, text);
}
