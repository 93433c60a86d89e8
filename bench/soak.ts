/**
 * `npm run bench:soak`: the soak of issue 16. Three Arbor nodes behind the round-robin proxy of
 * the multi-node tests (test/multinode/harness.ts) on PostgreSQL and Redis, a real SMTP sink; first
 * the peak (the sign-ins/s the three nodes sustain with the mixed load, closed loop at rising
 * concurrency), then `--minutes` at `--load` of it (open loop) with mixed journeys: sign-in,
 * registration, password reset by email (the link followed), IDM queries. Every `--sample-seconds`
 * it samples errors by kind, request latency p50/p99, each node's resident memory and CPU, and the
 * load generator's own CPU; at the end it prints a summary and writes the chart (soak.svg) and the
 * raw samples (samples.json) to `--out`. Prints figures, asserts nothing.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { memoryUsage } from 'node:process';
import { performance } from 'node:perf_hooks';
import { adminSession, configureMail, createUsers, inParallel } from './soak/cluster-setup.ts';
import { type JourneyContext, runJourney } from './soak/journeys.ts';
import { MIX, runClosedLoop, runOpenLoop, SIGN_IN_SHARE } from './soak/load-driver.ts';
import { startMailbox } from './soak/mailbox.ts';
import { readSoakOptions, USAGE } from './soak/options.ts';
import { cpuMilliseconds, machineBusyMilliseconds, pidListeningOn, residentMebibytes } from './soak/proc-reader.ts';
import { createSoakClient } from './soak/soak-client.ts';
import { errorCount, NOT_STARTED, othersCpuPercent, type Sample, sampleOf, summarize } from './soak/soak-samples.ts';
import { readReport, writeReport } from './soak/soak-report.ts';
import { createWindowRecorder, JOURNEY_KINDS } from './soak/window-stats.ts';

let options: ReturnType<typeof readSoakOptions>;
try {
  options = readSoakOptions(process.argv.slice(2));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}

if (options.chartFrom !== undefined) {
  // Only the chart, again, from an earlier run's samples.
  const report = await readReport(options.chartFrom);
  const written = await writeReport(options.out, report);
  console.log(`soak: chart of ${options.chartFrom} written to ${written.svg}`);
  process.exit(0);
}

// The harness reads these when it loads: the documented local services unless set.
process.env.ARBOR_TEST_POSTGRES_URL ||= 'postgres://postgres@127.0.0.1:5432/test';
process.env.ARBOR_TEST_REDIS_URL ||= 'redis://127.0.0.1:6379';
const { MULTINODE_ADMIN_PASSWORD, startCluster } = await import('../test/multinode/harness.ts');

const SIGN_IN_USERS = 300;
const RESET_USERS = 100;
const PEAK_CONCURRENCY = [4, 8, 16, 32, 48, 64];
const PEAK_WARM_UP_MS = 3000;
/** Journeys in flight at most in the soak; past it a due journey is counted as an error, not started. */
const MAX_IN_FLIGHT = 400;

const log = (line: string): void => console.log(line);
const runId = `soak${randomBytes(3).toString('hex')}`;
const recorder = createWindowRecorder();

log(`soak: starting three Arbor nodes on PostgreSQL (${new URL(process.env.ARBOR_TEST_POSTGRES_URL).host}) and Redis (${new URL(process.env.ARBOR_TEST_REDIS_URL).host})…`);
const mailbox = await startMailbox();
// One process per node; the nodes trust the proxy's X-Forwarded-For, where each person's address is (journeys.ts).
// ARBOR_SOAK_NODE_LOG=true keeps the nodes' request logs (in node-<i>.log), to find the cause of an error.
const cluster = await startCluster({ env: { ARBOR_WORKERS: '1', ARBOR_TRUST_PROXY: 'true', ...(process.env.ARBOR_SOAK_NODE_LOG === 'true' ? { ARBOR_LOG: 'true' } : {}) } });
const client = createSoakClient(cluster.url, { connections: 256, timeoutMs: 30_000, onLatency: (ms) => recorder.latency(ms) });
// Interrupted (Ctrl-C, a kill), the soak stops its nodes: left running, they would load the machine of the next run.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`soak: ${signal}, stopping the nodes`);
    void Promise.allSettled([cluster.close(), mailbox.stop()]).then(() => process.exit(130));
  });
}
let exitCode = 0;
try {
  const pids = cluster.nodes.map((node) => pidListeningOn(Number(new URL(node.baseUrl).port)));
  log(`soak: nodes ${cluster.nodes.map((node, index) => `${index} ${node.baseUrl} (pid ${pids[index] ?? '?'})`).join(', ')}; proxy ${cluster.url}`);

  const adminCookie = await adminSession(client, MULTINODE_ADMIN_PASSWORD);
  await configureMail(client, adminCookie, mailbox.port);
  const signInUsers = Array.from({ length: SIGN_IN_USERS }, (_, index) => `${runId}u${index}`);
  const resetUsers = Array.from({ length: RESET_USERS }, (_, index) => `${runId}x${index}`);
  const started = performance.now();
  await createUsers(client, adminCookie, [...signInUsers, ...resetUsers]);
  const ctx: JourneyContext = { client, recorder, mailbox, adminCookie, users: { signIn: [...signInUsers], resetFree: [...resetUsers] }, runId, pending: new Set() };
  // Every sign-in user once (the terms step of a first sign-in), not measured.
  await inParallel(signInUsers, 8, () => runJourney(ctx, 'sign-in'));
  const warm = recorder.take();
  const warmErrors = JOURNEY_KINDS.reduce((sum, kind) => sum + warm.failed[kind], 0);
  log(`soak: ${SIGN_IN_USERS + RESET_USERS} users created and ${SIGN_IN_USERS} first sign-ins in ${((performance.now() - started) / 1000).toFixed(1)} s (${warmErrors} errors${warmErrors > 0 ? `: ${[...warm.examples].map(([kind, example]) => `${kind} — ${example}`).join('; ')}` : ''})`);

  // The peak: closed loop, rising concurrency, until sign-ins/s stop rising or errors pass 1 %.
  let peak = options.peak;
  if (peak === undefined) {
    log(`soak: peak search, mixed load (${JOURNEY_KINDS.join(', ')}), ${options.peakSeconds} s per step after ${PEAK_WARM_UP_MS / 1000} s of warm-up`);
    let best = 0;
    let flat = 0;
    for (const concurrency of PEAK_CONCURRENCY) {
      const begin = performance.now();
      const loop = runClosedLoop(ctx, concurrency, begin + PEAK_WARM_UP_MS + options.peakSeconds * 1000);
      await new Promise((resolve) => setTimeout(resolve, PEAK_WARM_UP_MS));
      recorder.take();
      const measuredFrom = performance.now();
      await loop;
      const window = recorder.take();
      const seconds = (performance.now() - measuredFrom) / 1000;
      const signIns = window.completed['sign-in'] / seconds;
      const done = JOURNEY_KINDS.reduce((sum, kind) => sum + window.completed[kind], 0);
      const failed = JOURNEY_KINDS.reduce((sum, kind) => sum + window.failed[kind], 0);
      const errorShare = failed / Math.max(1, done + failed);
      const sample = sampleOf(window, 0, seconds, { rssMiB: [], nodeCpuPercent: [], generatorCpuPercent: 0, generatorEventLoop: 0, generatorRssMiB: 0, machineCpuPercent: 0 });
      log(`  concurrency ${String(concurrency).padStart(3)}: ${signIns.toFixed(1)} sign-ins/s, ${(done / seconds).toFixed(1)} journeys/s, p50 ${sample.p50Ms} ms, p99 ${sample.p99Ms} ms, ${failed} errors${failed > 0 ? ` (${[...window.errors].map(([kind, count]) => `${kind}: ${count}`).join(', ')})` : ''}`);
      if (errorShare > 0.01) break;
      // Two steps in a row without 5 % more sign-ins: the plateau (one may be another process's burst).
      flat = signIns > best * 1.05 ? 0 : flat + 1;
      best = Math.max(best, signIns);
      if (flat >= 2) break;
    }
    peak = best;
  }
  if (!(peak > 0)) throw new Error('no peak: no sign-in succeeded in the peak search');
  const targetSignIns = peak * options.load;
  const targetJourneys = targetSignIns / SIGN_IN_SHARE;
  log(`soak: peak ${peak.toFixed(1)} sign-ins/s with the mixed load; soak at ${Math.round(options.load * 100)} %: ${targetSignIns.toFixed(1)} sign-ins/s, ${targetJourneys.toFixed(1)} journeys/s, for ${options.minutes} min, a sample every ${options.sampleSeconds} s`);

  // The soak.
  recorder.take();
  const samples: Sample[] = [];
  const latencies: number[][] = [];
  const soakStart = performance.now();
  const stopAt = soakStart + options.minutes * 60_000;
  let last = { at: soakStart, cpu: process.cpuUsage(), elu: performance.eventLoopUtilization(), machine: machineBusyMilliseconds(), nodes: pids.map((pid) => (pid === undefined ? undefined : cpuMilliseconds(pid))) };
  const takeSample = (): void => {
    const now = performance.now();
    const seconds = (now - last.at) / 1000;
    if (seconds < 1) return;
    const window = recorder.take();
    const cpu = process.cpuUsage(last.cpu);
    const elu = performance.eventLoopUtilization(last.elu);
    const machine = machineBusyMilliseconds();
    const nodes = pids.map((pid) => (pid === undefined ? undefined : cpuMilliseconds(pid)));
    const sample = sampleOf(window, (now - soakStart) / 1000, seconds, {
      rssMiB: pids.map((pid) => {
        const rss = pid === undefined ? undefined : residentMebibytes(pid);
        return rss === undefined ? null : Number(rss.toFixed(1));
      }),
      nodeCpuPercent: nodes.map((value, index) => {
        const before = last.nodes[index];
        return value === undefined || before === undefined ? null : Number(((value - before) / (seconds * 10)).toFixed(1));
      }),
      generatorCpuPercent: Number(((cpu.user + cpu.system) / 1000 / (seconds * 10)).toFixed(1)),
      generatorEventLoop: Number(elu.utilization.toFixed(3)),
      generatorRssMiB: Number((memoryUsage.rss() / 1048576).toFixed(1)),
      machineCpuPercent: Number(((machine - last.machine) / (seconds * 10)).toFixed(1)),
    });
    last = { at: now, cpu: process.cpuUsage(), elu: performance.eventLoopUtilization(), machine, nodes };
    samples.push(sample);
    latencies.push(window.latencies);
    const errors = errorCount(sample);
    log(
      `  ${String(Math.round(sample.t)).padStart(4)} s: ${sample.journeysPerSecond.toFixed(1).padStart(5)} journeys/s, ${sample.signInsPerSecond.toFixed(1).padStart(5)} sign-ins/s, p50 ${String(sample.p50Ms).padStart(5)} ms, p99 ${String(sample.p99Ms).padStart(6)} ms, errors ${errors}, RSS ${sample.rssMiB.map((rss) => (rss === null ? '-' : rss.toFixed(0))).join('/')} MiB, node CPU ${sample.nodeCpuPercent.map((value) => (value === null ? '-' : value.toFixed(0))).join('/')} %, generator CPU ${sample.generatorCpuPercent.toFixed(0)} % (event loop ${(sample.generatorEventLoop * 100).toFixed(0)} %), machine ${sample.machineCpuPercent.toFixed(0)} %`,
    );
    if (errors > 0) for (const [kind, count] of window.errors) log(`         ${count} × ${kind}: ${window.examples.get(kind)?.replace(/\s+/g, ' ').slice(0, 160) ?? ''}`);
  };
  const sampler = setInterval(takeSample, options.sampleSeconds * 1000);
  const result = await runOpenLoop(ctx, targetJourneys, stopAt, MAX_IN_FLIGHT, (kind) => recorder.failed(kind, NOT_STARTED, `${MAX_IN_FLIGHT} journeys were in flight`));
  clearInterval(sampler);
  takeSample();
  // Journeys running at the end (resets waiting for their email too) end outside the samples.
  const runningAtEnd = ctx.pending.size;
  await Promise.race([Promise.all([result.running, ...ctx.pending]), new Promise((resolve) => setTimeout(resolve, 70_000))]);
  const tail = recorder.take();
  const tailFailed = JOURNEY_KINDS.reduce((sum, kind) => sum + tail.failed[kind], 0);
  const tailDone = JOURNEY_KINDS.reduce((sum, kind) => sum + tail.completed[kind], 0);

  const summary = summarize(samples, latencies, cluster.nodes.length);
  const mean = (pick: (sample: Sample) => number): number => samples.reduce((sum, sample) => sum + pick(sample), 0) / Math.max(1, samples.length);
  const machine = mean((sample) => sample.machineCpuPercent);
  const others = mean(othersCpuPercent);
  const nodesCpu = mean((sample) => sample.nodeCpuPercent.reduce<number>((sum, value) => sum + (value ?? 0), 0));
  log('');
  log(`soak summary (${options.minutes} min, ${samples.length} samples, ${result.started} journeys started at ${targetJourneys.toFixed(1)}/s, ${mailbox.received()} emails received):`);
  log(`  peak                 ${peak.toFixed(1)} sign-ins/s (mixed load); soak target ${targetSignIns.toFixed(1)} sign-ins/s, ${targetJourneys.toFixed(1)} journeys/s`);
  log(`  errors               ${summary.errors} of ${summary.journeys} journeys${Object.keys(summary.errorsByKind).length > 0 ? `: ${Object.entries(summary.errorsByKind).map(([kind, count]) => `${count} × ${kind}`).join('; ')}` : ''}`);
  log(`  after the end        ${tailDone + tailFailed} journeys running at the end ended (${runningAtEnd} resets were waiting for their email): ${tailDone} completed, ${tailFailed} failed${tailFailed > 0 ? ` (${[...tail.errors].map(([kind, count]) => `${count} × ${kind}`).join('; ')})` : ''}`);
  log(`  p99 drift            first minute ${summary.p99FirstMinuteMs} ms, last minute ${summary.p99LastMinuteMs} ms (${summary.p99Drift === null ? 'n/a' : `${summary.p99Drift >= 0 ? '+' : ''}${(summary.p99Drift * 100).toFixed(1)} %`})`);
  summary.memory.forEach((node, index) => {
    log(`  memory node ${index}        ${node.firstMiB} → ${node.lastMiB} MiB (drift ${node.driftMiB === null ? 'n/a' : `${node.driftMiB >= 0 ? '+' : ''}${node.driftMiB}`} MiB, max ${node.maxMiB} MiB, trend ${node.slopeMiBPerMinute} MiB/min)`);
  });
  log(`  load generator       CPU mean ${summary.generatorCpuPercent.mean} % of a core (max ${summary.generatorCpuPercent.max} %), event loop busy mean ${(summary.generatorEventLoop.mean * 100).toFixed(0)} % (max ${(summary.generatorEventLoop.max * 100).toFixed(0)} %); it also hosts the proxy and the SMTP sink`);
  log(`  machine              mean ${machine.toFixed(0)} % of one core busy: the nodes ${nodesCpu.toFixed(0)} %, the generator ${summary.generatorCpuPercent.mean} %, other processes (PostgreSQL and Redis among them) ${others.toFixed(0)} %`);
  if (others > 50) log(`  WARNING              other processes used ${others.toFixed(0)} % of a core on average: the machine was shared, the figures are the machine's as much as Arbor's`);
  if (result.skipped > 0) log(`  WARNING              ${result.skipped} journeys were due but not started: ${MAX_IN_FLIGHT} were in flight (the nodes fell behind the rate)`);
  if (summary.generatorEventLoop.max > 0.8) log('  WARNING              the load generator\'s event loop was busy over 80 % of a sample: it may have limited the rate');

  const written = await writeReport(options.out, { options, peak, targetSignIns, targetJourneys, mix: Object.entries(MIX).map(([kind, weight]) => `${kind} ${weight}`).join(', '), summary, samples });
  log(`  written              ${written.svg}, ${written.json}`);
} catch (error) {
  console.error(`soak: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await client.close().catch(() => undefined);
  // What the nodes printed (their request logs are off): the first place to look for a 500.
  await mkdir(options.out, { recursive: true });
  await Promise.all(cluster.nodes.map((node, index) => writeFile(path.join(options.out, `node-${index}.log`), node.output()).catch(() => undefined)));
  await cluster.close();
  await mailbox.stop();
}
process.exit(exitCode);
