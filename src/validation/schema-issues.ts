/** Turns zod issues into diagnostics: one per problem, with the deepest useful path and a message key. */
import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import type { Diagnostic, JsonPath } from './diagnostic.ts';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

/** The object keys a schema accepts at a path (through unions, optionals, defaults, arrays). */
export function knownKeysAt(schema: AnySchema, path: JsonPath): string[] {
  const keys = new Set<string>();
  const visit = (s: AnySchema, rest: JsonPath) => {
    const def = s._zod.def as unknown as Record<string, any>;
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
          for (const k of Object.keys(def.shape)) keys.add(k);
          return;
        }
        const [head, ...tail] = rest;
        const child = def.shape[head as string];
        if (child) visit(child, tail);
        return;
      }
      default:
        return;
    }
  };
  visit(schema, path);
  return [...keys];
}

function suggestion(key: string, known: string[]): string | undefined {
  const candidates = known.filter((k) => !k.startsWith('$'));
  if (candidates.length === 0) return undefined;
  const best = closest(key, candidates);
  // A suggestion that needs more edits than a third of the word is noise.
  return distance(key.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.ceil(best.length / 3)) ? best : undefined;
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
function unionBranch(issue: Extract<Issue, { code: 'invalid_union' }>): Issue[] | undefined {
  const branches = (issue.errors ?? []).filter(
    (errs) => !errs.some((e) => e.path.length === 0 && (e.code === 'invalid_type' || e.code === 'invalid_union')),
  );
  return branches.length === 1 ? branches[0] : undefined;
}

export function issuesToDiagnostics(issues: readonly Issue[], schema: AnySchema, base: JsonPath = []): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as JsonPath)];
    const input = (issue as { input?: unknown }).input;
    const msg = issue.message;
    const custom = msg.includes('.') || msg.startsWith('expected:') ? msg : undefined;
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = knownKeysAt(schema, path);
        for (const key of issue.keys) {
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
        if (branch && input !== undefined) out.push(...issuesToDiagnostics(branch, schema, path));
        else if (input === undefined) out.push({ severity: 'error', path, key: 'schema.required' });
        else
          out.push({ severity: 'error', path, key: custom ?? 'schema.invalid', params: { got: describeInput(input) } });
        break;
      }
      case 'invalid_type':
        if (input === undefined) out.push({ severity: 'error', path, key: 'schema.required' });
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
            custom ??
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
          key: custom ?? (issue.code === 'not_multiple_of' ? 'schema.integer' : 'schema.invalid'),
          params: { got: describeInput(input) },
        });
    }
  }
  return out;
}
