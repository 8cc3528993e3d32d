/**
 * Reads an application file as text and parses it as strict JSON while keeping where every value
 * stands, so that each problem can be reported with its line and column.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
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
  /** Offsets where each line starts (LF, CRLF and CR end a line), computed once per text. */
  lineStarts?: number[];
  /** The parsed value, when the text is valid JSON. */
  value?: unknown;
  root?: Node;
  /** Problems with the file itself (missing, empty, binary, syntax…). */
  problems: (Diagnostic & { position?: SourcePosition })[];
}

/** Where each line starts: a line ends at LF, CRLF or a lone CR (old Mac editors), as editors count them. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
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
export function tooDeep(text: string): number | undefined {
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
  // One line index per text: every position of every problem is a binary search in it.
  const starts = lineStarts(body);
  const deep = tooDeep(body);
  if (deep !== undefined) {
    problems.push({
      severity: 'error',
      path: [],
      key: 'json.tooDeep',
      params: { max: MAX_DEPTH },
      position: positionAt(body, deep, starts),
    });
    return { text: body, lineStarts: starts, problems };
  }
  const errors: ParseError[] = [];
  const root = parseTree(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !root) {
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
    return { text: body, lineStarts: starts, problems };
  }
  for (const { offset, ...p } of treeProblems(root))
    problems.push({ ...p, position: positionAt(body, offset, starts) });
  if (problems.some((p) => p.severity === 'error')) return { text: body, lineStarts: starts, root, problems };
  return { text: body, lineStarts: starts, value: JSON.parse(body), root, problems };
}

/**
 * What the parsers let through silently: JSON.parse keeps the last of two equal keys (a person almost always
 * meant something else) and reads a number too large for a double (1e309) as Infinity.
 */
function treeProblems(root: Node): (Diagnostic & { offset: number })[] {
  const found: (Diagnostic & { offset: number })[] = [];
  const walk = (node: Node) => {
    if (node.type === 'object') {
      const seen = new Set<string>();
      for (const prop of node.children ?? []) {
        const keyNode = prop.children?.[0];
        if (keyNode && typeof keyNode.value === 'string') {
          if (seen.has(keyNode.value))
            found.push({
              severity: 'error',
              path: getNodePath(prop),
              key: 'json.duplicateKey',
              params: { key: keyNode.value },
              offset: keyNode.offset,
            });
          seen.add(keyNode.value);
        }
      }
    } else if (node.type === 'number' && !Number.isFinite(node.value)) {
      found.push({ severity: 'error', path: getNodePath(node), key: 'json.numberTooLarge', offset: node.offset });
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(root);
  return found;
}

/**
 * The value of a parsed tree with every key an own property: `{ "__proto__": … }` stays a key like any other
 * (jsonc-parser's own conversion assigns it, which replaces the object's prototype). Depth is bounded by MAX_DEPTH.
 */
export function treeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k && v)
          Object.defineProperty(out, String(k.value), {
            value: treeValue(v),
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(treeValue);
    default:
      return node.value;
  }
}

const fileProblem = (key: string, params?: Diagnostic['params']): JsonSource => ({
  text: '',
  problems: [{ severity: 'error', path: [], key, ...(params ? { params } : {}) }],
});

/**
 * The bytes of a regular file, at most `maxBytes` of them. A FIFO, a device (`/dev/zero`) or a file that grows
 * while it is read is refused without reading it whole: the limit holds while reading, not only by its size.
 */
export function readRegularFile(
  file: string,
  maxBytes: number,
):
  | { bytes: Buffer }
  | { problem: 'missing' | 'isDirectory' | 'notRegular' | 'unreadable' | 'tooLarge'; size?: number } {
  let fd: number;
  try {
    // Non-blocking: opening a FIFO with no writer would wait forever.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { problem: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable' };
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { problem: 'isDirectory' };
    if (!st.isFile()) return { problem: 'notRegular' };
    if (st.size > maxBytes) return { problem: 'tooLarge', size: st.size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) return { problem: 'tooLarge', size: total };
    }
    return { bytes: Buffer.concat(chunks, total) };
  } catch {
    return { problem: 'unreadable' };
  } finally {
    closeSync(fd);
  }
}

/** Bytes as UTF-8 text; undefined when they are not UTF-8 (a literal U+FFFD typed in the file is fine). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Reads a file; every way it can fail becomes one diagnostic instead of an exception. */
export function readJsonFile(file: string): JsonSource {
  const read = readRegularFile(file, MAX_FILE_BYTES);
  if ('problem' in read)
    return read.problem === 'tooLarge'
      ? // Every refused file is above 10 MB: its size never reads as «10 MB».
        fileProblem('file.tooLarge', { mb: Math.max(11, Math.round((read.size ?? 0) / 1048576)) })
      : fileProblem(`file.${read.problem}`);
  if (read.bytes.includes(0)) return fileProblem('file.binary');
  const text = decodeUtf8(read.bytes);
  if (text === undefined) return fileProblem('file.notUtf8');
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
    source.lineStarts ??= lineStarts(source.text);
    return positionAt(source.text, target.offset, source.lineStarts);
  }
  return undefined;
}
