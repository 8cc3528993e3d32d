/**
 * Characters the PDF cannot draw. The PDF embeds the vendored Tinos faces; a character that one of them has no
 * glyph for (an emoji, a CJK ideograph, Arabic…) is drawn as an empty box and is lost when the text is copied.
 * The DOCX keeps it (Word and LibreOffice draw it with a fallback font), so such text is a warning, not an error.
 */
import type { Diagnostic, JsonPath } from '../diagnostics/diagnostic.ts';
import { vendoredFonts } from '../document/fonts.ts';

const drawable = new Map<number, boolean>();

/**
 * Whether the PDF draws the code point: every face has a glyph for it, or it is layout (tab, line feed) or a
 * default-ignorable character (variation selectors, joiners…), which the text layout leaves out.
 */
export function pdfCanDraw(codePoint: number): boolean {
  let ok = drawable.get(codePoint);
  if (ok === undefined) {
    const c = String.fromCodePoint(codePoint);
    if (c === '\t' || c === '\n' || /\p{Default_Ignorable_Code_Point}/u.test(c)) ok = true;
    else {
      ok = vendoredFonts().every((f) => f.hasGlyphForCodePoint(codePoint));
    }
    drawable.set(codePoint, ok);
  }
  return ok;
}

/** The characters of a text the PDF cannot draw, each once, in order. */
export function undrawable(text: string): string[] {
  const out = new Set<string>();
  for (const c of text) if (c.charCodeAt(0) >= 0x7f && !pdfCanDraw(c.codePointAt(0)!)) out.add(c);
  return [...out];
}

const MAX_LISTED = 8;

/** «😀 U+1F600»: the character (when it is visible) and its code. */
function describe(c: string): string {
  const code = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return /[\p{L}\p{N}\p{P}\p{S}]/u.test(c) ? `${c} ${code}` : code;
}

/** A warning for every text of the application with characters the PDF cannot draw. */
export function glyphDiagnostics(app: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (value: unknown, path: JsonPath) => {
    if (typeof value === 'string') {
      const missing = undrawable(value);
      if (missing.length > 0)
        out.push({
          severity: 'warning',
          path,
          key: 'text.glyph',
          params: {
            chars: missing.slice(0, MAX_LISTED).map(describe).join(', ') + (missing.length > MAX_LISTED ? ', …' : ''),
          },
        });
    } else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) visit(v, [...path, i]);
    } else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) if (k !== '$schema') visit(v, [...path, k]);
  };
  visit(app, []);
  return out;
}
