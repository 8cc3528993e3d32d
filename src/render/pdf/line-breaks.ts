/**
 * Line-break opportunities pdfmake would miss. pdfmake finds where a line may break with the `linebreak` package,
 * which follows an old edition of the Unicode line-breaking rules: in it a quotation mark, spaces and an opening
 * bracket hold together («…самоуправления» (представительство…» is one unbreakable piece, rule LB15 of that
 * edition). Such a piece wider than what is left of the line is then cut at whatever letter fills the line,
 * inside a word. A zero-width space (U+200B) after the quotation mark lets the line break after the spaces, as
 * Word and LibreOffice break it; it takes no room and draws nothing.
 */
import type { Inline } from '../../document/model.ts';

const ZWSP = '\u200b';
/** Quotation marks (class QU) followed by spaces and an opening bracket (class OP). */
const QUOTE_SPACES_BRACKET = /([«»"'“”‘’‹›])( +)(?=[([{„‚])/g;
const ENDS_QUOTE_SPACES = /[«»"'“”‘’‹›] +$/;
const STARTS_BRACKET = /^ *[([{„‚]/;

/** The runs of a paragraph with a break opportunity after each quotation mark that spaces part from a bracket. */
export function withLineBreaks(runs: Inline[]): Inline[] {
  if (!runs.some((r) => r.type === 'text' && /[«»"'“”‘’‹›]/.test(r.text))) return runs;
  return runs.map((run, i) => {
    if (run.type !== 'text') return run;
    let text = run.text.replace(QUOTE_SPACES_BRACKET, `$1${ZWSP}$2`);
    // Across runs: «…» at the end of this one, «(» at the start of the next.
    const next = runs[i + 1];
    if (next?.type === 'text' && ENDS_QUOTE_SPACES.test(text) && STARTS_BRACKET.test(next.text)) {
      text = text.replace(/ +$/, (spaces) => ZWSP + spaces);
    }
    return text === run.text ? run : { ...run, text };
  });
}

/**
 * A word with a slash inside («НПО/инициативные», «2019/2020»): LibreOffice does not break a line after such a
 * slash (ICU's line-breaking rules), where the `linebreak` package that pdfmake uses does. (After a hyphen both
 * break.)
 */
const WHOLE_WORD = /[^\s\u200b]*[^\s\u200b/]\/(?=[^\s\u200b/])[^\s\u200b]*/g;

/**
 * A text cut into pieces, the words with a slash inside held together (`whole`); `fits(word)` says whether a
 * word fits on a line: one that does not may break where pdfmake breaks it (LibreOffice would cut it at a letter).
 * Undefined: nothing to hold together.
 */
export function wholeWords(
  text: string,
  fits: (word: string) => boolean,
): { text: string; whole?: true }[] | undefined {
  if (!text.includes('/')) return undefined;
  const pieces: { text: string; whole?: true }[] = [];
  let last = 0;
  for (const m of text.matchAll(WHOLE_WORD)) {
    if (!fits(m[0])) continue;
    if (m.index > last) pieces.push({ text: text.slice(last, m.index) });
    pieces.push({ text: m[0], whole: true });
    last = m.index + m[0].length;
  }
  if (pieces.length === 0) return undefined;
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}
