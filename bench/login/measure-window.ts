/**
 * Runs client loops for a warm-up, then a measured window, and counts what ended inside the window.
 * The window's edges are where the measured process's CPU time is read (`/proc/<pid>/stat`), so
 * the iterations counted and the CPU they cost cover exactly the same time. Used by the load
 * generator (for the server's CPU) and by the argon2id verifier (for its own).
 */
import { performance } from 'node:perf_hooks';
import { cpuMilliseconds, machineBusyMilliseconds, type ThreadCpu, threadCpuMilliseconds } from './proc-stats.ts';
import { percentile } from './statistics.ts';

/** What one iteration of a loop did. */
export interface Outcome {
  ok: boolean;
  /** Why it failed, for the report. */
  error?: string;
}

/** The figures of one measured window. */
export interface WindowResult {
  /** Length of the window, in seconds (from one CPU reading to the other). */
  seconds: number;
  /** Successful iterations that ended in the window. */
  completed: number;
  /** Failed iterations that ended in the window. */
  failures: number;
  /** The first distinct failure messages. */
  errors: string[];
  /** CPU time the measured process used in the window, in ms. */
  cpuMs: number;
  /** The same by kind of thread (main, libuv's pool, other), in ms. */
  threadCpuMs: ThreadCpu;
  /** CPU time the process running the loops (load generator, verifier) used in the window, in ms. */
  driverCpuMs: number;
  /**
   * CPU time every other process of the machine used in the window (all but the measured one and
   * the one running the loops), in ms: how much other work disturbed the window.
   */
  otherCpuMs: number;
  /** Iteration latency, ms: median and 95th percentile of the successful ones. */
  p50Ms: number;
  p95Ms: number;
  /** The window's edges on the monotonic clock, in µs (V8's CPU profiles use the same clock). */
  fromMicros: number;
  toMicros: number;
}

export interface WindowOptions {
  /** Loops running at once. */
  loops: number;
  warmupSeconds: number;
  seconds: number;
  /** The processes whose CPU time is read at the window's edges (Arbor's primary and workers: all of them). */
  cpuPids: readonly number[];
  /** Loops still running this long after the window are abandoned (their connections closed by the caller). */
  drainSeconds?: number;
}

const monotonicMicros = (): number => Number(process.hrtime.bigint() / 1000n);

/** CPU readings at one edge of the window, in ms. */
interface Readings {
  measured: number;
  threads: ThreadCpu;
  own: number;
  machine: number;
}

const UNREAD: ThreadCpu = { main: Number.NaN, pool: Number.NaN, other: Number.NaN };

/** The readings now, summed over `pids`; NaN when a measured process is gone (it crashed: the failures tell why). */
function readings(pids: readonly number[]): Readings {
  try {
    const threads: ThreadCpu = { main: 0, pool: 0, other: 0 };
    let measured = 0;
    for (const pid of pids) {
      measured += cpuMilliseconds(pid);
      const own = threadCpuMilliseconds(pid);
      threads.main += own.main;
      threads.pool += own.pool;
      threads.other += own.other;
    }
    return { measured, threads, own: cpuMilliseconds(process.pid), machine: machineBusyMilliseconds() };
  } catch {
    return { measured: Number.NaN, threads: UNREAD, own: Number.NaN, machine: Number.NaN };
  }
}

/** Runs `iteration` in `loops` loops for the warm-up and the window; resolves once every loop has stopped. */
export async function measureWindow(iteration: (loop: number) => Promise<Outcome>, options: WindowOptions): Promise<WindowResult> {
  let counting = false;
  let stopped = false;
  let completed = 0;
  let failures = 0;
  const errors: string[] = [];
  const latencies: number[] = [];
  let from = 0;
  let to = 0;
  let cpuFrom: Readings = { measured: 0, threads: UNREAD, own: 0, machine: 0 };
  let cpuTo: Readings = cpuFrom;
  let fromMicros = 0;
  let toMicros = 0;
  let resolveWindowEnd: () => void = () => undefined;
  const windowEnded = new Promise<void>((resolve) => {
    resolveWindowEnd = resolve;
  });
  setTimeout(() => {
    cpuFrom = readings(options.cpuPids);
    from = performance.now();
    fromMicros = monotonicMicros();
    counting = true;
    setTimeout(() => {
      cpuTo = readings(options.cpuPids);
      to = performance.now();
      toMicros = monotonicMicros();
      counting = false;
      stopped = true;
      resolveWindowEnd();
    }, options.seconds * 1000);
  }, options.warmupSeconds * 1000);

  const loop = async (index: number): Promise<void> => {
    while (!stopped) {
      const began = performance.now();
      let outcome: Outcome;
      try {
        outcome = await iteration(index);
      } catch (error) {
        outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      // A failure that comes back without I/O must not starve the timers that end the window.
      if (!outcome.ok) await new Promise((resolve) => setImmediate(resolve));
      // Counted by end time, between the two CPU readings: unbiased in a steady state.
      if (!counting) continue;
      if (outcome.ok) {
        completed += 1;
        latencies.push(performance.now() - began);
      } else {
        failures += 1;
        if (outcome.error !== undefined && errors.length < 3 && !errors.includes(outcome.error)) errors.push(outcome.error);
      }
    }
  };
  const loops = Promise.all(Array.from({ length: options.loops }, (_, index) => loop(index)));
  await windowEnded;
  // A loop stuck on a request that never ends must not hang the benchmark.
  const drain = new Promise<void>((resolve) => setTimeout(resolve, (options.drainSeconds ?? 30) * 1000).unref());
  await Promise.race([loops, drain]);
  latencies.sort((a, b) => a - b);
  return {
    seconds: (to - from) / 1000,
    completed,
    failures,
    errors,
    cpuMs: cpuTo.measured - cpuFrom.measured,
    threadCpuMs: { main: cpuTo.threads.main - cpuFrom.threads.main, pool: cpuTo.threads.pool - cpuFrom.threads.pool, other: cpuTo.threads.other - cpuFrom.threads.other },
    driverCpuMs: cpuTo.own - cpuFrom.own,
    otherCpuMs: Math.max(0, cpuTo.machine - cpuFrom.machine - (cpuTo.measured - cpuFrom.measured) - (options.cpuPids.includes(process.pid) ? 0 : cpuTo.own - cpuFrom.own)),
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    fromMicros,
    toMicros,
  };
}
