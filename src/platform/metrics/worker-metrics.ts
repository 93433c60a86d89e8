/**
 * One worker's metrics as they travel to the primary of `arbor start --workers N`: prom-client's
 * `registry.getMetricsAsJSON()`, sent over the cluster's IPC channel (JSON). What arrives is
 * checked and rebuilt before the primary aggregates it, like everything from another process: known
 * metric types and aggregators, Prometheus names, bounded counts and lengths, own properties only.
 * Anything else and the whole part is refused (that worker is then counted as missing).
 */

/** The metric types Arbor registers (summaries are not: their quantiles cannot be summed). */
export type WorkerMetricType = 'counter' | 'gauge' | 'histogram';

/** How one metric's values from several workers become one (prom-client's aggregators). */
export type MetricAggregator = 'sum' | 'first' | 'min' | 'max' | 'average' | 'omit';

/** One sample: a value and its labels (`le` of a histogram bucket may be a number). */
export interface WorkerSample {
  value: number;
  labels: Record<string, string | number>;
  /** The series' own name when it is not the metric's (`…_bucket`, `…_sum`, `…_count`). */
  metricName?: string;
}

/** One metric family of one worker. */
export interface WorkerMetric {
  name: string;
  help: string;
  type: WorkerMetricType;
  aggregator: MetricAggregator;
  values: WorkerSample[];
}

/** Families in one part at most. */
export const MAX_METRICS = 1_000;
/** Samples in one part at most, all families together. */
export const MAX_SAMPLES = 200_000;
const MAX_LABELS = 16;
const MAX_HELP = 2_048;
const MAX_LABEL_VALUE = 1_024;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]{0,199}$/;
// Names starting with `__` are Prometheus's own (and `__proto__` is no label).
const LABEL_NAME = /^(?!__)[a-zA-Z_][a-zA-Z0-9_]{0,99}$/;
const TYPES: ReadonlySet<string> = new Set<WorkerMetricType>(['counter', 'gauge', 'histogram']);
const AGGREGATORS: ReadonlySet<string> = new Set<MetricAggregator>(['sum', 'first', 'min', 'max', 'average', 'omit']);

function own(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? Object.getOwnPropertyDescriptor(value, name)?.value : undefined;
}

function isType(value: unknown): value is WorkerMetricType {
  return typeof value === 'string' && TYPES.has(value);
}

function isAggregator(value: unknown): value is MetricAggregator {
  return typeof value === 'string' && AGGREGATORS.has(value);
}

function checkedLabels(raw: unknown): Record<string, string | number> | undefined {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const names = Object.keys(raw);
  if (names.length > MAX_LABELS) return undefined;
  const labels: Array<[string, string | number]> = [];
  for (const name of names) {
    const value = own(raw, name);
    if (!LABEL_NAME.test(name)) return undefined;
    if (typeof value === 'string' && value.length <= MAX_LABEL_VALUE) labels.push([name, value]);
    else if (typeof value === 'number' && Number.isFinite(value)) labels.push([name, value]);
    else return undefined;
  }
  return Object.fromEntries(labels);
}

function checkedSample(raw: unknown): WorkerSample | undefined {
  const value = own(raw, 'value');
  const metricName = own(raw, 'metricName');
  const labels = checkedLabels(own(raw, 'labels'));
  // JSON carries NaN and ±Infinity as null.
  if (labels === undefined || !(typeof value === 'number' || value === null)) return undefined;
  if (metricName !== undefined && !(typeof metricName === 'string' && METRIC_NAME.test(metricName))) return undefined;
  return { value: value ?? Number.NaN, labels, ...(metricName === undefined ? {} : { metricName }) };
}

function checkedMetric(raw: unknown, budget: { samples: number }): WorkerMetric | undefined {
  const name = own(raw, 'name');
  const help = own(raw, 'help');
  const type = own(raw, 'type');
  const aggregator = own(raw, 'aggregator') ?? 'sum';
  const values = own(raw, 'values');
  if (typeof name !== 'string' || !METRIC_NAME.test(name) || typeof help !== 'string' || help.length > MAX_HELP) return undefined;
  if (!isType(type) || !isAggregator(aggregator) || !Array.isArray(values)) return undefined;
  budget.samples -= values.length;
  if (budget.samples < 0) return undefined;
  const samples: WorkerSample[] = [];
  for (const value of values) {
    const sample = checkedSample(value);
    if (sample === undefined) return undefined;
    samples.push(sample);
  }
  return { name, help, type, aggregator, values: samples };
}

/** `raw` as a worker's metrics, rebuilt; undefined when anything in it is not as a worker sends it. */
export function checkedWorkerMetrics(raw: unknown): WorkerMetric[] | undefined {
  if (!Array.isArray(raw) || raw.length > MAX_METRICS) return undefined;
  const budget = { samples: MAX_SAMPLES };
  const names = new Set<string>();
  const metrics: WorkerMetric[] = [];
  for (const entry of raw) {
    const metric = checkedMetric(entry, budget);
    if (metric === undefined || names.has(metric.name)) return undefined;
    names.add(metric.name);
    metrics.push(metric);
  }
  return metrics;
}
