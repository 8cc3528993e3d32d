/**
 * Reads an application file as text and parses it as strict JSON while keeping where every value
 * stands, so that each problem can be reported with its line and column.
 */
import { readFileSync, statSync } from 'node:fs';
import {
  createScanner,
  findNodeAtLocation,
  getNodePath,
  type Node,
  type ParseError,
  parseTree,
  printParseErrorCode,
  SyntaxKind,
} from 'jsonc-parser';
import type { Diagnostic, JsonPath } from '../diagnostics/diagnostic.ts';

/** Larger files are not applications: refuse them before parsing. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface SourcePosition {
  line: number;
  column: number;
}

export interface JsonSource {
  text: string;
  /** The parsed value, when the text is valid JSON. */
  value?: unknown;
  root?: Node;
  /** Problems with the file itself (missing, empty, binary, syntax…). */
  problems: (Diagnostic & { position?: SourcePosition })[];
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function positionAt(text: string, offset: number, starts = lineStarts(text)): SourcePosition {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
}

/**
 * No application nests deeper than a dozen levels. The parsers recurse, so a file nested thousands of levels deep
 * would overflow the stack: such depth is refused before parsing.
 */
export const MAX_DEPTH = 100;

/** Offset of the first bracket deeper than MAX_DEPTH, found with the tokenizer (which does not recurse). */
function tooDeep(text: string): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let t = scanner.scan(); t !== SyntaxKind.EOF; t = scanner.scan()) {
    if (t === SyntaxKind.OpenBraceToken || t === SyntaxKind.OpenBracketToken) {
      if (++depth > MAX_DEPTH) return scanner.getTokenOffset();
    } else if (t === SyntaxKind.CloseBraceToken || t === SyntaxKind.CloseBracketToken) depth--;
  }
  return undefined;
}

/** Parses JSON text; syntax errors become diagnostics with positions. */
export function parseJsonText(text: string): JsonSource {
  const problems: JsonSource['problems'] = [];
  let body = text;
  if (body.charCodeAt(0) === 0xfeff) {
    // Notepad and some Windows tools write a byte-order mark; it carries no meaning in UTF-8.
    body = body.slice(1);
    problems.push({ severity: 'warning', path: [], key: 'file.bom', position: { line: 1, column: 1 } });
  }
  if (body.trim() === '') {
    problems.push({ severity: 'error', path: [], key: 'file.empty', position: { line: 1, column: 1 } });
    return { text: body, problems };
  }
  if (body.includes('\u0000')) {
    problems.push({ severity: 'error', path: [], key: 'file.binary' });
    return { text: body, problems };
  }
  const deep = tooDeep(body);
  if (deep !== undefined) {
    problems.push({
      severity: 'error',
      path: [],
      key: 'json.tooDeep',
      params: { max: MAX_DEPTH },
      position: positionAt(body, deep),
    });
    return { text: body, problems };
  }
  const errors: ParseError[] = [];
  const root = parseTree(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !root) {
    const starts = lineStarts(body);
    // After the first error the parser's view is a guess: later errors mostly echo the first.
    const e = errors[0];
    if (e)
      problems.push({
        severity: 'error',
        path: [],
        key: `json.${printParseErrorCode(e.error)}`,
        position: positionAt(body, e.offset, starts),
      });
    else problems.push({ severity: 'error', path: [], key: 'json.ValueExpected' });
    return { text: body, problems };
  }
  for (const dup of duplicateKeys(root)) {
    problems.push({
      severity: 'error',
      path: dup.path,
      key: 'json.duplicateKey',
      params: { key: dup.key },
      position: positionAt(body, dup.offset),
    });
  }
  return { text: body, value: JSON.parse(body), root, problems };
}

/** JSON.parse keeps the last of two equal keys silently; a person almost always meant something else. */
function duplicateKeys(root: Node): { path: JsonPath; key: string; offset: number }[] {
  const found: { path: JsonPath; key: string; offset: number }[] = [];
  const walk = (node: Node) => {
    if (node.type === 'object') {
      const seen = new Set<string>();
      for (const prop of node.children ?? []) {
        const keyNode = prop.children?.[0];
        if (keyNode && typeof keyNode.value === 'string') {
          if (seen.has(keyNode.value))
            found.push({ path: getNodePath(prop), key: keyNode.value, offset: keyNode.offset });
          seen.add(keyNode.value);
        }
      }
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(root);
  return found;
}

/** Reads a file; every way it can fail becomes one diagnostic instead of an exception. */
export function readJsonFile(file: string): JsonSource {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) return { text: '', problems: [{ severity: 'error', path: [], key: 'file.isDirectory' }] };
    size = st.size;
  } catch {
    return { text: '', problems: [{ severity: 'error', path: [], key: 'file.missing' }] };
  }
  if (size > MAX_FILE_BYTES)
    return {
      text: '',
      problems: [{ severity: 'error', path: [], key: 'file.tooLarge', params: { mb: Math.round(size / 1048576) } }],
    };
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return { text: '', problems: [{ severity: 'error', path: [], key: 'file.unreadable' }] };
  }
  if (buf.includes(0)) return { text: '', problems: [{ severity: 'error', path: [], key: 'file.binary' }] };
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(buf);
  if (text.includes('\uFFFD') && !buf.toString('latin1').includes('\uFFFD'))
    return { text: '', problems: [{ severity: 'error', path: [], key: 'file.notUtf8' }] };
  return parseJsonText(text);
}

/**
 * Where a JSON path stands in the text: the value itself, or for a missing key its parent object;
 * with `key`, the property's key (for unknown keys).
 */
export function locate(source: JsonSource, path: JsonPath, onKey = false): SourcePosition | undefined {
  if (!source.root) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(source.root, path.slice(0, n));
    if (!node) continue;
    const target = onKey && n === path.length && node.parent?.type === 'property' ? node.parent : node;
    return positionAt(source.text, target.offset);
  }
  return undefined;
}
