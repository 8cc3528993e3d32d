/** Turns zod issues into diagnostics: one per problem, with the deepest useful path and a message key. */
import type { z } from 'zod';
import type { Diagnostic, JsonPath } from '../diagnostics/diagnostic.ts';
import { didYouMean } from '../diagnostics/did-you-mean.ts';
import { isOptionalField, unknownKeyDiagnostic } from './key-places.ts';

type Issue = z.core.$ZodIssue;
/** A schema of the model (zod's classic API: its definition is the public `def`). */
type AnySchema = z.ZodType;

type ObjectSchema = AnySchema & {
  def: { shape: Record<string, AnySchema> };
  safeParse(value: unknown, params: { reportInput: boolean }): { success: boolean; error?: { issues: Issue[] } };
};

/** The object schemas that may stand at a path (through unions, optionals, defaults, arrays). */
function objectSchemasAt(schema: AnySchema, path: JsonPath): ObjectSchema[] {
  const found: ObjectSchema[] = [];
  const visit = (s: AnySchema, rest: JsonPath) => {
    const def = s.def as unknown as Record<string, any>;
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'catch':
      case 'readonly':
      case 'nonoptional':
        return visit(def.innerType, rest);
      case 'pipe':
        return visit(def.in, rest);
      case 'lazy':
        return visit(def.getter(), rest);
      case 'union':
        for (const o of def.options) visit(o, rest);
        return;
      case 'array':
        if (rest.length > 0 && typeof rest[0] === 'number') visit(def.element, rest.slice(1));
        return;
      case 'object': {
        if (rest.length === 0) {
          found.push(s as ObjectSchema);
          return;
        }
        const [head, ...tail] = rest;
        // Own keys only: a user's key «constructor» or «__proto__» must not find Object.prototype's members.
        if (typeof head === 'string' && Object.hasOwn(def.shape, head)) visit(def.shape[head], tail);
        return;
      }
      default:
        return;
    }
  };
  visit(schema, path);
  return found;
}

/** The object keys a schema accepts at a path (through unions, optionals, defaults, arrays). */
export function knownKeysAt(schema: AnySchema, path: JsonPath): string[] {
  return [...new Set(objectSchemasAt(schema, path).flatMap((o) => Object.keys(o.def.shape)))];
}

/**
 * zod settles a union on the one branch that failed softly (an unknown key) even when the value is meant for
 * another branch that failed hard inside: a list `{ "ul": [ …, 42 ] }` reads as a text with the unknown key «ul».
 * When another object shape of the union takes every key of the value, its issues are the real ones.
 */
function issuesOfFittingShape(schema: AnySchema, path: JsonPath, input: unknown): Issue[] | undefined {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const keys = Object.keys(input);
  const fitting = objectSchemasAt(schema, path).filter((o) => keys.every((k) => Object.hasOwn(o.def.shape, k)));
  if (fitting.length !== 1) return undefined;
  const result = fitting[0]!.safeParse(input, { reportInput: true });
  return result.success ? undefined : result.error?.issues;
}

function suggestion(key: string, known: string[]): string | undefined {
  return didYouMean(
    key,
    known.filter((k) => !k.startsWith('$')),
  );
}

function describeInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

/**
 * For a failed union, the branch that got furthest tells the real problem: when a value is an
 * object like `{ "ru": …, "kz": … }`, the object branch's «unknown key kz» says more than «expected text».
 */
/** A number where a whole number is expected: the type is right, the value is not. */
const wholeNumberExpected = (e: Issue) =>
  e.code === 'invalid_type' && e.expected === 'int' && typeof (e as { input?: unknown }).input === 'number';

/**
 * Issues that say a union's branch does not fit the value at all (a unit text is not a code of the list); a
 * fraction where a count is expected is the count branch's problem, not a mismatch.
 */
const rootMismatch = (e: Issue) =>
  e.path.length === 0 &&
  (e.code === 'invalid_union' || e.code === 'invalid_value' || (e.code === 'invalid_type' && !wholeNumberExpected(e)));

function unionBranch(issue: Extract<Issue, { code: 'invalid_union' }>): Issue[] | undefined {
  const branches = (issue.errors ?? []).map(throughNestedUnion).filter((errs) => !errs.some(rootMismatch));
  if (branches.length <= 1) return branches[0];
  // Several object shapes: the one that took every key of the value is the one meant (a paragraph
  // `{ "ru", "kk" }` with a bad character is not a list `{ "ul" }`)…
  const keyed = branches.filter((errs) => !errs.some((e) => e.path.length === 0 && e.code === 'unrecognized_keys'));
  if (keyed.length === 1) return keyed[0];
  // …else the one with the fewest problems, when there is one.
  const fewest = Math.min(...branches.map((b) => b.length));
  const best = branches.filter((b) => b.length === fewest);
  return best.length === 1 ? best[0] : undefined;
}

/** A branch that failed as a whole in a union of its own (text inside a rich-text block): that union's telling branch. */
function throughNestedUnion(errs: Issue[]): Issue[] {
  const only = errs.length === 1 ? errs[0] : undefined;
  if (only?.code === 'invalid_union' && only.path.length === 0) return unionBranch(only) ?? errs;
  return errs;
}

export function issuesToDiagnostics(issues: readonly Issue[], schema: AnySchema, base: JsonPath = []): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Values that zod judged by the wrong branch of a union: their issues from that branch are replaced.
  const rejudged = new Map<string, Diagnostic[]>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = [...base, ...(issue.path as JsonPath)];
    const better = issuesOfFittingShape(schema, path, (issue as { input?: unknown }).input);
    if (better) rejudged.set(JSON.stringify(path), issuesToDiagnostics(better, schema, path));
  }
  for (const issue of issues) {
    const path = [...base, ...(issue.path as JsonPath)];
    const replacement = rejudged.get(JSON.stringify(path));
    if (replacement) {
      // One by one: a spread of a huge list of problems would exceed the argument-count limit.
      for (const d of replacement.splice(0)) out.push(d);
      continue;
    }
    const input = (issue as { input?: unknown }).input;
    // `null` for a field: «not given» is said by leaving the field out.
    const optional = input === null ? isOptionalField(schema, path) : undefined;
    if (optional !== undefined) {
      out.push({ severity: 'error', path, key: optional ? 'schema.nullOptional' : 'schema.nullRequired' });
      continue;
    }
    const msg = issue.message;
    const custom = msg.includes('.') || msg.startsWith('expected:') ? msg : undefined;
    // A schema's `expected:…` message names its type; it is wrong for a value of that type out of range.
    const refinement = custom?.startsWith('expected:') ? undefined : custom;
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = knownKeysAt(schema, path);
        for (const key of issue.keys) {
          const value = input && typeof input === 'object' ? (input as Record<string, unknown>)[key] : undefined;
          const placed = unknownKeyDiagnostic(schema, path, key, value);
          if (placed) {
            out.push(placed);
            continue;
          }
          const hint = suggestion(key, known);
          out.push({
            severity: 'error',
            path: [...path, key],
            key: hint ? 'schema.unknownKeyHint' : 'schema.unknownKey',
            params: { key, hint: hint ?? '', known: known.join(', ') },
          });
        }
        break;
      }
      case 'invalid_union': {
        const branch = unionBranch(issue);
        if (branch && input !== undefined) for (const d of issuesToDiagnostics(branch, schema, path)) out.push(d);
        else if (input === undefined) out.push({ severity: 'error', path, key: 'schema.required' });
        else
          out.push({ severity: 'error', path, key: custom ?? 'schema.invalid', params: { got: describeInput(input) } });
        break;
      }
      case 'invalid_type':
        if (input === undefined) out.push({ severity: 'error', path, key: 'schema.required' });
        else if (wholeNumberExpected(issue))
          out.push({ severity: 'error', path, key: 'schema.integer', params: { got: String(input) } });
        else
          out.push({
            severity: 'error',
            path,
            key: custom ?? `expected:${issue.expected}`,
            params: { got: describeInput(input) },
          });
        break;
      case 'too_small':
      case 'too_big': {
        const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
        const inclusive = issue.inclusive !== false;
        out.push({
          severity: 'error',
          path,
          key:
            refinement ??
            `schema.${issue.code}.${issue.origin === 'array' ? 'array' : issue.origin === 'string' ? 'string' : 'number'}${inclusive ? '' : '.exclusive'}`,
          params: { limit: String(limit) },
        });
        break;
      }
      case 'invalid_value':
        out.push({
          severity: 'error',
          path,
          key: 'schema.oneOf',
          params: { values: issue.values.map((v) => JSON.stringify(v)).join(', '), got: JSON.stringify(input) ?? '' },
        });
        break;
      case 'custom':
        out.push({
          severity: 'error',
          path,
          key: custom ?? 'schema.invalid',
          params: (issue.params as Record<string, string | number>) ?? {},
        });
        break;
      default:
        out.push({
          severity: 'error',
          path,
          key: refinement ?? (issue.code === 'not_multiple_of' ? 'schema.integer' : 'schema.invalid'),
          params: { got: describeInput(input) },
        });
    }
  }
  return out;
}
