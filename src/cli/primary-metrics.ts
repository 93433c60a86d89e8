/**
 * The primary's side of the metrics of `arbor start --workers N`: when a worker asks for a scrape,
 * it collects the metrics of every serving worker, waits `COLLECT_TIMEOUT_MS` for each at most
 * (one that is late is left out and counted in `arbor_metrics_workers_missing`), sums them
 * (`aggregate-worker-metrics.ts`) and answers. Scrapes that arrive while a collection runs share
 * the next one (never an older one: each answer counts everything done before it was asked), so
 * the workers are asked once however many scrapers there are. A worker's last metrics, sent once
 * it stopped gracefully, are kept: its counters stay in the sums after it is gone.
 */
import type { Worker } from 'node:cluster';
import { aggregateWorkerMetrics, retireWorkerMetrics } from '../platform/metrics/aggregate-worker-metrics.ts';
import type { WorkerMetric } from '../platform/metrics/worker-metrics.ts';
import type { MetricsCollect, PrimaryMessage, WorkerMessage } from './cluster-messages.ts';

/** How long the primary waits for each worker's metrics. */
export const COLLECT_TIMEOUT_MS = 2_000;
/** Scrapes waiting for the next collection at most; more are answered "unavailable" at once. */
const MAX_WAITING_SCRAPES = 1_024;

/** The primary's metrics. */
export interface PrimaryMetrics {
  /** Acts on a worker's message about metrics. */
  handle(worker: Worker, message: Exclude<WorkerMessage, { arbor: 'listening' }>): void;
  /** A worker ended: it will not answer. */
  exited(worker: Worker): void;
}

interface Collection {
  id: number;
  asked: Set<Worker>;
  parts: Map<Worker, WorkerMetric[]>;
  /** Asked workers that ended, or could not be asked. */
  missing: number;
  finish(): void;
}

/** Sends `message` to `worker` if it can still hear it; an error of the channel is ignored (it is ending). */
function tell(worker: Worker, message: PrimaryMessage): boolean {
  if (worker.isDead() || !worker.isConnected()) return false;
  try {
    worker.send(message, undefined, () => undefined);
    return true;
  } catch {
    return false;
  }
}

/** The primary's metrics over `serving()`, the workers that listen now. */
export function createPrimaryMetrics(options: { serving(): Worker[]; onError(message: string): void }): PrimaryMetrics {
  let nextId = 0;
  let current: Collection | undefined;
  let waiting: Array<{ worker: Worker; id: number }> = [];
  let draining = false;
  /** Workers that sent their last metrics: not asked again. */
  const finished = new WeakSet<Worker>();
  let retired: WorkerMetric[] | undefined;
  let retiring: Promise<void> = Promise.resolve();

  const settled = (collection: Collection): void => {
    if (collection.parts.size + collection.missing >= collection.asked.size) collection.finish();
  };

  const collect = async (): Promise<string> => {
    let finish: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const collection: Collection = { id: nextId, asked: new Set(), parts: new Map(), missing: 0, finish };
    nextId = nextId >= Number.MAX_SAFE_INTEGER ? 0 : nextId + 1;
    for (const worker of options.serving()) {
      if (finished.has(worker)) continue;
      collection.asked.add(worker);
      if (!tell(worker, { arbor: 'metrics-collect', id: collection.id } satisfies MetricsCollect)) collection.missing += 1;
    }
    current = collection;
    settled(collection);
    const timer = setTimeout(finish, COLLECT_TIMEOUT_MS);
    await done;
    clearTimeout(timer);
    current = undefined;
    // A last part that arrived meanwhile is in the retired sums.
    await retiring;
    return aggregateWorkerMetrics({
      parts: [...collection.parts.values()],
      missing: collection.asked.size - collection.parts.size,
      waitedSeconds: COLLECT_TIMEOUT_MS / 1000,
      ...(retired === undefined ? {} : { retired }),
    });
  };

  const drain = async (): Promise<void> => {
    draining = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      const text = await collect().catch((error: unknown) => {
        options.onError(`arbor start: the workers' metrics could not be summed: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      });
      for (const { worker, id } of batch) tell(worker, text === undefined ? { arbor: 'metrics-unavailable', id } : { arbor: 'metrics-answer', id, text });
    }
    draining = false;
  };

  return {
    handle(worker, message) {
      if (message.arbor === 'metrics-scrape') {
        if (waiting.length >= MAX_WAITING_SCRAPES) {
          tell(worker, { arbor: 'metrics-unavailable', id: message.id });
          return;
        }
        waiting.push({ worker, id: message.id });
        if (!draining) void drain();
      } else if (message.arbor === 'metrics-part') {
        const collection = current;
        if (collection === undefined || collection.id !== message.id || !collection.asked.has(worker) || collection.parts.has(worker)) return;
        collection.parts.set(worker, message.metrics);
        settled(collection);
      } else {
        // Its numbers move to the retired sums: not counted twice in a collection under way.
        finished.add(worker);
        if (current !== undefined && current.asked.delete(worker)) {
          current.parts.delete(worker);
          settled(current);
        }
        retiring = retiring
          .then(async () => {
            retired = await retireWorkerMetrics(retired, message.metrics);
          })
          .catch((error: unknown) => options.onError(`arbor start: the last metrics of worker ${worker.process.pid} were dropped: ${error instanceof Error ? error.message : String(error)}`));
      }
    },
    exited(worker) {
      const collection = current;
      if (collection === undefined || !collection.asked.has(worker) || collection.parts.has(worker)) return;
      collection.missing += 1;
      settled(collection);
    },
  };
}
