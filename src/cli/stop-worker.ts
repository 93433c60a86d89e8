/**
 * Stopping one worker of `arbor start --workers N` gracefully: a worker that listens is asked over
 * the IPC channel (it stops accepting, finishes its requests in flight, closes the store and
 * exits); one still starting, or whose channel has closed, gets SIGTERM. The primary kills those
 * still running `SHUTDOWN_TIMEOUT_MS` later.
 */
import type { Worker } from 'node:cluster';
import type { StopWorker } from './cluster-messages.ts';

/** How long workers may take to finish their requests and exit after a SIGTERM (and an old worker of a rolling restart). */
export const SHUTDOWN_TIMEOUT_MS = 30_000;

/** Asks `worker` to stop: over its channel when it `listens`, else (or should the channel fail) with SIGTERM. */
export function stopWorker(worker: Worker, listens: boolean): void {
  if (worker.isDead()) return;
  try {
    if (listens && worker.isConnected()) {
      worker.send({ arbor: 'stop' } satisfies StopWorker);
      return;
    }
  } catch {
    // The channel closed meanwhile: a signal instead.
  }
  worker.process.kill('SIGTERM');
}
