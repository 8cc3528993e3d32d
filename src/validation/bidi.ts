/**
 * Writing-direction controls (U+202A–U+202E, U+2066–U+2069, the marks U+200E, U+200F, U+061C) are invisible and
 * make Word show the text around them in another order («Trojan Source»): the reader of the DOCX would see
 * something other than what the file says. Neither form language needs them, so each is a warning at its field.
 */
import type { Diagnostic, JsonPath } from '../diagnostics/diagnostic.ts';

const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** A warning for every text of the application that holds a writing-direction control. */
export function bidiDiagnostics(app: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (value: unknown, path: JsonPath) => {
    if (typeof value === 'string') {
      const m = BIDI_CONTROL.exec(value);
      if (m)
        out.push({
          severity: 'warning',
          path,
          key: 'text.bidi',
          params: {
            char: `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
            at: [...value.slice(0, m.index)].length + 1,
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
