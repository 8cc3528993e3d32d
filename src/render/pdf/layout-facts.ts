/**
 * What fontkit's shaping said about single characters and pairs of neighbours in a font (fastLayout), kept on
 * disk in the user's cache directory (cache-dir.ts), so that a new process (each `annexes build`) does not shape the same pairs again: in
 * a cold process that shaping was about a tenth of the run. The file is named by a hash of the font's bytes, the
 * fontkit version and FACTS_FORMAT, so another font, fontkit or meaning of the facts starts afresh. A missing,
 * unreadable or damaged file is an empty one; writes go aside and are renamed into place, and the last of two
 * concurrent writers wins (the facts are the same for everyone, only fewer).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomicSync } from '../../output/atomic.ts';
import { renderCacheDir } from '../cache-dir.ts';

/** Raised when what a fact means changes (fastLayout), so that files of an earlier meaning are not read. */
const FACTS_FORMAT = 1;

/** Past this many facts a font's file stops growing (text of many scripts or random characters). */
const MAX_FACTS = 100_000;

export class LayoutFacts {
  /** `script:codePoint` → whether fontkit gives the character its own glyph at its own width. */
  readonly singles = new Map<string, boolean>();
  /** `script:a:b` → the kerning fontkit adds to the first one's advance, or null when it does more than that. */
  readonly pairs = new Map<string, number | null>();
  private dirty = false;

  constructor(readonly file: string | undefined) {
    if (file === undefined) return;
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as {
        singles?: Record<string, boolean>;
        pairs?: Record<string, number | null>;
      };
      for (const [k, v] of Object.entries(data.singles ?? {})) if (typeof v === 'boolean') this.singles.set(k, v);
      for (const [k, v] of Object.entries(data.pairs ?? {}))
        if (v === null || typeof v === 'number') this.pairs.set(k, v);
    } catch {
      // None yet, or not readable: learn them again.
    }
  }

  setSingle(key: string, ok: boolean): void {
    this.singles.set(key, ok);
    this.dirty ||= this.singles.size + this.pairs.size <= MAX_FACTS;
  }

  setPair(key: string, kerning: number | null): void {
    this.pairs.set(key, kerning);
    this.dirty ||= this.singles.size + this.pairs.size <= MAX_FACTS;
  }

  /** Writes what was learned since the last save, if anything. Never throws. */
  save(): void {
    if (!this.dirty || this.file === undefined) return;
    this.dirty = false;
    try {
      const keep = <V>(m: Map<string, V>) => Object.fromEntries([...m].slice(0, MAX_FACTS));
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileAtomicSync(this.file, JSON.stringify({ singles: keep(this.singles), pairs: keep(this.pairs) }));
    } catch {
      // A read-only cache: the facts stay in this process.
    }
  }
}

const stores = new Set<LayoutFacts>();

/** The facts of the font in `buffer` as shaped by this fontkit version (in memory only with no cache folder). */
export function layoutFactsFor(buffer: Uint8Array, fontkitVersion: string): LayoutFacts {
  let file: string | undefined;
  const dir = renderCacheDir();
  if (dir !== undefined) {
    try {
      const hash = createHash('sha256')
        .update(buffer)
        .update(`\u0000fontkit ${fontkitVersion}\u0000facts ${FACTS_FORMAT}`)
        .digest('hex');
      file = join(dir, 'layout', `${hash.slice(0, 32)}.json`);
    } catch {
      file = undefined;
    }
  }
  const facts = new LayoutFacts(file);
  stores.add(facts);
  return facts;
}

/** Saves the facts every font learned (after a PDF is written). */
export function saveLayoutFacts(): void {
  for (const facts of stores) facts.save();
}
