// Entry of a rendering thread: a new thread does not inherit the TypeScript loader of the main one.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
