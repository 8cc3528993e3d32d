/** Types of bundle-cache.mjs (plain JavaScript: it runs before tsx is loaded). */
export function cacheDir(): string;
export function bundledEntry(source: URL, name: string): Promise<URL | undefined>;
export function writeAtomically(file: string, data: string | Uint8Array): void;
