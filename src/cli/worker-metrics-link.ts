/**
 * A worker's end of the metrics of `arbor start --workers N` (`metrics-cluster.ts`), over the IPC
 * channel to the primary (`primary-metrics.ts`). It answers the primary's collections from the
 * registry its platform shares; a scrape of `GET /metrics` asks the primary for the text over
 * every worker and gives up after `SCRAPE_TIMEOUT_MS` (the route then answers 503, never hangs).
 * Once the worker has stopped serving, `sendFinal` hands the primary its last numbers.
 */
import type { Registry } from 'prom-client';
import type { MetricsCluster } from '../platform/metrics/metrics-cluster.ts';
import { checkedWorkerMetrics } from '../platform/metrics/worker-metrics.ts';
import type { PrimaryMessage, WorkerMessage } from './cluster-messages.ts';

/** How long a scrape waits for the primary (which waits 2 s for each worker, and may be finishing another scrape). */
export const SCRAPE_TIMEOUT_MS = 6_000;
/** Scrapes of one worker waiting for the primary at most; more are refused at once. */
const MAX_WAITING_SCRAPES = 64;

/** Stable codes of a scrape that failed. */
export type MetricsLinkErrorCode = 'PRIMARY_UNREACHABLE' | 'PRIMARY_SILENT' | 'METRICS_UNAVAILABLE' | 'TOO_MANY_SCRAPES';

/** A scrape that failed, with its code. */
export class MetricsLinkError extends Error {
  readonly code: MetricsLinkErrorCode;
  constructor(code: MetricsLinkErrorCode, message: string) {
    super(message);
    this.name = 'MetricsLinkError';
    this.code = code;
  }
}

/** The worker's link. */
export interface WorkerMetricsLink extends MetricsCluster {
  /** Acts on a message from the primary that concerns metrics. */
  handle(message: PrimaryMessage): void;
  /** Sends this worker's last metrics, once it has stopped serving; later collections are not answered. */
  sendFinal(): Promise<void>;
}

/** Sends `message` to the primary; resolves once handed to the channel. */
function sendToPrimary(message: WorkerMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.send === undefined || !process.connected) {
      reject(new MetricsLinkError('PRIMARY_UNREACHABLE', 'the channel to the primary is closed'));
      return;
    }
    process.send(message, undefined, {}, (error: Error | null) => (error === null ? resolve() : reject(new MetricsLinkError('PRIMARY_UNREACHABLE', error.message))));
  });
}

/** A new link; the worker passes it the primary's messages (`handle`). */
export function workerMetricsLink(): WorkerMetricsLink {
  let registry: Registry | undefined;
  let finished = false;
  let nextId = 0;
  const waiting = new Map<number, { resolve(text: string): void; reject(error: Error): void; timer: NodeJS.Timeout }>();

  const answerCollection = async (id: number): Promise<void> => {
    if (registry === undefined || finished) return;
    // Checked as the primary will check it: what this worker sends is what the primary takes.
    const metrics = checkedWorkerMetrics(await registry.getMetricsAsJSON());
    if (metrics !== undefined && !finished) await sendToPrimary({ arbor: 'metrics-part', id, metrics });
  };

  const settle = (id: number, outcome: { text: string } | { error: Error }): void => {
    const entry = waiting.get(id);
    if (entry === undefined) return;
    waiting.delete(id);
    clearTimeout(entry.timer);
    if ('text' in outcome) entry.resolve(outcome.text);
    else entry.reject(outcome.error);
  };

  return {
    share(shared) {
      registry = shared;
    },
    scrape() {
      if (waiting.size >= MAX_WAITING_SCRAPES) return Promise.reject(new MetricsLinkError('TOO_MANY_SCRAPES', `${MAX_WAITING_SCRAPES} scrapes are waiting already`));
      const id = nextId;
      nextId = nextId >= Number.MAX_SAFE_INTEGER ? 0 : nextId + 1;
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => settle(id, { error: new MetricsLinkError('PRIMARY_SILENT', `the primary did not answer within ${SCRAPE_TIMEOUT_MS / 1000} s`) }), SCRAPE_TIMEOUT_MS);
        waiting.set(id, { resolve, reject, timer });
        sendToPrimary({ arbor: 'metrics-scrape', id }).catch((error: unknown) => settle(id, { error: error instanceof Error ? error : new Error(String(error)) }));
      });
    },
    handle(message) {
      if (message.arbor === 'metrics-collect') {
        answerCollection(message.id).catch(() => undefined);
      } else if (message.arbor === 'metrics-answer') {
        settle(message.id, { text: message.text });
      } else if (message.arbor === 'metrics-unavailable') {
        settle(message.id, { error: new MetricsLinkError('METRICS_UNAVAILABLE', 'the primary could not sum the workers’ metrics') });
      }
    },
    async sendFinal() {
      if (registry === undefined || finished) return;
      finished = true;
      const metrics = checkedWorkerMetrics(await registry.getMetricsAsJSON());
      if (metrics !== undefined) await sendToPrimary({ arbor: 'metrics-final', metrics });
    },
  };
}
