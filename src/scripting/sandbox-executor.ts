/**
 * Where attempts run. `inProcessExecutor` runs them on the calling thread (tests, tools): simple,
 * but a script holds the thread for as long as it runs. `workerExecutor` runs them on a few
 * worker threads, each with its own QuickJS module (`sandbox-worker.ts`), so a runaway script
 * delays only the scripts queued behind it, never the server's other requests; a worker that
 * does not answer within the script's time limit and a grace period is ended and replaced.
 * Workers start when first needed, and a job's time counts from the moment its worker is ready (its
 * QuickJS module loaded): a worker starting on a busy machine takes a second or more, which must
 * not fail the first script it is given. One that is not ready within `startupMs` is replaced.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { dropQuickJsModule, quickJsModule } from './quickjs-module.ts';
import type { SandboxJob, SandboxJobResult, SandboxWorkerMessage } from './sandbox-job.ts';
import { executeSandboxJob } from './sandbox-job.ts';

/** Runs attempts. */
export interface SandboxExecutor {
  execute(job: SandboxJob): Promise<SandboxJobResult>;
  /** Ends the workers (if any). */
  close(): Promise<void>;
}

/** Attempts on this thread, in the module of `quickjs-module.ts`. */
export function inProcessExecutor(): SandboxExecutor {
  return {
    async execute(job) {
      const result = executeSandboxJob(await quickJsModule(), job);
      if (result.kind === 'broken') dropQuickJsModule();
      return result;
    },
    async close() {},
  };
}

/** What a worker pool may change. */
export interface WorkerExecutorOptions {
  /** Workers (default: the cores, at most 4). */
  workers?: number;
  /** How long past a job's time limit a silent worker is given before it is ended (default 2000 ms). */
  graceMs?: number;
  /** How long a new worker may take to be ready before it is ended (default 30,000 ms). */
  startupMs?: number;
  /** Attempts waiting for a worker at most (default 1000); more fail at once. */
  maxQueued?: number;
}

interface Waiting {
  job: SandboxJob;
  resolve(result: SandboxJobResult): void;
}

interface Slot {
  worker: Worker;
  /** True once the worker has loaded its QuickJS module. */
  ready: boolean;
  busy: Waiting | undefined;
  timer: NodeJS.Timeout | undefined;
}

const WORKER_URL = new URL('./sandbox-worker.ts', import.meta.url);

/** Attempts on a pool of worker threads. */
export function workerExecutor(options: WorkerExecutorOptions = {}): SandboxExecutor {
  const size = Math.max(1, options.workers ?? Math.min(4, availableParallelism()));
  const graceMs = options.graceMs ?? 2000;
  const startupMs = options.startupMs ?? 30_000;
  const maxQueued = options.maxQueued ?? 1000;
  const queue: Waiting[] = [];
  const slots: Slot[] = [];
  let closed = false;

  function finish(slot: Slot, result: SandboxJobResult): void {
    const waiting = slot.busy;
    slot.busy = undefined;
    if (slot.timer !== undefined) clearTimeout(slot.timer);
    slot.timer = undefined;
    waiting?.resolve(result);
    pump();
  }

  function replace(slot: Slot, result: SandboxJobResult): void {
    const old = slot.worker;
    old.removeAllListeners();
    void old.terminate();
    if (!closed) slot.worker = spawn();
    slot.ready = false;
    finish(slot, result);
  }

  /** Ends the busy `slot`'s worker if its job is not answered in time: the job's limit and the grace once the worker is ready, `startupMs` before. */
  function arm(slot: Slot): void {
    const waiting = slot.busy;
    if (waiting === undefined) return;
    if (slot.timer !== undefined) clearTimeout(slot.timer);
    const { timeoutMs } = waiting.job.limits;
    slot.timer = slot.ready
      ? setTimeout(() => replace(slot, { kind: 'failed', code: 'SCRIPT_TIMEOUT', message: `ran longer than ${timeoutMs} ms; its worker was ended`, lines: [] }), timeoutMs + graceMs)
      : setTimeout(() => replace(slot, { kind: 'failed', code: 'SCRIPT_ERROR', message: `the script worker was not ready within ${startupMs} ms; it was ended`, lines: [] }), startupMs);
  }

  function spawn(): Worker {
    const worker = new Worker(WORKER_URL);
    worker.unref();
    // Events come after `spawn` returned, once the worker is in its slot.
    const mine = (): Slot | undefined => slots.find((candidate) => candidate.worker === worker);
    worker.on('message', (result: SandboxWorkerMessage) => {
      const owner = mine();
      if (owner === undefined) return;
      if (result.kind === 'ready') {
        owner.ready = true;
        arm(owner);
      } else if (result.kind === 'broken') replace(owner, result);
      else finish(owner, result);
    });
    worker.on('error', (error) => {
      const owner = mine();
      if (owner !== undefined) replace(owner, { kind: 'broken', message: error.message });
    });
    worker.on('exit', () => {
      const owner = mine();
      if (!closed && owner !== undefined) replace(owner, { kind: 'broken', message: 'the script worker stopped' });
    });
    return worker;
  }

  function pump(): void {
    for (const slot of slots) {
      if (slot.busy !== undefined) continue;
      const waiting = queue.shift();
      if (waiting === undefined) {
        slot.worker.unref();
        continue;
      }
      slot.busy = waiting;
      slot.worker.ref();
      arm(slot);
      slot.worker.postMessage(waiting.job);
    }
  }


  return {
    execute(job) {
      if (closed) return Promise.resolve({ kind: 'failed', code: 'SCRIPT_ERROR', message: 'scripting is shut down', lines: [] });
      if (queue.length >= maxQueued) return Promise.resolve({ kind: 'failed', code: 'SCRIPT_ERROR', message: `more than ${maxQueued} scripts are waiting to run`, lines: [] });
      return new Promise((resolve) => {
        queue.push({ job, resolve });
        // Workers start when first needed: a server whose journeys run no script starts none.
        if (slots.length < size && slots.every((slot) => slot.busy !== undefined)) slots.push({ worker: spawn(), ready: false, busy: undefined, timer: undefined });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const waiting of queue.splice(0)) waiting.resolve({ kind: 'failed', code: 'SCRIPT_ERROR', message: 'scripting is shut down', lines: [] });
      await Promise.all(
        slots.map(async (slot) => {
          if (slot.timer !== undefined) clearTimeout(slot.timer);
          slot.busy?.resolve({ kind: 'failed', code: 'SCRIPT_ERROR', message: 'scripting is shut down', lines: [] });
          slot.busy = undefined;
          slot.worker.removeAllListeners();
          await slot.worker.terminate();
        }),
      );
    },
  };
}
