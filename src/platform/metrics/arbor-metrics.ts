/**
 * Arbor's Prometheus metric families on a registry of their own (one per platform: tests build
 * many platforms in one process), with Node's default process metrics. Labels stay few and
 * bounded: route patterns, never URLs; journey names only of journeys that exist; error codes
 * from closed lists. Each gauge names how the workers of `arbor start --workers N` combine it
 * (`aggregator`; counters and histograms are summed).
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { OutboxStats } from '../../selfservice/email/ports.ts';

/** Where the gauges read at scrape time; set once the platform's parts exist. */
export interface GaugeSources {
  hashing?: () => { running: number; waiting: number };
  /** The outbox's waiting messages; undefined when the store could not say. */
  outbox?: () => Promise<OutboxStats | undefined>;
  clock?: { now(): number };
}

/** Seconds buckets for work measured in milliseconds (store calls). */
const FAST_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** Seconds buckets for requests, steps and scripts. */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds buckets for a password hash (argon2id takes tens of milliseconds by design). */
const HASH_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** The families. */
export interface ArborMetrics {
  registry: Registry;
  sources: GaugeSources;
  journeysStarted: Counter<'realm' | 'journey'>;
  journeysEnded: Counter<'realm' | 'journey' | 'outcome'>;
  journeyStepSeconds: Histogram<'operation'>;
  hashingSeconds: Histogram<'operation'>;
  hashingInFlight: Gauge;
  hashingWaiting: Gauge;
  hashingRefused: Counter;
  storeSeconds: Histogram<'repository' | 'operation'>;
  storeErrors: Counter<'repository' | 'operation' | 'kind'>;
  outboxMessages: Gauge<'status'>;
  outboxOldestSeconds: Gauge;
  scriptRuns: Counter<'result'>;
  scriptSeconds: Histogram;
  scriptLimitsHit: Counter<'limit'>;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpSeconds: Histogram<'method' | 'route'>;
}

/** A new registry with every family registered on it. */
export function createArborMetrics(): ArborMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  const sources: GaugeSources = {};
  // One outbox read serves both outbox gauges of a scrape.
  let outboxRead: { at: number; stats: Promise<OutboxStats | undefined> } | undefined;
  const outbox = (): Promise<OutboxStats | undefined> => {
    const read = sources.outbox;
    if (read === undefined) return Promise.resolve(undefined);
    const at = performance.now();
    if (outboxRead === undefined || at - outboxRead.at > 1000) outboxRead = { at, stats: read().catch(() => undefined) };
    return outboxRead.stats;
  };
  return {
    registry,
    sources,
    journeysStarted: new Counter({ name: 'arbor_journeys_started_total', help: 'Journeys started, by realm and journey', labelNames: ['realm', 'journey'], registers }),
    journeysEnded: new Counter({ name: 'arbor_journeys_ended_total', help: 'Journeys ended, by realm, journey and outcome (SUCCESS or FAILURE)', labelNames: ['realm', 'journey', 'outcome'], registers }),
    journeyStepSeconds: new Histogram({ name: 'arbor_journey_step_duration_seconds', help: 'Time to answer one journey step, by operation (start, continue, resume)', labelNames: ['operation'], buckets: REQUEST_BUCKETS, registers }),
    hashingSeconds: new Histogram({ name: 'arbor_password_hashing_duration_seconds', help: 'Time one password hash or verification takes once it runs (queueing excluded)', labelNames: ['operation'], buckets: HASH_BUCKETS, registers }),
    hashingInFlight: new Gauge({
      name: 'arbor_password_hashing_in_flight',
      help: 'Password hashes running now',
      // Each worker has its own hashing slots: the cluster's load is the sum.
      aggregator: 'sum',
      registers,
      collect() {
        this.set(sources.hashing?.().running ?? 0);
      },
    }),
    hashingWaiting: new Gauge({
      name: 'arbor_password_hashing_waiting',
      help: 'Password hashes waiting for a hashing slot now',
      aggregator: 'sum',
      registers,
      collect() {
        this.set(sources.hashing?.().waiting ?? 0);
      },
    }),
    hashingRefused: new Counter({ name: 'arbor_password_hashing_refused_total', help: 'Password checks refused (503) because every hashing slot was busy and the queue full', registers }),
    storeSeconds: new Histogram({ name: 'arbor_store_operation_duration_seconds', help: 'Time of one store call, by repository and operation', labelNames: ['repository', 'operation'], buckets: FAST_BUCKETS, registers }),
    storeErrors: new Counter({ name: 'arbor_store_errors_total', help: 'Store calls that failed, by repository, operation and kind (unavailable: the database or Redis did not answer; refused: a conflict or a missing record; other)', labelNames: ['repository', 'operation', 'kind'], registers }),
    outboxMessages: new Gauge({
      name: 'arbor_outbox_messages',
      help: 'Email outbox messages waiting, by status (pending: for delivery; stored: for SMTP to be configured); absent when the store did not answer',
      labelNames: ['status'],
      // Every worker reads the same shared outbox: one reading, not their sum.
      aggregator: 'max',
      registers,
      async collect() {
        const stats = await outbox();
        this.reset();
        if (stats === undefined) return;
        this.set({ status: 'pending' }, stats.pending);
        this.set({ status: 'stored' }, stats.stored);
      },
    }),
    outboxOldestSeconds: new Gauge({
      name: 'arbor_outbox_oldest_message_age_seconds',
      help: 'Age of the oldest email outbox message still waiting (0 when none waits)',
      aggregator: 'max',
      registers,
      async collect() {
        const stats = await outbox();
        if (stats === undefined) return this.reset();
        const now = sources.clock?.now() ?? Date.now();
        this.set(stats.oldestCreatedAt === undefined ? 0 : Math.max(0, (now - stats.oldestCreatedAt) / 1000));
      },
    }),
    scriptRuns: new Counter({ name: 'arbor_script_runs_total', help: 'Script runs, by result (ok, or the failure code in lower case)', labelNames: ['result'], registers }),
    scriptSeconds: new Histogram({ name: 'arbor_script_run_duration_seconds', help: 'Time of one script run, host calls included', buckets: REQUEST_BUCKETS, registers }),
    scriptLimitsHit: new Counter({ name: 'arbor_script_limits_hit_total', help: 'Script runs stopped by a limit of the realm (time, memory, stack, output)', labelNames: ['limit'], registers }),
    httpRequests: new Counter({ name: 'arbor_http_requests_total', help: 'HTTP requests answered, by method, route pattern and status', labelNames: ['method', 'route', 'status'], registers }),
    httpSeconds: new Histogram({ name: 'arbor_http_request_duration_seconds', help: 'Time to answer an HTTP request, by method and route pattern', labelNames: ['method', 'route'], buckets: REQUEST_BUCKETS, registers }),
  };
}

/** Seconds since `start` (a `performance.now()` reading). */
export function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}
