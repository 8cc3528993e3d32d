/**
 * Three of pdfmake's and pdfkit's busiest functions, rewritten to do the same with less garbage. Each replaces a
 * method of the library's class by one that returns what the original returns for every input; the output of a
 * render is byte for byte the same (tests/render-*.test.ts, bench).
 *
 * - pdfmake looks up about twenty style properties for every piece of text, each through two new closures and a
 *   walk of the style stack (StyleContextStack.getStyleProperty, getProperty); a named style's value of a
 *   property is looked up once per document.
 * - pdfmake's TextInlines.measure reads 23 style properties of every piece of text, each with its own walk of the
 *   style stack; they are read in one walk.
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

/** The style properties pdfmake's TextInlines.measure reads for every piece of text, with its defaults. */
const TEXT_PROPERTIES: [string, unknown][] = [
  ['font', 'Roboto'],
  ['bold', false],
  ['italics', false],
  ['alignment', 'left'],
  ['fontSize', 12],
  ['fontFeatures', null],
  ['characterSpacing', 0],
  ['color', 'black'],
  ['decoration', null],
  ['decorationColor', null],
  ['decorationStyle', null],
  ['decorationThickness', null],
  ['background', null],
  ['link', null],
  ['linkToPage', null],
  ['linkToDestination', null],
  ['noWrap', null],
  ['opacity', 1],
  ['sup', false],
  ['sub', false],
  ['lineHeight', 1],
  ['preserveLeadingSpaces', false],
  ['preserveTrailingSpaces', false],
];

const TEXT_PROPERTY_NAMES = TEXT_PROPERTIES.map(([name]) => name);
/** Index of each of TEXT_PROPERTIES by name. */
const TEXT_PROPERTY_INDEX: Record<string, number> = Object.assign(
  Object.create(null),
  Object.fromEntries(TEXT_PROPERTY_NAMES.map((name, i) => [name, i])),
);

/**
 * What StyleContextStack.getStyleProperty gives for each of TEXT_PROPERTIES (by index), in one walk of the style
 * stack instead of one per property: the item's own value, else the first value down the stack (the item and its
 * styles pushed on top, as getStyleProperty does), else the default style's, else pdfmake's default. An object on
 * the stack is read by its own keys (a node has a few; most of the 23 are set nowhere).
 */
function textStyle(item: Record<string, unknown>, stack: StyleStack): unknown[] {
  const count = TEXT_PROPERTIES.length;
  const values: unknown[] = new Array(count);
  let missing = count;
  /** Takes the values of one stack entry for the properties not found yet. */
  const take = (entry: unknown): void => {
    if (isString(entry)) {
      for (let k = 0; k < count; k++) {
        if (values[k] !== undefined) continue;
        const value = namedStyleValue(stack.styleDictionary, String(entry), TEXT_PROPERTY_NAMES[k] as string);
        if (isValue(value)) {
          values[k] = value;
          missing--;
        }
      }
      return;
    }
    const object = entry as Record<string, unknown>;
    for (const key in object) {
      const k = TEXT_PROPERTY_INDEX[key];
      if (k === undefined || values[k] !== undefined) continue;
      const value = object[key];
      if (isValue(value)) {
        values[k] = value;
        missing--;
      }
    }
  };
  // The item first: it is on top of the stack once pushed, or not pushed at all (a section).
  take(item);
  const pushed = stack.autopush(item);
  const overrides = stack.styleOverrides ?? [];
  for (let i = overrides.length - 1; i >= 0 && missing > 0; i--) if (overrides[i] !== item) take(overrides[i]);
  if (pushed > 0) stack.pop(pushed);
  for (let k = 0; k < count && missing > 0; k++) {
    if (values[k] !== undefined) continue;
    const [property, fallback] = TEXT_PROPERTIES[k] as [string, unknown];
    const value = stack.defaultStyle?.[property];
    values[k] = isValue(value) ? value : fallback;
  }
  return values;
}

interface TextInlinesClass {
  prototype: {
    pdfDocument: { provideFont(font: unknown, bold: unknown, italics: unknown): { lineHeight(size: number): number } };
    widthOfText(text: string, inline: Record<string, unknown>): number;
    measure(array: Record<string, unknown>[], stack: StyleStack): Record<string, unknown>[];
  };
}

const at = (name: string): number => TEXT_PROPERTY_INDEX[name] as number;
const FONT = at('font');
const BOLD = at('bold');
const ITALICS = at('italics');
const LINE_HEIGHT = at('lineHeight');
const PRESERVE_LEADING = at('preserveLeadingSpaces');
const PRESERVE_TRAILING = at('preserveTrailingSpaces');

const LEADING = /^(\s)+/g;
const TRAILING = /(\s)+$/g;

/** pdfmake's TextInlines.measure (0.3.x) with the style of each piece of text looked up in one walk. */
function textMeasure(TextInlines: TextInlinesClass, StyleContextStack: StyleStackClass): void {
  TextInlines.prototype.measure = function (array, stack) {
    if (array.length) {
      const first = array[0] as Record<string, unknown>;
      const leadingIndent = StyleContextStack.getStyleProperty(first, stack, 'leadingIndent', 0) as number;
      if (leadingIndent) {
        first.leadingCut = -leadingIndent;
        first.leadingIndent = leadingIndent;
      }
    }
    for (const item of array) {
      const style = textStyle(item, stack);
      item.font = this.pdfDocument.provideFont(style[FONT], style[BOLD], style[ITALICS]);
      // Named stores, in pdfmake's order: every item gets the same shape.
      item.alignment = style[3];
      item.fontSize = style[4];
      item.fontFeatures = style[5];
      item.characterSpacing = style[6];
      item.color = style[7];
      item.decoration = style[8];
      item.decorationColor = style[9];
      item.decorationStyle = style[10];
      item.decorationThickness = style[11];
      item.background = style[12];
      item.link = style[13];
      item.linkToPage = style[14];
      item.linkToDestination = style[15];
      item.noWrap = style[16];
      item.opacity = style[17];
      item.sup = style[18];
      item.sub = style[19];
      if (item.sup || item.sub) item.fontSize = (item.fontSize as number) * 0.58;
      const lineHeight = style[LINE_HEIGHT] as number;
      item.width = this.widthOfText(item.text as string, item);
      item.height =
        (item.font as { lineHeight(size: number): number }).lineHeight(item.fontSize as number) * lineHeight;
      if (!item.leadingCut) item.leadingCut = 0;
      if (!style[PRESERVE_LEADING]) {
        const leadingSpaces = (item.text as string).match(LEADING);
        if (leadingSpaces) (item.leadingCut as number) += this.widthOfText(leadingSpaces[0], item);
      }
      item.trailingCut = 0;
      if (!style[PRESERVE_TRAILING]) {
        const trailingSpaces = (item.text as string).match(TRAILING);
        if (trailingSpaces) item.trailingCut = this.widthOfText(trailingSpaces[0], item);
      }
    }
    return array;
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

/** Installs them, once; `pdfmakeEntry` and `pdfkitEntry` are the resolved main files of the two packages. */
export function speedUpHotPaths(pdfmakeEntry: string, pdfkitEntry: string): void {
  if (done) return;
  done = true;
  const fromPdfmake = createRequire(pdfmakeEntry);
  const StyleContextStack = fromPdfmake('./StyleContextStack.js').default as StyleStackClass;
  styleLookups(StyleContextStack);
  textMeasure(fromPdfmake('./TextInlines.js').default as TextInlinesClass, StyleContextStack);
  const PDFDocument = createRequire(pdfkitEntry)(pdfkitEntry) as new (options: object) => { ref(): object };
  // pdfkit does not export its reference class: a throwaway document hands one out.
  const reference = new PDFDocument({ autoFirstPage: false }).ref();
  contentWrites(reference.constructor as { prototype: Reference });
}
