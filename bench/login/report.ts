/**
 * The report of one store: issue 9's table of measures (min / median / max over the rounds, or
 * over the starts, with the goal beside each figure and whether the median meets it), then the
 * figures they come from, then the ceiling check.
 */
import type { Round, StoreMeasurement } from './measure-store.ts';
import type { WindowResult } from './measure-window.ts';
import type { LoginBenchOptions } from './options.ts';
import type { ThreadCpu } from './proc-stats.ts';
import { type Spread, spread } from './statistics.ts';

/** The load generator is not the bottleneck when the minimal route reaches this (2 cores). */
export const CEILING_FLOOR = 20_000;
/** Above this (cores used by other processes during the windows without Arbor), the report warns that the machine was busy. */
const QUIET_CORES = 0.25;

type Comparison = '≥' | '≤' | '<';

interface Goal {
  comparison: Comparison;
  value: number;
}

const rate = (window: WindowResult): number => window.completed / window.seconds;
const otherCores = (window: WindowResult): number => window.otherCpuMs / 1000 / window.seconds;
const cpuPer = (window: WindowResult): number => (window.completed === 0 ? Number.NaN : window.cpuMs / window.completed);
const threadCpuPer = (window: WindowResult, kind: keyof ThreadCpu): number => (window.completed === 0 ? Number.NaN : window.threadCpuMs[kind] / window.completed);

/** Server CPU per password step besides the hash, for one round: (sign-in − start step) − one raw verification. */
export function besidesHash(round: Round): number {
  return cpuPer(round.signIn) - cpuPer(round.start) - cpuPer(round.verify);
}

function meets(value: number, goal: Goal): boolean {
  if (goal.comparison === '≥') return value >= goal.value;
  if (goal.comparison === '≤') return value <= goal.value;
  return value < goal.value;
}

function fixed(value: number, digits: number): string {
  return Number.isNaN(value) ? '–' : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const LABEL = 58;
const COLUMN = 10;

function header(title: string): string {
  return `${title.padEnd(LABEL)}${'min'.padStart(COLUMN)}${'median'.padStart(COLUMN)}${'max'.padStart(COLUMN)}   goal       median meets it`;
}

function row(label: string, figures: Spread, digits: number, goal?: Goal, unit = ''): string {
  const numbers = `${label.padEnd(LABEL)}${fixed(figures.min, digits).padStart(COLUMN)}${fixed(figures.median, digits).padStart(COLUMN)}${fixed(figures.max, digits).padStart(COLUMN)}`;
  if (goal === undefined) return numbers;
  return `${numbers}   ${`${goal.comparison} ${goal.value}${unit}`.padEnd(11)}${meets(figures.median, goal) ? 'yes' : 'NO'}`;
}

function failures(name: string, windows: readonly WindowResult[]): string | undefined {
  const count = windows.reduce((sum, window) => sum + window.failures, 0);
  if (count === 0) return undefined;
  const errors = [...new Set(windows.flatMap((window) => window.errors))].slice(0, 3);
  return `${name}: ${count} failed (${errors.join(' | ')})`;
}

/** The rows splitting a CPU figure by kind of thread. */
function threadRows(figures: (kind: keyof ThreadCpu) => Spread, digits: number): string[] {
  return [
    row('  main thread (JavaScript)', figures('main'), digits),
    row('  libuv thread pool (argon2id, WebCrypto)', figures('pool'), digits),
    row('  other threads (V8 garbage collector, compiler)', figures('other'), digits),
  ];
}

/** The lines of one store's report. */
export function storeReport(measurement: StoreMeasurement, options: LoginBenchOptions): string[] {
  const { rounds } = measurement;
  const over = (figure: (round: Round) => number): Spread => spread(rounds.map(figure));
  const signInGoal = measurement.store.kind === 'sqlite' ? 0.9 : 0.85;
  const ceiling = `${options.ceilingConnections} connections × ${options.ceilingPipelining} in flight`;
  const background = spread(rounds.flatMap((r) => [r.verify, r.route].map(otherCores)));
  const lines = [
    header(`issue 9 measures (${rounds.length} rounds of ${options.seconds} s per phase)`),
    row('sign-ins/s ÷ raw argon2id verifications/s', over((r) => rate(r.signIn) / rate(r.verify)), 2, { comparison: '≥', value: signInGoal }),
    row('Login start step ÷ minimal Fastify JSON route', over((r) => rate(r.start) / rate(r.route)), 3, { comparison: '≥', value: 0.25 }),
    row('server CPU per password step besides the hash, ms', over(besidesHash), 2, { comparison: '≤', value: 0.5 }, ' ms'),
    row(`resident memory after start, MiB (${measurement.starts.length} starts)`, spread(measurement.starts.map((s) => s.rssMiB)), 0, { comparison: '<', value: 120 }, ' MiB'),
    row(`start to /health/ready, existing data, s (${measurement.starts.length} starts)`, spread(measurement.starts.map((s) => s.readySeconds)), 2, { comparison: '<', value: 0.5 }, ' s'),
    '',
    header('from which'),
    row(`sign-ins/s (alpha Login, 2 requests, ${options.concurrency} clients)`, over((r) => rate(r.signIn)), 1),
    row(`raw argon2id verifications/s (${options.concurrency} at once)`, over((r) => rate(r.verify)), 1),
    row(`Login start steps/s (${options.concurrency} clients)`, over((r) => rate(r.start)), 0),
    row(`Fastify route requests/s (${ceiling})`, over((r) => rate(r.route)), 0),
    row('server CPU per sign-in, ms', over((r) => cpuPer(r.signIn)), 2),
    ...threadRows((kind) => over((r) => threadCpuPer(r.signIn, kind)), 2),
    row('server CPU per start step, ms', over((r) => cpuPer(r.start)), 3),
    ...threadRows((kind) => over((r) => threadCpuPer(r.start, kind)), 3),
    row('CPU per raw argon2id verification, ms (verifier process)', over((r) => cpuPer(r.verify)), 2),
    row('Fastify server CPU per request, ms', over((r) => cpuPer(r.route)), 3),
    row('other processes\' CPU, cores: verification, route windows', background, 2),
    row(`  sign-in, start step windows${measurement.store.kind === 'postgres' ? ' (PostgreSQL included)' : ''}`, spread(rounds.flatMap((r) => [r.signIn, r.start].map(otherCores))), 2),
    row('load generator CPU, cores: sign-in windows', over((r) => r.signIn.driverCpuMs / 1000 / r.signIn.seconds), 2),
    row('  start step windows', over((r) => r.start.driverCpuMs / 1000 / r.start.seconds), 2),
    row('sign-in latency p50 / p95, ms', over((r) => r.signIn.p50Ms), 1),
    row('', over((r) => r.signIn.p95Ms), 1),
    row('start step latency p50 / p95, ms', over((r) => r.start.p50Ms), 1),
    row('', over((r) => r.start.p95Ms), 1),
    `measured server: ready in ${measurement.measuredStart.readySeconds.toFixed(2)} s, ${measurement.measuredStart.rssMiB.toFixed(0)} MiB resident; users seeded in ${measurement.seedSeconds.toFixed(1)} s (argon2id ${measurement.hashParameters})`,
  ];
  const failed = [
    failures('sign-ins', rounds.map((r) => r.signIn)),
    failures('start steps', rounds.map((r) => r.start)),
    failures('verifications', rounds.map((r) => r.verify)),
    failures('route requests', rounds.map((r) => r.route)),
  ].filter((line): line is string => line !== undefined);
  lines.push(failed.length === 0 ? 'failures: none' : `failures: ${failed.join('; ')}`);
  const routeRate = over((r) => rate(r.route)).median;
  lines.push(
    routeRate >= CEILING_FLOOR
      ? `ceiling check: the minimal Fastify route reached ${fixed(routeRate, 0)} requests/s (median, ${ceiling}) ≥ ${fixed(CEILING_FLOOR, 0)}: the load generator is not the bottleneck`
      : `WARNING: the minimal Fastify route reached only ${fixed(routeRate, 0)} requests/s (median, ${ceiling}), under ${fixed(CEILING_FLOOR, 0)}: the load generator or other work on the machine limits it, and the route ratio overstates Arbor`,
  );
  if (background.median > QUIET_CORES) {
    lines.push(
      `WARNING: other processes kept ${fixed(background.median, 2)} cores busy (median) while the verifier and the route were measured: the machine was not quiet, ` +
        'so absolute figures are low and spread; the ratios of a round (neighbouring phases) suffer less. Rerun on a quiet machine for figures to quote',
    );
  }
  return lines;
}
