/** The «did you mean» hint of every message about an unknown name (a JSON key, a label key, a language). */
import { closest, distance } from 'fastest-levenshtein';

/**
 * The known name closest to `name` when it is plausibly a typo of it: at most a third of the suggestion's
 * length in edits (at least 2), case ignored. A suggestion further away is noise.
 */
export function didYouMean(name: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const best = closest(name, [...known]);
  return distance(name.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.ceil(best.length / 3)) ? best : undefined;
}
