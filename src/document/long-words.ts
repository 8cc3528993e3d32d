/**
 * Break opportunities inside very long words. A text with no place to break a line (a 25 000-character word, a
 * hash, a pasted base64 blob) makes the PDF layout split it character by character, measuring every prefix again:
 * time and memory grow with the square of its length. Where the Unicode line-breaking rules (UAX #14, the rules
 * pdfmake itself breaks lines by) give a stretch longer than MAX_UNBROKEN characters, a zero-width space (U+200B,
 * invisible, no width) is put after every PIECE characters, so the layout only ever splits short pieces.
 * Ordinary words, numbers and URLs (which break after «/») are never touched.
 */
import { createRequire } from 'node:module';
import type LineBreakerClass from 'linebreak';

/** linebreak's CommonJS build, the one pdfkit requires (imported, Node would load its ES build beside it). */
const LineBreaker = createRequire(import.meta.url)('linebreak') as typeof LineBreakerClass;

export const MAX_UNBROKEN = 60;
const PIECE = 30;
const ZWSP = '\u200b';
/** Combining marks and joiners stay with the character before them. */
const CLINGS = /^(?:\p{M}|\u200c|\u200d|[\ufe00-\ufe0f])$/u;

export function breakLongWords(text: string): string {
  // Fast path: no stretch of MAX_UNBROKEN characters without a space can need a break.
  if (text.length <= MAX_UNBROKEN || !new RegExp(`[^\\s]{${MAX_UNBROKEN + 1}}`).test(text)) return text;
  const breaker = new LineBreaker(text);
  let out = '';
  let last = 0;
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
    const segment = text.slice(last, bk.position);
    out += segment.length > MAX_UNBROKEN ? splitSegment(segment) : segment;
    last = bk.position;
  }
  return out + text.slice(last);
}

function splitSegment(segment: string): string {
  const parts: string[] = [];
  let count = 0;
  let prev = '';
  for (const ch of segment) {
    if (count >= PIECE && !CLINGS.test(ch) && prev !== '\u200d' && !/\s/.test(prev)) {
      parts.push(ZWSP);
      count = 0;
    }
    parts.push(ch);
    prev = ch;
    count++;
  }
  return parts.join('');
}
