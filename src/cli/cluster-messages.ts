/**
 * What the primary of `arbor start --workers N` and its workers say to each other over the
 * cluster's IPC channel. A worker reports that it listens; the primary asks a worker to stop
 * (stop accepting, finish the requests in flight, close the store, exit). For `GET /metrics`, the
 * worker serving it asks the primary for a scrape; the primary collects every worker's metrics
 * and answers with the text over all of them; a worker stopping gracefully sends its last
 * metrics. Messages from the channel are checked before use, like everything from outside the process.
 */
import { checkedWorkerMetrics, type WorkerMetric } from '../platform/metrics/worker-metrics.ts';

/** A worker listens on `port`. */
export interface WorkerListening {
  arbor: 'listening';
  port: number;
}

/** A worker asks for the metrics over every worker (`id`: its own numbering of its requests). */
export interface MetricsScrape {
  arbor: 'metrics-scrape';
  id: number;
}

/** A worker's metrics, answering the primary's collection `id`. */
export interface MetricsPart {
  arbor: 'metrics-part';
  id: number;
  metrics: WorkerMetric[];
}

/** A worker's last metrics, once it has stopped serving (its counters are kept by the primary). */
export interface MetricsFinal {
  arbor: 'metrics-final';
  metrics: WorkerMetric[];
}

/** What a worker says to the primary. */
export type WorkerMessage = WorkerListening | MetricsScrape | MetricsPart | MetricsFinal;

/** The primary asks a worker to stop gracefully. */
export interface StopWorker {
  arbor: 'stop';
}

/** The primary asks a worker for its metrics (collection `id`). */
export interface MetricsCollect {
  arbor: 'metrics-collect';
  id: number;
}

/** The primary's answer to a worker's scrape `id`: the exposition text over every worker. */
export interface MetricsAnswer {
  arbor: 'metrics-answer';
  id: number;
  text: string;
}

/** The primary could not make the text for scrape `id`. */
export interface MetricsUnavailable {
  arbor: 'metrics-unavailable';
  id: number;
}

/** What the primary says to a worker. */
export type PrimaryMessage = StopWorker | MetricsCollect | MetricsAnswer | MetricsUnavailable;

/** The longest exposition text accepted from the primary. */
const MAX_TEXT = 32 * 1024 * 1024;

function field(message: unknown, name: string): unknown {
  return typeof message === 'object' && message !== null ? Object.getOwnPropertyDescriptor(message, name)?.value : undefined;
}

function requestId(message: unknown): number | undefined {
  const id = field(message, 'id');
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : undefined;
}

/** `message` as a worker's message, checked; undefined for anything else. */
export function workerMessage(message: unknown): WorkerMessage | undefined {
  const kind = field(message, 'arbor');
  if (kind === 'listening') {
    const port = field(message, 'port');
    return typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65535 ? { arbor: kind, port } : undefined;
  }
  if (kind === 'metrics-final') {
    const metrics = checkedWorkerMetrics(field(message, 'metrics'));
    return metrics === undefined ? undefined : { arbor: kind, metrics };
  }
  const id = requestId(message);
  if (id === undefined) return undefined;
  if (kind === 'metrics-scrape') return { arbor: kind, id };
  if (kind === 'metrics-part') {
    const metrics = checkedWorkerMetrics(field(message, 'metrics'));
    return metrics === undefined ? undefined : { arbor: kind, id, metrics };
  }
  return undefined;
}

/** `message` as the primary's message, checked; undefined for anything else. */
export function primaryMessage(message: unknown): PrimaryMessage | undefined {
  const kind = field(message, 'arbor');
  if (kind === 'stop') return { arbor: kind };
  const id = requestId(message);
  if (id === undefined) return undefined;
  if (kind === 'metrics-collect' || kind === 'metrics-unavailable') return { arbor: kind, id };
  if (kind === 'metrics-answer') {
    const text = field(message, 'text');
    return typeof text === 'string' && text.length <= MAX_TEXT ? { arbor: kind, id, text } : undefined;
  }
  return undefined;
}
