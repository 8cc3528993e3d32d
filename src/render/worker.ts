/**
 * A rendering thread of the pool (see pool.ts): renders the documents it is sent and sends the bytes back.
 * The writers keep their fonts and shaping results between jobs, so a thread gets faster with use.
 */
import { parentPort } from 'node:worker_threads';
import { type RenderJob, renderJob } from './jobs.ts';
import type { WorkerReply, WorkerRequest } from './pool.ts';

if (parentPort === null) throw new Error('render worker: not in a worker thread');
const port = parentPort;

/** The bytes in an ArrayBuffer of their own, which can be moved to the other thread instead of copied. */
function own(data: Uint8Array): Uint8Array {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
}

/** Jobs received and not yet started, in order (the pool sends a busy thread its next one). */
const waiting: { id: number; job: RenderJob }[] = [];
let running = false;
/** After a failed job: no other starts until the pool says so, having withdrawn those its caller gave up. */
let paused = false;

port.on('message', (request: WorkerRequest) => {
  if ('cancel' in request) {
    const i = waiting.findIndex((w) => w.id === request.cancel);
    if (i >= 0) waiting.splice(i, 1);
  } else if ('resume' in request) paused = false;
  else waiting.push(request);
  // On the next turn of the event loop: messages that came with this one (a cancel) are read first.
  setImmediate(next);
});

async function next(): Promise<void> {
  if (running || paused) return;
  const request = waiting.shift();
  if (request === undefined) return;
  running = true;
  const { id, job } = request;
  try {
    const out = await renderJob(job);
    const data = out.data.map(own);
    // A PDF's layout goes back too, for the combined PDF (render/index.ts).
    const laidOut = out.laidOut ? { ...out.laidOut, pdf: own(out.laidOut.pdf) } : undefined;
    const reply: WorkerReply = { id, data, ms: out.ms, ...(laidOut ? { laidOut } : {}) };
    port.postMessage(
      reply,
      [...data, ...(laidOut ? [laidOut.pdf] : [])].map((d) => d.buffer as ArrayBuffer),
    );
  } catch (e) {
    const error = e instanceof Error ? { message: e.message, stack: e.stack } : { message: String(e) };
    paused = true;
    port.postMessage({ id, error } satisfies WorkerReply);
  }
  running = false;
  setImmediate(next);
}
