/**
 * The primary's side of one `/metrics` answer under `arbor start --workers N`: the workers' parts
 * summed into one exposition text by prom-client's `AggregatorRegistry.aggregate` (each family by
 * its own aggregator: counters and histograms summed, gauges as declared in `arbor-metrics.ts`),
 * with two gauges saying how complete the answer is. Counters and histograms of workers that
 * stopped gracefully (a rolling restart) are kept in a retired part and added in, so that the
 * sums do not fall back when a worker is replaced (which Prometheus would read as a reset).
 */
import { AggregatorRegistry, Gauge } from 'prom-client';
import { checkedWorkerMetrics, type WorkerMetric } from './worker-metrics.ts';

/** The gauges the primary adds; a worker's family of the same name is left out. */
export const WORKERS_GAUGE = 'arbor_metrics_workers';
export const MISSING_GAUGE = 'arbor_metrics_workers_missing';

/** What one answer is made of. */
export interface WorkerMetricsAnswer {
  /** The parts of the workers that answered. */
  parts: readonly WorkerMetric[][];
  /** Live workers that did not answer in time. */
  missing: number;
  /** Counters and histograms of workers that stopped gracefully. */
  retired?: readonly WorkerMetric[];
  /** How long a worker was waited for, in seconds (for the missing gauge's help). */
  waitedSeconds: number;
}

const ours = (metric: WorkerMetric): boolean => metric.name !== WORKERS_GAUGE && metric.name !== MISSING_GAUGE;

/** The exposition text over every part. */
export async function aggregateWorkerMetrics(answer: WorkerMetricsAnswer): Promise<string> {
  const parts = [...answer.parts, ...(answer.retired === undefined ? [] : [answer.retired])].map((part) => part.filter(ours));
  const registry = AggregatorRegistry.aggregate(parts);
  new Gauge({ name: WORKERS_GAUGE, help: 'Workers whose metrics this answer sums', registers: [registry] }).set(answer.parts.length);
  new Gauge({
    name: MISSING_GAUGE,
    help: `Workers running that did not answer within ${answer.waitedSeconds} s: their numbers are missing from this answer`,
    registers: [registry],
  }).set(answer.missing);
  return registry.metrics();
}

/** `retired` with the counters and histograms of a worker's last part added (`final`). */
export async function retireWorkerMetrics(retired: readonly WorkerMetric[] | undefined, final: readonly WorkerMetric[]): Promise<WorkerMetric[]> {
  const kept = final.filter((metric) => ours(metric) && metric.aggregator === 'sum' && (metric.type === 'counter' || metric.type === 'histogram'));
  if (retired === undefined) return kept;
  const merged = await AggregatorRegistry.aggregate([retired, kept]).getMetricsAsJSON();
  // Past the limits of one part, the older sums stay as they were rather than grow without end.
  return checkedWorkerMetrics(merged) ?? [...retired];
}
