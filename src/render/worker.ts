/**
 * A rendering thread of the pool (see pool.ts): renders the documents it is sent and sends the bytes back.
 * The writers keep their fonts and shaping results between jobs, so a thread gets faster with use.
 */
import { parentPort } from 'node:worker_threads';
import { renderJob } from './jobs.ts';
import type { WorkerReply, WorkerRequest } from './pool.ts';

const port = parentPort;
if (port === null) throw new Error('render worker: not in a worker thread');

/** The bytes in an ArrayBuffer of their own, which can be moved to the other thread instead of copied. */
function own(data: Uint8Array): Uint8Array {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
}

port.on('message', async ({ id, job }: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    const out = await renderJob(job);
    const data = out.data.map(own);
    // A PDF's layout goes back too, for the combined PDF (render/index.ts).
    const laidOut = out.laidOut ? { ...out.laidOut, pdf: own(out.laidOut.pdf) } : undefined;
    reply = { id, data, ms: out.ms, ...(laidOut ? { laidOut } : {}) };
    port.postMessage(
      reply,
      [...data, ...(laidOut ? [laidOut.pdf] : [])].map((d) => d.buffer as ArrayBuffer),
    );
  } catch (e) {
    const error = e instanceof Error ? { message: e.message, stack: e.stack } : { message: String(e) };
    reply = { id, error };
    port.postMessage(reply);
  }
});
