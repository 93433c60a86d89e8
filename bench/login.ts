/**
 * `npm run bench:login [-- --seconds 3 --rounds 5 --concurrency 16 --users 200 --store both --cpu-prof]`:
 * issue 9's measures of Arbor's sign-in path, on SQLite and PostgreSQL (bench/README.md).
 * Arbor runs in its own process (`src/main.ts start`), so do the minimal Fastify JSON route, the
 * raw argon2id verifier and the load generator; this process only orchestrates and reads `/proc`.
 * Each round runs the four phases in turn (A verifications, B sign-ins, C Login start steps,
 * D Fastify route), and every figure is reported as min / median / max over the rounds, with its
 * goal. A benchmark, not a test: it prints numbers and never asserts timing (DESIGN §13).
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { prepareStore } from './login/bench-store.ts';
import { firstMessage, forkJobChild, forkScript, stopChild } from './login/child-processes.ts';
import { formatProfileSummary } from './login/cpu-profile-summary.ts';
import { type Helpers, measureStore } from './login/measure-store.ts';
import type { GeneratorJob, ListeningMessage, VerifierJob } from './login/messages.ts';
import { type LoginBenchOptions, readOptions, USAGE } from './login/options.ts';
import { storeReport } from './login/report.ts';

/** The options, or the usage and exit status 2 when they are wrong. */
function readBenchOptions(): LoginBenchOptions {
  try {
    return readOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`bench:login: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const options = readBenchOptions();
  if (options.cpuProf && options.cpuProfDir === undefined) options.cpuProfDir = await mkdtemp(path.join(os.tmpdir(), 'arbor-bench-cpu-prof-'));
  const cores = os.availableParallelism();
  console.log(`bench/login: Node ${process.version}, ${cores} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), UV_THREADPOOL_SIZE ${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'} for Arbor and the verifier`);
  console.log(
    `${options.rounds} rounds × 4 phases × ${options.seconds} s, ${options.concurrency} concurrent clients, ${options.users} users, stores: ${options.stores.join(', ')}; ` +
      `Arbor, the Fastify route, the verifier and the load generator each run in their own process` +
      (options.workers > 1 ? `; Arbor with ${options.workers} workers (arbor start --workers ${options.workers}), the ceiling in ${options.workers} verifier processes` : ''),
  );

  const echoProcess = forkScript('echo-server.ts');
  const generator = forkJobChild<GeneratorJob>('load-generator.ts');
  // One verifier per Arbor worker: the ceiling hashes in as many processes as Arbor serves with.
  const verifiers = Array.from({ length: options.workers }, () => forkJobChild<VerifierJob>('verifier.ts'));
  try {
    const { port } = await firstMessage<ListeningMessage>(echoProcess, 'the echo server');
    if (echoProcess.pid === undefined) throw new Error('the echo server has no pid');
    const helpers: Helpers = { generator, verifiers, echo: { pid: echoProcess.pid, port } };
    for (const kind of options.stores) {
      const store = await prepareStore(kind, options.postgresUrl, { workers: options.workers, redisUrl: options.redisUrl });
      try {
        console.log(`\n${store.label}`);
        const measurement = await measureStore(store, helpers, options, (line) => console.log(`  ${line}`));
        console.log('');
        for (const line of storeReport(measurement, options)) console.log(line);
        if (measurement.profile !== undefined) {
          console.log('');
          console.log(`CPU profile: ${measurement.profile.file}`);
          for (const line of formatProfileSummary(measurement.profile.summary, measurement.profile.signIns)) console.log(line);
        }
      } finally {
        await store.dispose();
      }
    }
  } finally {
    await Promise.all([generator.stop(), ...verifiers.map((verifier) => verifier.stop()), stopChild(echoProcess)]);
  }
}

await main();
