/**
 * A worker thread of the backtest pool: compiles the run's config once and opens a connection of
 * its own to the database, then replays the stretches it is sent (replay-chunk.ts), posting each
 * page's result back. It reads ahead at most {@link AHEAD} pages the job has not yet taken in, and
 * stops a stretch early when the job says so (a cancel).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compile } from '../../engine/index';
import type { DatabaseAddress } from '../db/open-database';
import { openPageReader } from './event-pages';
import { replayChunk, type Chunk } from './replay-chunk';

const AHEAD = 2;
const { document, address } = workerData as { document: unknown; address: DatabaseAddress };
// the job compiled it before starting the pool
const compiled = compile(document, { trusted: true });
if (!compiled.ok) throw new Error(`the backtest's config does not compile: ${compiled.issues[0]?.message ?? ''}`);
const config = compiled.value;
const reader = await openPageReader(address);

let unanswered = 0;
let stop = false;
let wake: (() => void) | null = null;
let current: Promise<void> = Promise.resolve();

async function replay(seq: number, chunk: Chunk): Promise<void> {
  stop = false;
  try {
    for await (const result of replayChunk(reader, config, chunk)) {
      unanswered++;
      parentPort!.postMessage({ seq, result });
      while (unanswered >= AHEAD && !stop) await new Promise<void>((resolve) => (wake = resolve));
      if (stop) break;
    }
    parentPort!.postMessage({ seq, done: true });
  } catch (err) {
    parentPort!.postMessage({ seq, error: String((err as Error).stack ?? err) });
  }
}

/**
 * Ends the thread the quiet way: the stretch under way stopped, its last query waited for, the
 * connection closed, then the port, so the thread ends by itself (terminated with a query of the
 * driver still in flight, the whole process would abort when its answer came).
 */
async function close(): Promise<void> {
  stop = true;
  wake?.();
  wake = null;
  await current;
  await reader.close().catch(() => undefined);
  parentPort!.close();
}

parentPort!.on('message', (message: { seq: number; chunk: Chunk } | { taken: true; stop: boolean } | { close: true }) => {
  if ('close' in message) {
    void close();
    return;
  }
  if ('taken' in message) {
    unanswered--;
    if (message.stop) stop = true;
    wake?.();
    wake = null;
    return;
  }
  current = replay(message.seq, message.chunk);
});
parentPort!.postMessage({ ready: true });
