/** Where the rendering caches live (the bundles the process and its threads start from). */
export { cacheDir as renderCacheDir } from '../startup/bundle-cache.mjs';
