/**
 * Writes a new version of the application into the text of the file with the smallest edits (jsonc-parser
 * `modify`): keys keep their order, untouched parts keep their layout, so the file diffs cleanly in git.
 */
import { applyEdits, type FormattingOptions, type JSONPath, modify, parse } from 'jsonc-parser';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Change {
  path: JSONPath;
  /** undefined: remove the value at `path`. */
  value: unknown;
  insert?: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** The changes that turn `from` into `to`, in an order in which they can be applied one after the other. */
function changes(from: unknown, to: unknown, path: JSONPath, out: Change[]): void {
  if (deepEqual(from, to)) return;
  if (isObject(from) && isObject(to)) {
    for (const k of Object.keys(from)) if (!Object.hasOwn(to, k)) out.push({ path: [...path, k], value: undefined });
    for (const [k, v] of Object.entries(to)) {
      if (Object.hasOwn(from, k)) changes(from[k], v, [...path, k], out);
      else out.push({ path: [...path, k], value: v });
    }
    return;
  }
  if (Array.isArray(from) && Array.isArray(to)) {
    if (from.length === to.length) {
      to.forEach((v, i) => {
        changes(from[i], v, [...path, i], out);
      });
      return;
    }
    // Rows added or deleted in one place: insert or remove just those.
    let head = 0;
    while (head < from.length && head < to.length && deepEqual(from[head], to[head])) head++;
    let tail = 0;
    while (
      tail < from.length - head &&
      tail < to.length - head &&
      deepEqual(from[from.length - 1 - tail], to[to.length - 1 - tail])
    )
      tail++;
    const removed = from.length - head - tail;
    const added = to.length - head - tail;
    if (removed === 0 && from.length > 0) {
      for (let i = 0; i < added; i++) out.push({ path: [...path, head + i], value: to[head + i], insert: true });
      return;
    }
    if (added === 0 && to.length > 0) {
      for (let i = removed - 1; i >= 0; i--) out.push({ path: [...path, head + i], value: undefined });
      return;
    }
  }
  out.push({ path, value: to });
}

/** Formatting of inserted values: that of the file (indent and line ends). */
function formattingOf(text: string): FormattingOptions {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return {
    insertSpaces: !indent.startsWith('\t'),
    tabSize: indent.startsWith('\t') ? 1 : indent.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}

/**
 * The file's text with `next` as its value. Falls back to a freshly formatted file only when the text cannot be
 * edited in place (it was not a JSON object), and checks that the result says exactly `next`.
 */
export function editJsonText(text: string, next: unknown): string {
  const before = parse(text, [], { allowTrailingComma: false, disallowComments: false });
  const fresh = `${JSON.stringify(next, null, 2)}\n`;
  if (!isObject(before) || !isObject(next)) return fresh;
  const list: Change[] = [];
  changes(before, next, [], list);
  const formattingOptions = formattingOf(text);
  let out = text;
  for (const c of list) {
    const edits = modify(out, c.path, c.value, { formattingOptions, isArrayInsertion: c.insert === true });
    out = applyEdits(out, edits);
  }
  return deepEqual(parse(out) as Json, next) ? out : fresh;
}
