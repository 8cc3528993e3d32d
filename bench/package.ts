/**
 * The package as it ships, for the bench to measure: the compiled modules of dist/ (`npm run bench` builds them
 * first), so that the rendering threads run dist/render/worker.js as an installed package does, not the sources
 * through tsx. Types come from src/, which dist/ is compiled from. Each bench script loads only what it measures.
 */
export const fromDist = async <T>(path: string): Promise<T> =>
  (await import(new URL(`../dist/${path}`, import.meta.url).href)) as T;

export const { loadApplication } = await fromDist<typeof import('../src/pipeline/load.ts')>('pipeline/load.js');
export const { renderApplication } = await fromDist<typeof import('../src/pipeline/render-application.ts')>(
  'pipeline/render-application.js',
);
export const { RenderCache } = await fromDist<typeof import('../src/render/cache.ts')>('render/cache.js');
export const { closeRenderPool, defaultWorkerCount } =
  await fromDist<typeof import('../src/render/pool.ts')>('render/pool.js');

export type { LoadedApplication } from '../src/pipeline/load.ts';
export type { RenderOptions } from '../src/pipeline/render-application.ts';
