/**
 * How the primary of `arbor start --workers N` names its workers and their ends in its messages
 * (`worker 4242 exited (status 1)`, `pid 4301, 4316`): one wording for the supervision and the
 * rolling restart, which operators and tests read.
 */
import type { Worker } from 'node:cluster';

/** How a process ended, in words. */
export function ending(code: number | null, signal: string | null): string {
  return signal === null ? `status ${code ?? 'unknown'}` : signal;
}

/** The pids of `workers`, for messages. */
export function pids(workers: Iterable<Worker>): string {
  return [...workers].map((worker) => worker.process.pid).join(', ');
}
