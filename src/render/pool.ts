/**
 * Rendering threads: documents of one application are independent, so they are rendered side by side, one per
 * core. The threads stay for the life of the process (their fonts and shaping results with them) and do not
 * keep it alive when idle. Nothing touches the file system: documents go in, bytes come out.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { JobOutput, RenderJob } from './jobs.ts';
import type { LaidOutPdf } from './pdf/index.ts';

export type { RenderJob } from './jobs.ts';

export type WorkerRequest =
  | { id: number; job: RenderJob }
  /** The job `id`, sent before, is no longer wanted: the thread drops it if it has not started it. */
  | { cancel: number }
  /** After a failed job the thread starts no other until this (its caller withdraws some first). */
  | { resume: true };

export type WorkerReply =
  | { id: number; data: Uint8Array[]; ms: number[]; laidOut?: LaidOutPdf; error?: undefined }
  | { id: number; data?: undefined; error: { message: string; stack?: string } };

interface Task {
  id: number;
  job: RenderJob;
  /** Jobs of one key (a language) go to the same thread when they can: they share fonts and words. */
  affinity: string | undefined;
  resolve(r: JobOutput): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  /** The jobs sent to the thread, in order: the first is running (unless paused), the others wait in the thread. */
  tasks: Task[];
  affinity?: string;
  /** The thread failed a job and starts no other until it is sent `resume` (dispatchAfterFailure). */
  paused?: boolean;
}

/**
 * Jobs a busy thread holds at most: the one it runs and the next. A thread's reply is handled, and its next job
 * sent, only when the calling thread's event loop turns; the calling thread may be laying out a PDF for a few
 * hundred ms meanwhile, and with its next job at hand the thread does not wait for that.
 */
const JOBS_PER_THREAD = 2;

/** Environment variable: the number of rendering threads (0: render in the calling thread). */
export const WORKERS_ENV = 'ANNEXES_WORKERS';

/**
 * Environment variable: the heap limit of each rendering thread, in MB (V8's old generation). Unset: V8's own
 * limit. A thread that reaches it stops alone, its job fails with a RenderThreadError, and the process (a `watch`
 * with it) goes on; the next job gets a new thread. The main thread's heap is not limited by it.
 */
export const THREAD_MEMORY_ENV = 'ANNEXES_THREAD_MEMORY_MB';

/** A setting of the rendering threads that is not valid. */
export class RenderSettingError extends Error {
  constructor(
    readonly variable: string,
    readonly value: string,
  ) {
    super(`${variable} must be a whole number of megabytes ≥ 1: "${value}"`);
    this.name = 'RenderSettingError';
  }
}

/** The rendering threads' heap limit from the environment, MB; undefined when unset. */
export function threadMemoryLimitMb(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const value = env[THREAD_MEMORY_ENV];
  if (value === undefined || value.trim() === '') return undefined;
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new RenderSettingError(THREAD_MEMORY_ENV, value);
  return n;
}

/**
 * A rendering thread died under a job: it ran out of memory (`memory`: its heap limit, `limitMb` when set), or
 * stopped (`exitCode`) or crashed (`detail`) otherwise. The job failed; the pool has let the thread go and starts
 * a new one for the next job.
 */
export class RenderThreadError extends Error {
  constructor(
    readonly reason: 'memory' | 'crash',
    readonly detail: string,
    readonly limitMb?: number,
    readonly exitCode?: number,
  ) {
    super(`a rendering thread ${reason === 'memory' ? 'ran out of memory' : 'crashed'}: ${detail}`);
    this.name = 'RenderThreadError';
  }
}

/** Threads used when not told: one per core, at most 4 (0 on a single core: a thread would only add work). */
export function defaultWorkerCount(): number {
  const env = process.env[WORKERS_ENV];
  if (env !== undefined && env.trim() !== '') {
    const n = Number(env);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${WORKERS_ENV} must be a whole number ≥ 0: "${env}"`);
    return n;
  }
  const cores = availableParallelism();
  return cores > 1 ? Math.min(cores, 4) : 0;
}

/**
 * The threads' script: the compiled worker beside this module, or, when this module runs from the TypeScript
 * sources (tests, bench), an entry that loads the sources through tsx.
 */
const WORKER_ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('./worker-from-source.mjs', import.meta.url)
  : new URL('./worker.js', import.meta.url);

export class RenderPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  /** Heap limit of each thread, MB (ANNEXES_THREAD_MEMORY_MB when the pool is made). */
  readonly memoryLimitMb: number | undefined;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`a render pool needs at least one thread (${size})`);
    this.memoryLimitMb = threadMemoryLimitMb();
  }

  /**
   * Renders one job on the first free thread (preferring one that last worked on the same `affinity`). A job not
   * yet started when `signal` aborts fails with the signal's reason (one already running ends).
   */
  run(job: RenderJob, affinity?: string, signal?: AbortSignal): Promise<JobOutput> {
    if (this.closed) return Promise.reject(new Error('the render pool is closed'));
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const withdraw = () => {
        const i = this.queue.indexOf(task);
        if (i >= 0) this.queue.splice(i, 1);
        else {
          // Sent to a thread as its next job: the thread drops it (one it has started meanwhile runs to its
          // end, unheard).
          const slot = this.slots.find((s) => s.tasks.indexOf(task) > (s.paused ? -1 : 0));
          if (slot === undefined) return;
          this.forget(slot, task);
          slot.worker.postMessage({ cancel: task.id } satisfies WorkerRequest);
        }
        reject(signal?.reason);
      };
      // A settled job no longer listens to the signal.
      const task: Task = {
        id: this.nextId++,
        job,
        affinity,
        resolve: (r) => {
          signal?.removeEventListener('abort', withdraw);
          resolve(r);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', withdraw);
          reject(e);
        },
      };
      this.queue.push(task);
      signal?.addEventListener('abort', withdraw, { once: true });
      this.dispatch();
    });
  }

  /**
   * Starts every thread and loads the writers in it, for a caller that expects to render soon (the threads
   * start while it reads and checks its input).
   */
  warmUp(writers?: ('pdf' | 'docx')[]): Promise<void> {
    const jobs: Promise<JobOutput>[] = [];
    for (let i = this.slots.length; i < this.size; i++) jobs.push(this.run({ kind: 'warmUp', writers }));
    return Promise.all(jobs).then(() => undefined);
  }

  /** Stops the threads; jobs not yet done fail. */
  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const t of [...this.queue.splice(0), ...slots.flatMap((s) => s.tasks.splice(0))])
      t.reject(new Error('the render pool was closed'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    if (this.closed) return;
    while (this.queue.length > 0) {
      // An idle thread, else a new one, else a busy thread with room for its next job.
      let slot = this.slots.find((s) => s.tasks.length === 0);
      if (slot === undefined && this.slots.length < this.size) slot = this.spawn();
      slot ??= this.slots.find((s) => s.tasks.length < JOBS_PER_THREAD);
      if (slot === undefined) break;
      // A thread takes a job of its own key first, else the oldest job of a key no thread holds yet.
      const affinity = slot.affinity;
      const own = this.queue.findIndex((t) => t.affinity !== undefined && t.affinity === affinity);
      const index = own >= 0 ? own : this.pickForNewKey();
      const [task] = this.queue.splice(index, 1) as [Task];
      this.send(slot, task);
    }
    // Jobs waiting for a busy thread (maybe one still warming up) keep the process alive through it.
    if (this.queue.some((t) => t.job.kind !== 'warmUp')) for (const s of this.slots) s.worker.ref();
  }

  /**
   * The next jobs after a failed one, once the failure has been handled: a caller that gives up its other jobs
   * on a failure (renderDocuments aborts their signal) withdraws them first, so none is started for nothing.
   */
  private dispatchAfterFailure(resume?: Slot): void {
    setImmediate(() => {
      if (resume && this.slots.includes(resume)) {
        resume.paused = false;
        resume.worker.postMessage({ resume: true } satisfies WorkerRequest);
      }
      this.dispatch();
    });
  }

  /** A job the thread no longer holds for this pool (answered or withdrawn). */
  private forget(slot: Slot, task: Task): void {
    slot.tasks.splice(slot.tasks.indexOf(task), 1);
    // An idle thread does not keep the process alive.
    if (slot.tasks.length === 0) slot.worker.unref();
  }

  /** The oldest job whose key no thread works on yet, else the oldest job. */
  private pickForNewKey(): number {
    const held = new Set(this.slots.map((s) => s.affinity));
    const free = this.queue.findIndex((t) => t.affinity === undefined || !held.has(t.affinity));
    return Math.max(free, 0);
  }

  private send(slot: Slot, task: Task): void {
    slot.tasks.push(task);
    if (task.affinity !== undefined) slot.affinity = task.affinity;
    // A warm-up alone does not keep the process alive: it only saves time if rendering follows.
    if (task.job.kind !== 'warmUp') slot.worker.ref();
    const request: WorkerRequest = { id: task.id, job: task.job };
    slot.worker.postMessage(request);
  }

  private spawn(): Slot {
    const limitMb = this.memoryLimitMb;
    const worker = new Worker(
      WORKER_ENTRY,
      limitMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: limitMb } },
    );
    const slot: Slot = { worker, tasks: [] };
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const task = slot.tasks.find((t) => t.id === reply.id);
      if (task === undefined) return;
      this.forget(slot, task);
      if (reply.error !== undefined) {
        const e = new Error(reply.error.message);
        if (reply.error.stack) e.stack = reply.error.stack;
        slot.paused = true;
        task.reject(e);
        this.dispatchAfterFailure(slot);
      } else {
        const data = reply.data.map((d) => Buffer.from(d.buffer, d.byteOffset, d.byteLength));
        task.resolve({ data, ms: reply.ms, ...(reply.laidOut ? { laidOut: reply.laidOut } : {}) });
        this.dispatch();
      }
    });
    // A thread that dies (out of memory, a crash) fails its job and is let go; the jobs waiting, and the next
    // ones, get a new thread.
    const fail = (e: RenderThreadError) => {
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      this.slots.splice(i, 1);
      // The job it ran fails; the ones it held next go back to the front of the queue.
      const [running, ...next] = slot.tasks.splice(0);
      this.queue.unshift(...next);
      running?.reject(e);
      this.dispatchAfterFailure();
    };
    worker.on('error', (e: Error & { code?: string }) =>
      fail(
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new RenderThreadError('memory', e.message, limitMb)
          : new RenderThreadError('crash', e.message),
      ),
    );
    worker.on('exit', (code) =>
      fail(new RenderThreadError('crash', `stopped with exit code ${code}`, undefined, code)),
    );
    this.slots.push(slot);
    return slot;
  }
}

const pools = new Map<number, RenderPool>();

/** The process's pool of `size` threads (made on first use; each size has its own). */
export function renderPool(size = defaultWorkerCount()): RenderPool {
  const n = Math.max(1, size);
  let pool = pools.get(n);
  if (pool === undefined) {
    pool = new RenderPool(n);
    pools.set(n, pool);
  }
  return pool;
}

/** Stops the process's pools (the next render starts new ones). */
export async function closeRenderPool(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.close()));
}
