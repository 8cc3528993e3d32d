/** Reading and replacing values inside the application by JSON path, without changing the old value. */
export type Path = (string | number)[];
// biome-ignore lint/suspicious/noExplicitAny: the application is edited as plain JSON
export type Json = any;

export const pathKey = (path: Path): string => JSON.stringify(path);

export function getAt(root: Json, path: Path): Json {
  let v = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = v[p as keyof typeof v];
  }
  return v;
}

/** A copy of `root` with `value` at `path` (undefined removes an object key); the parts on the way are copied. */
export function setAt(root: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...Path];
  const container = root !== null && typeof root === 'object' ? root : typeof head === 'number' ? [] : {};
  const copy = Array.isArray(container) ? [...container] : { ...container };
  const next = setAt((container as Json)[head], rest, value);
  if (next === undefined && !Array.isArray(copy)) delete (copy as Record<string, unknown>)[head as string];
  else (copy as Json)[head] = next;
  return copy;
}

export const startsWith = (path: Path, prefix: Path): boolean =>
  prefix.length <= path.length && prefix.every((p, i) => p === path[i]);
