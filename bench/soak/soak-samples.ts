/**
 * The soak's samples: one every `--sample-seconds`, built from the window's counts and `/proc`
 * readings of the nodes and of the load generator's own process, then the summary of the run
 * (errors, p99 drift of the last minute against the first, each node's memory drift) and the
 * chart's panels.
 */
import type { ChartPanel } from './svg-chart.ts';
import { JOURNEY_KINDS, type JourneyKind, quantile, type WindowCounts } from './window-stats.ts';

/** One sample, as written to samples.json. */
export interface Sample {
  /** Seconds into the soak at the window's end. */
  t: number;
  /** The window's length, in seconds. */
  seconds: number;
  requests: number;
  p50Ms: number | null;
  p99Ms: number | null;
  completed: Record<JourneyKind, number>;
  failed: Record<JourneyKind, number>;
  journeysPerSecond: number;
  signInsPerSecond: number;
  errors: Record<string, number>;
  /** Resident memory of each node, MiB (null once a node is gone). */
  rssMiB: (number | null)[];
  /** CPU of each node over the window, % of one core. */
  nodeCpuPercent: (number | null)[];
  /** The load generator's process (generator, proxy and SMTP sink): CPU in % of one core, and its event loop's busy share. */
  generatorCpuPercent: number;
  generatorEventLoop: number;
  generatorRssMiB: number;
  /** The whole machine's busy CPU, % of one core (200 = both cores of two). */
  machineCpuPercent: number;
}

/** The process readings of a sample. */
export interface SampleReadings {
  rssMiB: (number | null)[];
  nodeCpuPercent: (number | null)[];
  generatorCpuPercent: number;
  generatorEventLoop: number;
  generatorRssMiB: number;
  machineCpuPercent: number;
}

const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

/** The sample of `window`, ending `t` seconds into the soak after `seconds`. */
export function sampleOf(window: WindowCounts, t: number, seconds: number, readings: SampleReadings): Sample {
  const completed = JOURNEY_KINDS.reduce((sum, kind) => sum + window.completed[kind], 0);
  const p50 = quantile(window.latencies, 0.5);
  const p99 = quantile(window.latencies, 0.99);
  return {
    t: round(t),
    seconds: round(seconds, 2),
    requests: window.latencies.length,
    p50Ms: p50 === undefined ? null : round(p50),
    p99Ms: p99 === undefined ? null : round(p99),
    completed: { ...window.completed },
    failed: { ...window.failed },
    journeysPerSecond: round(completed / seconds, 2),
    signInsPerSecond: round(window.completed['sign-in'] / seconds, 2),
    errors: Object.fromEntries(window.errors),
    ...readings,
  };
}

/** Errors of a sample, all kinds. */
export function errorCount(sample: Pick<Sample, 'failed'>): number {
  return JOURNEY_KINDS.reduce((sum, kind) => sum + sample.failed[kind], 0);
}

/** What the run ends with. */
export interface SoakSummary {
  errors: number;
  errorsByKind: Record<string, number>;
  journeys: number;
  p99FirstMinuteMs: number | null;
  p99LastMinuteMs: number | null;
  /** Last minute's p99 over the first's, minus one (0.1: 10 % slower). */
  p99Drift: number | null;
  /** Per node: RSS in the first sample, the last, the highest, and the least-squares slope over the run. */
  memory: { firstMiB: number | null; lastMiB: number | null; maxMiB: number | null; driftMiB: number | null; slopeMiBPerMinute: number | null }[];
  generatorCpuPercent: { mean: number; max: number };
  generatorEventLoop: { mean: number; max: number };
}

function slope(points: readonly (readonly [number, number])[]): number | null {
  if (points.length < 2) return null;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  const numerator = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const denominator = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return denominator === 0 ? null : numerator / denominator;
}

/**
 * Summarizes `samples`; `windows[i]` holds the latencies of `samples[i]`. The first minute is the
 * samples ending within 60 s of the start, the last those ending within 60 s of the end.
 */
export function summarize(samples: readonly Sample[], latencies: readonly (readonly number[])[], nodes: number): SoakSummary {
  const end = samples.at(-1)?.t ?? 0;
  const within = (test: (sample: Sample) => boolean): number[] => samples.flatMap((sample, index) => (test(sample) ? [...(latencies[index] ?? [])] : []));
  const first = quantile(within((sample) => sample.t <= 60), 0.99);
  const last = quantile(within((sample) => sample.t > end - 60), 0.99);
  const errorsByKind: Record<string, number> = {};
  for (const sample of samples) for (const [kind, count] of Object.entries(sample.errors)) errorsByKind[kind] = (errorsByKind[kind] ?? 0) + count;
  const memory = Array.from({ length: nodes }, (_, node) => {
    const points = samples.flatMap((sample) => {
      const rss = sample.rssMiB[node];
      return rss === null || rss === undefined ? [] : [[sample.t / 60, rss] as const];
    });
    const firstMiB = points[0]?.[1] ?? null;
    const lastMiB = points.at(-1)?.[1] ?? null;
    const fitted = slope(points);
    return {
      firstMiB: firstMiB === null ? null : round(firstMiB),
      lastMiB: lastMiB === null ? null : round(lastMiB),
      maxMiB: points.length === 0 ? null : round(Math.max(...points.map(([, y]) => y))),
      driftMiB: firstMiB === null || lastMiB === null ? null : round(lastMiB - firstMiB),
      slopeMiBPerMinute: fitted === null ? null : round(fitted, 2),
    };
  });
  const stats = (values: number[]): { mean: number; max: number } => ({ mean: round(values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length), 2), max: round(Math.max(0, ...values), 2) });
  return {
    errors: samples.reduce((sum, sample) => sum + errorCount(sample), 0),
    errorsByKind,
    journeys: samples.reduce((sum, sample) => sum + JOURNEY_KINDS.reduce((total, kind) => total + sample.completed[kind] + sample.failed[kind], 0), 0),
    p99FirstMinuteMs: first === undefined ? null : round(first),
    p99LastMinuteMs: last === undefined ? null : round(last),
    p99Drift: first === undefined || last === undefined || first === 0 ? null : round(last / first - 1, 3),
    memory,
    generatorCpuPercent: stats(samples.map((sample) => sample.generatorCpuPercent)),
    generatorEventLoop: stats(samples.map((sample) => sample.generatorEventLoop)),
  };
}

/** The error kind of a journey due but not started (the load generator's backlog, not a server's answer). */
export const NOT_STARTED = 'load generator: not started, too many journeys in flight';

/** CPU the other processes used in a sample (PostgreSQL and Redis among them), % of one core. */
export function othersCpuPercent(sample: Pick<Sample, 'machineCpuPercent' | 'nodeCpuPercent' | 'generatorCpuPercent'>): number {
  const nodes = sample.nodeCpuPercent.reduce<number>((sum, value) => sum + (value ?? 0), 0);
  return Math.max(0, Math.round((sample.machineCpuPercent - nodes - sample.generatorCpuPercent) * 10) / 10);
}

const NODE_COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b'];

/** The chart's panels from `samples` (x: minutes), with the target rates as dashed lines. */
export function chartPanels(samples: readonly Sample[], target: { journeysPerSecond: number; signInsPerSecond: number }): ChartPanel[] {
  const at = (pick: (sample: Sample) => number | null): [number, number | null][] => samples.map((sample) => [sample.t / 60, pick(sample)]);
  const nodes = Math.max(0, ...samples.map((sample) => sample.rssMiB.length));
  const end = samples.at(-1)?.t ?? 0;
  const flat = (value: number): [number, number][] => [
    [0, value],
    [end / 60, value],
  ];
  return [
    {
      title: 'Request latency (every HTTP request of every journey, per sample; logarithmic)',
      unit: 'ms',
      log: true,
      series: [
        { name: 'p50', color: '#1f77b4', points: at((sample) => sample.p50Ms) },
        { name: 'p99', color: '#d62728', points: at((sample) => sample.p99Ms) },
      ],
    },
    {
      title: 'Throughput (journeys completed per second)',
      unit: 'per second',
      series: [
        { name: 'all journeys', color: '#2ca02c', points: at((sample) => sample.journeysPerSecond) },
        { name: 'sign-ins', color: '#ff7f0e', points: at((sample) => sample.signInsPerSecond) },
        { name: 'target, all', color: '#2ca02c', points: flat(target.journeysPerSecond), dashed: true },
        { name: 'target, sign-ins', color: '#ff7f0e', points: flat(target.signInsPerSecond), dashed: true },
      ],
    },
    {
      title: 'Errors per sample: every kind, and those the servers answered (or left unanswered for 30 s)',
      unit: 'errors',
      series: [
        { name: 'all (incl. not started)', color: '#f4a6a6', points: at((sample) => errorCount(sample)), bars: true },
        { name: 'from the servers', color: '#b11f1f', points: at((sample) => errorCount(sample) - (sample.errors[NOT_STARTED] ?? 0)), bars: true },
      ],
    },
    {
      title: 'CPU (100 % = one core; the machine has 2): the nodes, the load generator, everything else',
      unit: '% of a core',
      series: [
        { name: 'nodes (sum)', color: '#1f77b4', points: at((sample) => sample.nodeCpuPercent.reduce<number>((sum, value) => sum + (value ?? 0), 0)) },
        { name: 'load generator', color: '#ff7f0e', points: at((sample) => sample.generatorCpuPercent) },
        { name: 'other processes', color: '#7f7f7f', points: at((sample) => othersCpuPercent(sample)) },
      ],
    },
    {
      title: 'Resident memory (VmRSS) of each Arbor node (the axis does not start at 0)',
      unit: 'MiB',
      fitMinimum: true,
      series: Array.from({ length: nodes }, (_, node) => ({ name: `node ${node}`, color: NODE_COLORS[node % NODE_COLORS.length] ?? '#000', points: at((sample) => sample.rssMiB[node] ?? null) })),
    },
  ];
}
