/**
 * A worker thread of the backtest pool: compiles the run's config once, then decides the batches
 * it is sent (replay-batch.ts) and posts each result back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compile } from '../../engine/index';
import { replayBatch, type ReplayRow } from './replay-batch';

const compiled = compile((workerData as { document: unknown }).document);
if (!compiled.ok) throw new Error(`the backtest's config does not compile: ${compiled.issues[0]?.message ?? ''}`);
const config = compiled.value;

parentPort!.on('message', (message: { seq: number; rows: ReplayRow[]; asOf: number }) => {
  try {
    parentPort!.postMessage({ seq: message.seq, result: replayBatch(config, message.rows, message.asOf) });
  } catch (err) {
    parentPort!.postMessage({ seq: message.seq, error: String((err as Error).stack ?? err) });
  }
});
parentPort!.postMessage({ ready: true });
