// A rendering thread started from the TypeScript sources (tests, bench): a new thread does not inherit the
// TypeScript loader of the main one, so it registers tsx (a development dependency). The installed package
// starts its threads from the compiled dist/render/worker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
