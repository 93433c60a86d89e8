/**
 * The raw argon2id ceiling, a process of its own (forked by bench/login.ts): for each job it
 * verifies the stored hash in `concurrency` loops with `@node-rs/argon2`, as Arbor does (on
 * libuv's thread pool, whose size comes from UV_THREADPOOL_SIZE as for the server), and answers
 * the verifications per window and the CPU time they cost this process. No HTTP, no store: the
 * hash alone, which every password sign-in pays once.
 */
import { verify } from '@node-rs/argon2';
import type { WindowResult } from './measure-window.ts';
import { measureWindow } from './measure-window.ts';
import type { JobMessage, ReplyMessage, VerifierJob } from './messages.ts';
import { prepareProcStats } from './proc-stats.ts';

async function run(job: VerifierJob): Promise<WindowResult> {
  return measureWindow(async () => ((await verify(job.hash, job.password)) ? { ok: true } : { ok: false, error: 'verify returned false' }), {
    loops: job.concurrency,
    warmupSeconds: job.warmupSeconds,
    seconds: job.seconds,
    cpuPids: [process.pid],
  });
}

prepareProcStats();
process.on('message', (message: JobMessage<VerifierJob>) => {
  run(message.job).then(
    (result) => process.send?.({ id: message.id, result } satisfies ReplyMessage),
    (error: unknown) => process.send?.({ id: message.id, error: error instanceof Error ? error.message : String(error) } satisfies ReplyMessage),
  );
});
process.on('disconnect', () => process.exit(0));
