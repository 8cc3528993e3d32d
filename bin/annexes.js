#!/usr/bin/env node
// Runs the CLI from a cached JavaScript bundle of the TypeScript sources (made again when a source changes, see
// src/startup/bundle-cache.mjs), else from the sources through tsx: no build step after `npm ci` either way.
import { bundledEntry } from '../src/startup/bundle-cache.mjs';

const SOURCE = new URL('../src/cli/run.ts', import.meta.url);
// Stack traces of --debug point into the sources.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
const bundle = await bundledEntry(SOURCE, 'cli');
if (bundle) await import(bundle.href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(SOURCE.href);
}
