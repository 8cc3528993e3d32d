/** The rendering jobs: what a rendering thread (or the calling thread) does with a document. */
import { performance } from 'node:perf_hooks';
import type { Document, DocumentMeta } from '../document/model.ts';
import type { LaidOutPdf } from './pdf/index.ts';

export type RenderJob =
  /** `untagged`: without the structure tree (a preview, where nobody reads it). */
  | { kind: 'pdf'; doc: Document; untagged?: boolean }
  | { kind: 'docx'; doc: Document }
  /** The two halves of a 'pdf' job, for running them on two threads: the layout, then the finishing pass. */
  | { kind: 'layOutPdf'; doc: Document; untagged?: boolean }
  | { kind: 'finishPdf'; laidOut: LaidOutPdf; meta: DocumentMeta }
  /** The PDF of several documents, from their laid-out PDFs. */
  | { kind: 'combinePdf'; parts: LaidOutPdf[]; meta: DocumentMeta }
  /** The DOCX of several documents, from their DOCX files. */
  | { kind: 'combineDocx'; parts: Uint8Array[]; meta: DocumentMeta }
  /** Loads the writers (all, or those named), so that the first real job does not wait for them. */
  | { kind: 'warmUp'; writers?: ('pdf' | 'docx')[] };

/** The files of a job and the time spent on each, ms (a 'layOutPdf' job: no file, its time). */
export interface JobOutput {
  data: Buffer[];
  ms: number[];
  /** Of a 'pdf' or 'layOutPdf' job: the PDF as laid out, with its structure, which a combined PDF is joined from. */
  laidOut?: LaidOutPdf;
}

/** Renders a job: its files, dated as their metadata says (`meta.date`; none: the time of rendering). */
export async function renderJob(job: RenderJob): Promise<JobOutput> {
  const t0 = performance.now();
  const one = (data: Buffer): JobOutput => ({ data: [data], ms: [performance.now() - t0] });
  switch (job.kind) {
    case 'pdf': {
      const laidOut = await (await import('./pdf/index.ts')).layOutPdf(job.doc, !job.untagged);
      return { ...one(await (await import('./pdf/combine.ts')).finishPdf(laidOut, job.doc.meta)), laidOut };
    }
    case 'docx':
      return one(await (await import('./docx/index.ts')).renderDocx(job.doc));
    case 'layOutPdf': {
      const laidOut = await (await import('./pdf/index.ts')).layOutPdf(job.doc, !job.untagged);
      // No file of its own: the laid-out PDF goes on to the finishing pass.
      return { data: [], ms: [performance.now() - t0], laidOut };
    }
    case 'finishPdf':
      return one(await (await import('./pdf/combine.ts')).finishPdf(job.laidOut, job.meta));
    case 'combinePdf':
      return one(await (await import('./pdf/combine.ts')).combinePdfs(job.parts, job.meta));
    case 'combineDocx':
      return one((await import('./docx/combine.ts')).combineDocx(job.parts, job.meta));
    case 'warmUp': {
      const writers = job.writers ?? ['pdf', 'docx'];
      await Promise.all([
        import('./pdf/combine.ts'),
        ...(writers.includes('pdf') ? [import('./pdf/index.ts')] : []),
        ...(writers.includes('docx') ? [import('./docx/index.ts'), import('./docx/combine.ts')] : []),
      ]);
      return { data: [], ms: [] };
    }
  }
}
