/**
 * Two of pdfmake's and pdfkit's busiest functions, rewritten to do the same with less garbage. Each replaces a
 * method of the library's class by one that returns what the original returns for every input; the output of a
 * render is byte for byte the same (tests/render-*.test.ts, bench).
 *
 * - pdfmake looks up about twenty style properties for every piece of text, each through two new closures and a
 *   walk of the style stack (StyleContextStack.getStyleProperty, getProperty); a named style's value of a
 *   property is looked up once per document.
 * - pdfkit turns every drawing operator it writes into a Buffer of its own (PDFReference.write); the text of a
 *   content stream is kept as a string here and turned into one Buffer when the stream is finished.
 */
import { createRequire } from 'node:module';

type StyleDictionary = Record<string, (Record<string, unknown> & { extends?: string | string[] }) | undefined>;

interface StyleStack {
  styleDictionary: StyleDictionary;
  defaultStyle?: Record<string, unknown>;
  styleOverrides?: unknown[];
  autopush(item: unknown): number;
  pop(count?: number): void;
  getProperty(property: string): unknown;
}

interface StyleStackClass {
  prototype: StyleStack;
  getStyleProperty(
    item: Record<string, unknown>,
    stack: StyleStack | undefined,
    property: string,
    fallback: unknown,
  ): unknown;
}

interface Reference {
  data: { Length?: number; Filter?: string };
  compress: boolean;
  uncompressedLength: number;
  buffer: Uint8Array[];
  /** Operators written since the last Buffer (this module's). */
  pendingText?: string;
  write(chunk: unknown): void;
  finalize(): void;
}

const isValue = (v: unknown): boolean => v !== undefined && v !== null;
const isString = (v: unknown): v is string => typeof v === 'string' || v instanceof String;

/** A property of a named style or of the styles it extends (pdfmake's own walk). */
function fromNamedStyle(dictionary: StyleDictionary, name: string, property: string, visited: Set<string>): unknown {
  if (visited.has(name)) return undefined;
  visited.add(name);
  const style = dictionary[name];
  if (!style) return undefined;
  if (isValue(style[property])) return style[property];
  if (style.extends) {
    const parents = Array.isArray(style.extends) ? style.extends : [style.extends];
    for (let i = parents.length - 1; i >= 0; i--) {
      const value = fromNamedStyle(dictionary, parents[i] as string, property, visited);
      if (isValue(value)) return value;
    }
  }
  return undefined;
}

/** Named-style lookups by dictionary (a document's styles, which pdfmake never changes while rendering). */
const namedStyleValues = new WeakMap<StyleDictionary, Map<string, unknown>>();

function namedStyleValue(dictionary: StyleDictionary, name: string, property: string): unknown {
  let values = namedStyleValues.get(dictionary);
  if (values === undefined) {
    values = new Map();
    namedStyleValues.set(dictionary, values);
  }
  const key = `${name}\u0000${property}`;
  if (values.has(key)) return values.get(key);
  const value = fromNamedStyle(dictionary, name, property, new Set());
  values.set(key, value);
  return value;
}

function styleLookups(StyleContextStack: StyleStackClass): void {
  StyleContextStack.prototype.getProperty = function (this: StyleStack, property: string): unknown {
    const overrides = this.styleOverrides;
    if (overrides) {
      for (let i = overrides.length - 1; i >= 0; i--) {
        const item = overrides[i];
        if (isString(item)) {
          const value = namedStyleValue(this.styleDictionary, String(item), property);
          if (isValue(value)) return value;
        } else {
          const value = (item as Record<string, unknown>)[property];
          if (isValue(value)) return value;
        }
      }
    }
    return this.defaultStyle?.[property];
  };
  StyleContextStack.getStyleProperty = (item, stack, property, fallback) => {
    if (isValue(item[property])) return item[property];
    if (!stack) return fallback;
    const pushed = stack.autopush(item);
    const value = stack.getProperty(property);
    if (pushed > 0) stack.pop(pushed);
    return isValue(value) ? value : fallback;
  };
}

function contentWrites(PDFReference: { prototype: Reference }): void {
  const flush = (ref: Reference) => {
    if (ref.pendingText !== undefined) {
      ref.buffer.push(Buffer.from(ref.pendingText, 'binary'));
      ref.pendingText = undefined;
    }
  };
  const write = PDFReference.prototype.write;
  const finalize = PDFReference.prototype.finalize;
  PDFReference.prototype.write = function (this: Reference, chunk: unknown): void {
    if (chunk instanceof Uint8Array) {
      flush(this);
      write.call(this, chunk);
      return;
    }
    const text = `${chunk}\n`;
    // The original's bookkeeping, for `text` as the Buffer it would have made (one byte per character).
    this.pendingText = this.pendingText === undefined ? text : this.pendingText + text;
    this.uncompressedLength += text.length;
    if (this.data.Length == null) this.data.Length = 0;
    this.data.Length += text.length;
    if (this.compress) this.data.Filter = 'FlateDecode';
  };
  PDFReference.prototype.finalize = function (this: Reference): void {
    flush(this);
    finalize.call(this);
  };
}

let done = false;

/** Installs both, once; `pdfmakeEntry` and `pdfkitEntry` are the resolved main files of the two packages. */
export function speedUpHotPaths(pdfmakeEntry: string, pdfkitEntry: string): void {
  if (done) return;
  done = true;
  const fromPdfmake = createRequire(pdfmakeEntry);
  styleLookups(fromPdfmake('./StyleContextStack.js').default as StyleStackClass);
  const PDFDocument = createRequire(pdfkitEntry)(pdfkitEntry) as new (options: object) => { ref(): object };
  // pdfkit does not export its reference class: a throwaway document hands one out.
  const reference = new PDFDocument({ autoFirstPage: false }).ref();
  contentWrites(reference.constructor as { prototype: Reference });
}
