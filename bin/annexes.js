#!/usr/bin/env node
// The `annexes` command: the compiled CLI in dist/ (`npm run build`, which `npm ci` runs in a clone and whose
// output `npm pack` ships).
const entry = new URL('../dist/cli/run.js', import.meta.url);
try {
  await import(entry.href);
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes(entry.pathname)) throw e;
  console.error('annexes: the compiled code (dist/) is missing: run `npm run build` in the package folder.');
  process.exitCode = 3;
}
