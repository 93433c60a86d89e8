/**
 * The benchmark's helper processes (load generator, argon2id verifier, echo server, seeding),
 * forked on the same Node.js as the benchmark, with an IPC channel: a job goes out as a message
 * and its figures come back as one. Each child exits when the channel closes, so none outlives
 * the benchmark, even when it fails.
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { WindowResult } from './measure-window.ts';
import type { JobMessage, ReplyMessage } from './messages.ts';

/** A forked child that runs jobs. */
export interface JobChild<Job> {
  pid: number;
  run(job: Job): Promise<WindowResult>;
  stop(): Promise<void>;
}

/** Forks `bench/login/<script>` with `args` and `env` (the benchmark's own environment when omitted). */
export function forkScript(script: string, options: { args?: string[]; env?: NodeJS.ProcessEnv } = {}): ChildProcess {
  return fork(path.join(import.meta.dirname, script), options.args ?? [], { execArgv: [], env: options.env ?? process.env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** Resolves with the child's first message; fails when it exits before sending one. */
export function firstMessage<T>(child: ChildProcess, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onExit = (code: number | null, signal: string | null): void => reject(new Error(`${what} exited (${signal ?? `status ${code}`}) before answering`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as T);
    });
  });
}

/** Disconnects `child` and waits for it to exit (SIGKILL after 10 s). */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) child.disconnect();
  else child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Forks a job-running child (`load-generator.ts`, `verifier.ts`). */
export function forkJobChild<Job>(script: string): JobChild<Job> {
  const child = forkScript(script);
  const waiting = new Map<number, { resolve(result: WindowResult): void; reject(error: Error): void }>();
  let next = 0;
  child.on('message', (message: ReplyMessage) => {
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if ('error' in message) pending?.reject(new Error(`${script}: ${message.error}`));
    else pending?.resolve(message.result);
  });
  child.on('exit', (code, signal) => {
    for (const pending of waiting.values()) pending.reject(new Error(`${script} exited (${signal ?? `status ${code}`})`));
    waiting.clear();
  });
  if (child.pid === undefined) throw new Error(`cannot start ${script}`);
  return {
    pid: child.pid,
    run(job) {
      const id = next++;
      return new Promise<WindowResult>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.send({ id, job } satisfies JobMessage<Job>);
      });
    },
    stop: () => stopChild(child),
  };
}
