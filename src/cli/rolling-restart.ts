/**
 * SIGHUP to the primary of `arbor start --workers N`: a rolling restart. For each worker serving
 * now, a new worker is started and, once it listens (within `ROLL_START_TIMEOUT_MS`), the old one
 * stops gracefully (it finishes its requests in flight; it is killed after `SHUTDOWN_TIMEOUT_MS`);
 * so as many workers as before serve throughout. A new worker that does not start ends the roll,
 * the others keep serving. The workers a roll starts and replaces are its own while it runs: their
 * ends are not the restart policy's (`start-primary.ts`), except an old worker that crashed while
 * a successor that then failed was starting, which is replaced like the others. One roll at a time,
 * and none while the workers are still starting.
 */
import type { Worker } from 'node:cluster';
import type { CliContext } from './command.ts';
import { SHUTDOWN_TIMEOUT_MS, stopWorker } from './stop-worker.ts';
import { ending, pids } from './worker-words.ts';

/** How long a new worker of a rolling restart may take to listen. */
export const ROLL_START_TIMEOUT_MS = 60_000;

/** What the primary tells the rolling restart, and SIGHUP. */
export interface RollingRestart {
  /** `worker` reports, for the first time, that it listens. */
  listened(worker: Worker): void;
  /** `worker` ended: nothing is awaited of it any more. */
  forget(worker: Worker): void;
  /** Whether the end of `worker` (`how`, in words) is the roll's to handle (true), not the restart policy's. */
  claimsExit(worker: Worker, how: string): boolean;
  /** SIGHUP: a rolling restart, unless one is under way or the workers are still starting. */
  hangup(): void;
}

/** What the rolling restart needs of the primary. */
export interface RollingRestartOptions {
  ctx: Pick<CliContext, 'out' | 'err'>;
  /** The workers that listen now. */
  listening: ReadonlySet<Worker>;
  /** Whether every worker has listened once (the banner is printed). */
  started(): boolean;
  /** Whether the primary is shutting down. */
  stopping(): boolean;
  /** Forks a worker. */
  fork(): Worker;
  /** Replaces a worker that ended unexpectedly (`how`, in words), as the restart policy says. */
  replaceLater(worker: Worker, how: string): void;
}

/** The rolling restart of the workers of the primary described by `options`. */
export function createRollingRestart(options: RollingRestartOptions): RollingRestart {
  const { ctx, listening } = options;
  /** Workers whose start or exit the rolling restart handles (no restart by the policy), and how those that ended did. */
  const rollOwned = new Set<Worker>();
  const rollOwnedExits = new WeakMap<Worker, string>();
  /** Called when a worker reports that it listens. */
  const listenWaiters = new Map<Worker, () => void>();
  let rolling = false;

  /** Resolves once `worker` listens (undefined), or with why it will not (it ended, or was too slow). */
  const startOf = (worker: Worker): Promise<string | undefined> =>
    new Promise((resolve) => {
      const finish = (why: string | undefined): void => {
        clearTimeout(timer);
        listenWaiters.delete(worker);
        worker.off('exit', onExit);
        resolve(why);
      };
      const onExit = (code: number | null, signal: string | null): void => finish(`exited (${ending(code, signal)}) before listening`);
      const timer = setTimeout(() => finish(`did not listen within ${ROLL_START_TIMEOUT_MS / 1000} s`), ROLL_START_TIMEOUT_MS);
      listenWaiters.set(worker, () => finish(undefined));
      worker.once('exit', onExit);
    });

  /** Resolves once `worker` has exited; killed after `SHUTDOWN_TIMEOUT_MS`. */
  const exitOf = (worker: Worker): Promise<void> =>
    new Promise((resolve) => {
      if (worker.isDead()) {
        resolve();
        return;
      }
      const timer = setTimeout(() => {
        ctx.err(`arbor start: worker ${worker.process.pid} still running ${SHUTDOWN_TIMEOUT_MS / 1000} s after it was asked to stop: killed`);
        worker.process.kill('SIGKILL');
      }, SHUTDOWN_TIMEOUT_MS);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });

  /** One roll: each worker serving now, in turn, replaced by a new one once that listens. */
  const rollWorkers = async (): Promise<void> => {
    const old = [...listening];
    ctx.out(`SIGHUP: replacing the ${old.length} workers (pid ${pids(old)}) one at a time`);
    for (const previous of old) {
      if (options.stopping()) return;
      // One that ended meanwhile is being replaced already.
      if (previous.isDead()) continue;
      // Owned from now: should it crash while its successor starts, the successor replaces it.
      rollOwned.add(previous);
      const next = options.fork();
      rollOwned.add(next);
      const failure = await startOf(next);
      if (options.stopping()) return;
      if (failure !== undefined) {
        if (!next.isDead()) next.process.kill('SIGKILL');
        rollOwned.delete(previous);
        const serving = [...listening].filter((worker) => worker !== next);
        ctx.err(`arbor start: rolling restart stopped: the new worker ${next.process.pid} ${failure}; ${serving.length} workers keep serving (pid ${pids(serving)}). Its messages are above`);
        const crashed = rollOwnedExits.get(previous);
        if (crashed !== undefined) options.replaceLater(previous, crashed);
        return;
      }
      rollOwned.delete(next);
      stopWorker(previous, listening.has(previous));
      await exitOf(previous);
      rollOwnedExits.delete(previous);
      if (options.stopping()) return;
      ctx.out(`SIGHUP: worker ${next.process.pid} replaced worker ${previous.process.pid}`);
    }
    ctx.out(`SIGHUP: rolling restart done; workers now pid ${pids(listening)}`);
  };

  return {
    listened(worker) {
      listenWaiters.get(worker)?.();
    },
    forget(worker) {
      listenWaiters.delete(worker);
    },
    claimsExit(worker, how) {
      if (!rollOwned.delete(worker)) return false;
      rollOwnedExits.set(worker, how);
      return true;
    },
    hangup() {
      if (options.stopping()) return;
      if (!options.started() || rolling) {
        ctx.err(`arbor start: SIGHUP ignored: ${rolling ? 'a rolling restart is under way' : 'the workers are still starting'}`);
        return;
      }
      rolling = true;
      rollWorkers()
        .catch((error: unknown) => ctx.err(`arbor start: rolling restart stopped: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          rolling = false;
        });
    },
  };
}
