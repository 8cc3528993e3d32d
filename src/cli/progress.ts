/**
 * A progress line while documents are rendered: on a terminal only, one line rewritten in place as each file is
 * ready («gamo-2021.json: 7/20  annex-4.kk.pdf»), erased before the results are printed, so the output that stays
 * is the same as without a terminal. Nothing at all when stdout is not a terminal, or with --quiet / --json.
 */
import type { UiLang } from '../validation/messages.ts';
import { ui } from './ui.ts';

export interface Progress {
  /** The callback for RenderOptions.onFile. */
  onFile?: (name: string, done: number, total: number) => void;
  /** Erases the line (before the results are printed). */
  clear(): void;
}

const NONE: Progress = { clear() {} };

export function progressLine(
  lang: UiLang,
  input: string,
  enabled: boolean,
  out: NodeJS.WriteStream = process.stdout,
): Progress {
  if (!enabled || !out.isTTY) return NONE;
  let shown = false;
  const write = (text: string) => {
    // Cut to the terminal's width: a wrapped line could not be rewritten in place.
    const width = Math.max(20, (out.columns || 80) - 1);
    out.write(`\r\x1b[K${text.slice(0, width)}`);
    shown = true;
  };
  write(ui(lang, 'progressStart', { file: input }));
  return {
    onFile: (name, done, total) => write(ui(lang, 'progress', { file: input, done, total, name })),
    clear() {
      if (shown) out.write('\r\x1b[K');
      shown = false;
    },
  };
}
