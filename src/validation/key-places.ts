/**
 * Where an unknown field was meant to go. The whole model is searched by path, so a field put in the wrong object
 * is pointed to its place (`project.tasks` → `project.basics.tasks`), a shortened name to the field that ends with
 * it (`months` in the calendar → `durationMonths`), and a name glued from two levels to the nested field
 * (`indicatorsLong` → `indicators.longTerm`). Fields the tool computes itself are named as such.
 */
import { distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import type { Diagnostic, JsonPath } from '../diagnostics/diagnostic.ts';

type AnySchema = z.ZodType;
type Def = Record<string, any>;
/** A schema's definition, through zod's public `def`. */
const defOf = (s: AnySchema): Def => s.def as unknown as Def;

/** A field of the model: its path (`[]` for list items) and what it takes. */
interface Place {
  path: string[];
  schema: AnySchema;
}

/** Unwraps optional, default and the like: the schema that judges a present value. */
function inner(s: AnySchema): AnySchema {
  let cur = s;
  for (;;) {
    const def = defOf(cur);
    if (['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional'].includes(def.type))
      cur = def.innerType;
    else if (def.type === 'pipe') cur = def.in;
    else if (def.type === 'lazy') cur = def.getter();
    else return cur;
  }
}

/** The object shapes a schema may be (through unions). */
function objectShapes(s: AnySchema): Record<string, AnySchema>[] {
  const def = defOf(inner(s));
  if (def.type === 'object') return [def.shape];
  if (def.type === 'union') return (def.options as AnySchema[]).flatMap(objectShapes);
  return [];
}

/** JSON kinds a schema accepts: 'string', 'number', 'boolean', 'array', 'object', 'null'. */
function kindsOf(s: AnySchema): Set<string> {
  const def = defOf(inner(s));
  switch (def.type) {
    case 'union':
      return new Set((def.options as AnySchema[]).flatMap((o) => [...kindsOf(o)]));
    case 'enum':
      return new Set(Object.values(def.entries as Record<string, unknown>).map((v) => typeof v));
    case 'literal':
      return new Set((def.values as unknown[]).map((v) => typeof v));
    case 'int':
      return new Set(['number']);
    default:
      return new Set([def.type as string]);
  }
}

const kindOfValue = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

const cache = new WeakMap<object, Place[]>();

/** Every field of the model, breadth first (so nearer places come first). */
function allPlaces(root: AnySchema): Place[] {
  const hit = cache.get(root);
  if (hit) return hit;
  const out: Place[] = [];
  const queue: { schema: AnySchema; path: string[] }[] = [{ schema: root, path: [] }];
  while (queue.length > 0) {
    const { schema, path } = queue.shift()!;
    const s = inner(schema);
    const def = defOf(s);
    if (def.type === 'array') {
      queue.push({ schema: def.element, path: [...path, '[]'] });
      continue;
    }
    if (def.type === 'union') {
      for (const o of def.options as AnySchema[]) queue.push({ schema: o, path });
      continue;
    }
    // The model has no cycles; the depth limit only guards against a future recursive schema.
    if (def.type !== 'object' || path.length > 16) continue;
    for (const [key, child] of Object.entries(def.shape as Record<string, AnySchema>)) {
      out.push({ path: [...path, key], schema: child });
      queue.push({ schema: child, path: [...path, key] });
    }
  }
  cache.set(root, out);
  return out;
}

/** The data path as a pattern: list indexes become `[]`. */
const pattern = (path: JsonPath): string[] => path.map((p) => (typeof p === 'number' ? '[]' : p));

/** `project.calendar.activities[].months` as people read it. */
export function placeText(path: string[]): string {
  return path.reduce((s, p) => (p === '[]' ? `${s}[…]` : s === '' ? p : `${s}.${p}`), '');
}

const commonPrefix = (a: string[], b: string[]) => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
};

/**
 * Fields the tool computes: writing them is an error that says so (key: the parent's pattern and the field).
 * The message names what the value is computed from.
 */
const COMPUTED: Record<string, string> = {
  'applicant.labour.total': 'computed.labourTotal',
  'estimate.total': 'computed.estimateTotal',
};
/** A `total` written in any line or group of the estimate: the lines make it. */
const COMPUTED_IN_ESTIMATE = new Set(['total', 'grant', 'sum']);

/**
 * A diagnostic for an unknown key at `path` (the object's path) whose value is `value`, or undefined when the
 * model has no better idea than the sibling keys (the caller's «did you mean»).
 */
export function unknownKeyDiagnostic(
  root: AnySchema,
  path: JsonPath,
  key: string,
  value: unknown,
): Diagnostic | undefined {
  const at = pattern(path);
  const where = [...path, key];
  // Own keys only: a field named «constructor» is not Object.prototype's.
  const place = [...at, key].join('.');
  const computed = Object.hasOwn(COMPUTED, place) ? COMPUTED[place] : undefined;
  if (computed) return { severity: 'error', path: where, key: computed, params: { key } };
  if (at[0] === 'estimate' && COMPUTED_IN_ESTIMATE.has(key))
    return { severity: 'error', path: where, key: 'computed.estimateLine', params: { key } };

  const places = allPlaces(root);
  const here = places.filter((p) => p.path.length === at.length + 1 && commonPrefix(p.path, at) === at.length);
  const siblings = here.map((p) => p.path.at(-1)!).filter((k) => !k.startsWith('$'));
  const lower = key.toLowerCase();
  const hint = (h: string): Diagnostic => ({
    severity: 'error',
    path: where,
    key: 'schema.unknownKeyHint',
    params: { key, hint: h, known: siblings.join(', ') },
  });

  // A slip of one letter or of case beside the right field.
  const near = siblings.find((s) => distance(lower, s.toLowerCase()) <= 1);
  if (near) return hint(near);

  // A shortened name: the sibling that ends or starts with it (`months` → `durationMonths`, `name` → `fullName`).
  if (lower.length >= 4) {
    const part = siblings.find((s) => s.toLowerCase().endsWith(lower) || s.toLowerCase().startsWith(lower));
    if (part) return hint(part);
  }

  // The same field in another object, where the value fits: the nearest such place.
  const kind = kindOfValue(value);
  const elsewhere = places
    .filter((p) => p.path.at(-1) === key && (value === undefined || kindsOf(p.schema).has(kind)))
    .sort((a, b) => commonPrefix(b.path, at) - commonPrefix(a.path, at) || a.path.length - b.path.length)[0];
  if (elsewhere)
    return {
      severity: 'error',
      path: where,
      key: 'schema.misplacedKey',
      params: { key, place: placeText(elsewhere.path) },
    };

  // Two levels glued together: `indicatorsLong` → `indicators.longTerm`.
  for (const s of siblings) {
    if (!lower.startsWith(s.toLowerCase()) || lower === s.toLowerCase()) continue;
    const rest = lower.slice(s.length);
    const child = places.find(
      (p) =>
        p.path.length === at.length + 2 &&
        commonPrefix(p.path, [...at, s]) === at.length + 1 &&
        p.path.at(-1)!.toLowerCase().startsWith(rest),
    );
    if (child) return hint(`${s}.${child.path.at(-1)}`);
  }
  return undefined;
}

/** The object shapes at a path pattern (`[]` steps into list items). */
function shapesAt(root: AnySchema, at: string[]): Record<string, AnySchema>[] {
  let current: AnySchema[] = [root];
  for (const step of at) {
    current = current.flatMap((s) => {
      const def = defOf(inner(s));
      const options = def.type === 'union' ? (def.options as AnySchema[]).map(inner) : [inner(s)];
      return options.flatMap((o) => {
        const d = defOf(o);
        if (step === '[]') return d.type === 'array' ? [d.element as AnySchema] : [];
        return d.type === 'object' && d.shape[step] ? [d.shape[step] as AnySchema] : [];
      });
    });
  }
  return current.flatMap(objectShapes);
}

/** Whether the field at `path` (a data path) may be left out: then `null` there means «not given». */
export function isOptionalField(root: AnySchema, path: JsonPath): boolean | undefined {
  if (path.length === 0) return undefined;
  const key = String(path.at(-1));
  const fields = shapesAt(root, pattern(path.slice(0, -1)))
    .map((s) => s[key])
    .filter((s): s is AnySchema => s !== undefined);
  if (fields.length === 0) return undefined;
  return fields.some((s) => ['optional', 'default', 'prefault'].includes(defOf(s).type));
}
