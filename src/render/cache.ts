/**
 * Rendered files kept by what they were made from, for a process that renders the same application again
 * (`watch`, a library user): after an edit only the documents it changed are laid out and written again; the
 * others, and any combination of unchanged parts, come from here. Keys are hashes of the job's whole input
 * (the document model with its metadata and date, the parts' bytes), so a hit is exactly what rendering would give.
 */
import { createHash } from 'node:crypto';
import type { JobOutput, RenderJob } from './jobs.ts';
import type { LaidOutPdf } from './pdf/index.ts';

/** Total size of the kept files before the least recently used are let go. */
const DEFAULT_MAX_BYTES = 128 * 2 ** 20;

/**
 * Bytes an output holds: its files, a PDF's layout and, roughly, its structure record (small arrays, about 100
 * bytes of heap an element).
 */
const sizeOf = (out: JobOutput): number =>
  out.data.reduce((s, d) => s + d.length, 0) +
  (out.laidOut?.pdf.length ?? 0) +
  100 * (out.laidOut?.structure?.types.length ?? 0);

export class RenderCache {
  private readonly entries = new Map<string, JobOutput>();
  /** The build each entry was last used in (see endBuild). */
  private readonly usedIn = new Map<string, number>();
  private build = 0;
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(readonly maxBytes = DEFAULT_MAX_BYTES) {}

  /**
   * Ends a build: the files no render asked for in this build or the `keep - 1` before it are let go. A watching
   * process calls it after each build, so that after an edit it keeps the files of the documents as they are
   * now (and were just before, for an edit undone), not every version an estimate went through.
   */
  endBuild(keep = 2): void {
    this.build++;
    for (const [key, used] of this.usedIn) {
      if (used >= this.build - keep) continue;
      const out = this.entries.get(key);
      if (out) this.bytes -= sizeOf(out);
      this.entries.delete(key);
      this.usedIn.delete(key);
    }
  }

  /** The job's files from an earlier render (with no time spent), or those `render` makes now. */
  async render(job: RenderJob, render: (job: RenderJob) => Promise<JobOutput>): Promise<JobOutput> {
    if (job.kind === 'warmUp') return render(job);
    const key = jobKey(job);
    this.usedIn.set(key, this.build);
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.hits++;
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return { ...hit, ms: hit.ms.map(() => 0) };
    }
    this.misses++;
    const out = await render(job);
    this.keep(key, out);
    return out;
  }

  private keep(key: string, out: JobOutput): void {
    const size = sizeOf(out);
    if (size > this.maxBytes) return;
    if (this.entries.has(key)) return;
    this.entries.set(key, out);
    this.bytes += size;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.usedIn.delete(k);
      this.bytes -= sizeOf(v);
    }
  }
}

/** A hash of everything a job's output depends on. */
export function jobKey(job: Exclude<RenderJob, { kind: 'warmUp' }>): string {
  const hash = createHash('sha256');
  // Bytes with their length first, so that parts one after the other cannot hash alike.
  const bytes = (data: Uint8Array) => {
    hash.update(`\u0000${data.length}\u0000`);
    hash.update(data);
  };
  // A laid-out PDF: its structure record and its bytes.
  const laidOut = (pdf: LaidOutPdf) => {
    hash.update(JSON.stringify(pdf.structure ?? null));
    bytes(pdf.pdf);
  };
  hash.update(`${job.kind}\u0000`);
  switch (job.kind) {
    case 'pdf':
    case 'layOutPdf':
      hash.update(job.untagged ? 'untagged\u0000' : 'tagged\u0000');
      hash.update(JSON.stringify(job.doc));
      break;
    case 'docx':
      hash.update(JSON.stringify(job.doc));
      break;
    case 'finishPdf':
      hash.update(JSON.stringify(job.meta));
      laidOut(job.laidOut);
      break;
    case 'combinePdf':
      hash.update(JSON.stringify(job.meta));
      for (const part of job.parts) laidOut(part);
      break;
    case 'combineDocx':
      hash.update(JSON.stringify(job.meta));
      for (const part of job.parts) bytes(part);
      break;
  }
  return hash.digest('hex');
}
