/**
 * The primary of `arbor start --workers N` (`node:cluster`). It serves nothing itself: first it
 * does, once, what must not run N times at once (`prepare-once.ts`), then it forks N workers
 * (`start-worker.ts`) that each build the whole Arbor and share the listening port (the primary
 * hands connections out in turn). It prints the start banner once every worker listens; a worker
 * that fails to start stops them all with its exit status. A worker that ends unexpectedly later
 * is replaced after a growing delay, and a crash loop stops the primary (`restart-policy.ts`).
 * SIGHUP replaces the workers one at a time (`rolling-restart.ts`); SIGTERM or SIGINT stops every
 * worker gracefully (`stop-worker.ts`: each stops accepting, finishes its requests in flight and
 * exits); workers still running after `SHUTDOWN_TIMEOUT_MS` are killed and the primary exits 1.
 * It also sums the workers' metrics for `GET /metrics` (`primary-metrics.ts`).
 */
import cluster, { type Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import type { ServerSettings } from '../config/server-settings.ts';
import { workerMessage } from './cluster-messages.ts';
import type { CliContext } from './command.ts';
import { prepareOnce } from './prepare-once.ts';
import { createPrimaryMetrics } from './primary-metrics.ts';
import { createRestartPolicy } from './restart-policy.ts';
import { createRollingRestart } from './rolling-restart.ts';
import { startBanner } from './start-banner.ts';
import { SHUTDOWN_TIMEOUT_MS, stopWorker } from './stop-worker.ts';
import { ending, pids } from './worker-words.ts';

/** The `arbor` command the workers run (with Node's compile cache, as `npm start`). */
const ARBOR_BIN = fileURLToPath(new URL('../../bin/arbor.js', import.meta.url));

/** Runs the primary: prepares, forks `workers` workers and supervises them until a signal stops them. */
export async function runPrimary(settings: Readonly<ServerSettings>, ctx: CliContext, options: { workers: number }): Promise<number> {
  const dialect = await prepareOnce(settings, ctx);
  const env = Object.fromEntries(Object.entries(ctx.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  cluster.setupPrimary({ exec: ARBOR_BIN, args: ['start'] });
  const listening = new Set<Worker>();
  const restarts = new Set<NodeJS.Timeout>();
  const policy = createRestartPolicy();
  const metrics = createPrimaryMetrics({ serving: () => [...listening], onError: ctx.err });
  let started = false;
  let stopping = false;
  let exitCode = 0;
  let announceReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    announceReady = resolve;
  });

  const fork = (): Worker => {
    const worker = cluster.fork(env);
    worker.on('message', (raw: unknown) => {
      const message = workerMessage(raw);
      if (message === undefined) return;
      if (message.arbor !== 'listening') {
        metrics.handle(worker, message);
        return;
      }
      if (listening.has(worker)) return;
      listening.add(worker);
      roll.listened(worker);
      if (stopping) {
        stop(worker);
        return;
      }
      if (!started && listening.size === options.workers) {
        started = true;
        for (const line of startBanner(settings, { port: message.port, dialect, workers: options.workers })) ctx.out(line);
        announceReady();
      }
    });
    return worker;
  };

  const stop = (worker: Worker): void => stopWorker(worker, listening.has(worker));

  const liveWorkers = (): Worker[] => Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined && !worker.isDead());

  const finishIfDone = (): void => {
    if (stopping && liveWorkers().length === 0) process.exit(exitCode);
  };

  const shutdown = (code: number): void => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    for (const timer of restarts) clearTimeout(timer);
    restarts.clear();
    for (const worker of liveWorkers()) stop(worker);
    setTimeout(() => {
      const left = liveWorkers();
      ctx.err(`arbor start: ${left.length} worker(s) still running ${SHUTDOWN_TIMEOUT_MS / 1000} s after the shutdown began (pid ${pids(left)}): killed`);
      for (const worker of left) worker.process.kill('SIGKILL');
      exitCode = 1;
    }, SHUTDOWN_TIMEOUT_MS).unref();
    finishIfDone();
  };

  cluster.on('exit', (worker, code, signal) => {
    const wasListening = listening.delete(worker);
    roll.forget(worker);
    metrics.exited(worker);
    if (stopping) {
      // One still starting is stopped by SIGTERM's default action: nothing of it to finish.
      if (code !== 0 && (wasListening || signal !== 'SIGTERM')) exitCode = 1;
      finishIfDone();
      return;
    }
    if (roll.claimsExit(worker, ending(code, signal))) return;
    if (!started) {
      // A worker that cannot start (its message is above) stops the start, with its status.
      ctx.err(`arbor start: worker ${worker.process.pid} exited (${ending(code, signal)}) before listening: stopping`);
      shutdown(code === null || code === 0 ? 1 : code);
      return;
    }
    replaceLater(worker, ending(code, signal));
  });

  /** A worker that ended unexpectedly is replaced after the policy's delay (or, in a crash loop, Arbor stops). */
  const replaceLater = (worker: Worker, how: string): void => {
    const pid = worker.process.pid;
    const decision = policy.exited(Date.now());
    if (!decision.restart) {
      ctx.err(`arbor start: ${decision.recentExits} workers exited within a minute (the last, worker ${pid}: ${how}): stopping. The workers' messages are above`);
      shutdown(1);
      return;
    }
    ctx.err(`arbor start: worker ${pid} exited unexpectedly (${how}): starting another in ${decision.delayMs / 1000} s`);
    const timer = setTimeout(() => {
      restarts.delete(timer);
      if (!stopping) fork();
    }, decision.delayMs);
    restarts.add(timer);
  };

  const roll = createRollingRestart({ ctx, listening, started: () => started, stopping: () => stopping, fork, replaceLater });

  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    ctx.out(`${signal}: shutting down`);
    shutdown(0);
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  process.on('SIGHUP', roll.hangup);
  for (let index = 0; index < options.workers; index += 1) fork();
  await ready;
  return 0;
}
