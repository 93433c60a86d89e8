/**
 * Everything measured on one store: seed the users (their own process), time several starts of
 * Arbor on the seeded data, start the measured Arbor, then run the rounds, each one the four
 * phases in turn (verifications, sign-ins, start steps, Fastify route), so that every phase sees
 * the same average conditions on a noisy machine and each round's ratios compare neighbours.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseOptions } from '@node-rs/argon2';
import type { ArborServer } from './arbor-server.ts';
import { environmentWithoutArborSettings, startArbor } from './arbor-server.ts';
import type { BenchStore } from './bench-store.ts';
import { firstMessage, forkScript, type JobChild, stopChild } from './child-processes.ts';
import type { ProfileSummary } from './cpu-profile-summary.ts';
import { PROFILE_INTERVAL_MICROS, readNewestProfile, summarizeProfile } from './cpu-profile-summary.ts';
import type { WindowResult } from './measure-window.ts';
import type { GeneratorJob, SeedReply, VerifierJob } from './messages.ts';
import type { LoginBenchOptions } from './options.ts';
import { USER_PASSWORD } from './users.ts';

/** The helper processes, shared by the stores. */
export interface Helpers {
  generator: JobChild<GeneratorJob>;
  /** One verifier per Arbor worker: the ceiling uses as many processes (and thread pools) as Arbor. */
  verifiers: JobChild<VerifierJob>[];
  echo: { pid: number; port: number };
}

/** One round: the four phases' windows. */
export interface Round {
  verify: WindowResult;
  signIn: WindowResult;
  start: WindowResult;
  route: WindowResult;
}

/** A start of Arbor on the existing (seeded) data. */
export interface StartFigures {
  readySeconds: number;
  rssMiB: number;
}

export interface StoreMeasurement {
  store: BenchStore;
  seedSeconds: number;
  /** The stored hash's argon2 parameters, as `m=… KiB, t=…, p=…`. */
  hashParameters: string;
  starts: StartFigures[];
  measuredStart: StartFigures;
  rounds: Round[];
  profile?: { file: string; summary: ProfileSummary; signIns: number };
}

/** Seconds of each phase before its window: connections open, the server reaches a steady state. */
const WARMUP_SECONDS = 0.25;

async function seed(store: BenchStore, users: number): Promise<SeedReply> {
  const child = forkScript('seed-users.ts', { args: ['--users', String(users)], env: { ...environmentWithoutArborSettings(), ...store.settings } });
  try {
    return await firstMessage<SeedReply>(child, 'seeding');
  } finally {
    await stopChild(child);
  }
}

function startFigures(server: ArborServer): StartFigures {
  return { readySeconds: server.readySeconds, rssMiB: server.readyRssMiB };
}

/**
 * The raw verifications of N verifier processes at once, `concurrency` split among them, as one
 * window: counts and CPU summed; each verifier's "other processes" CPU includes the other
 * verifiers', which is taken out.
 */
async function verifyInParallel(verifiers: readonly JobChild<VerifierJob>[], job: VerifierJob): Promise<WindowResult> {
  const shares = verifiers.map((_, index) => Math.floor(job.concurrency / verifiers.length) + (index < job.concurrency % verifiers.length ? 1 : 0));
  const windows = await Promise.all(verifiers.map((verifier, index) => verifier.run({ ...job, concurrency: Math.max(1, shares[index] ?? 1) })));
  const sum = (figure: (window: WindowResult) => number): number => windows.reduce((total, window) => total + figure(window), 0);
  const mean = (figure: (window: WindowResult) => number): number => sum(figure) / windows.length;
  const cpuMs = sum((window) => window.cpuMs);
  return {
    seconds: mean((window) => window.seconds),
    completed: sum((window) => window.completed),
    failures: sum((window) => window.failures),
    errors: [...new Set(windows.flatMap((window) => window.errors))].slice(0, 3),
    cpuMs,
    threadCpuMs: { main: sum((window) => window.threadCpuMs.main), pool: sum((window) => window.threadCpuMs.pool), other: sum((window) => window.threadCpuMs.other) },
    driverCpuMs: cpuMs,
    // Each saw the machine minus itself; the machine minus all of them is what other processes used.
    otherCpuMs: Math.max(0, mean((window) => window.otherCpuMs + window.cpuMs) - cpuMs),
    p50Ms: mean((window) => window.p50Ms),
    p95Ms: mean((window) => window.p95Ms),
    fromMicros: Math.min(...windows.map((window) => window.fromMicros)),
    toMicros: Math.max(...windows.map((window) => window.toMicros)),
  };
}

/** The four phases of a round against `arbor`, in turn; `seconds` measured each. */
async function runRound(helpers: Helpers, arbor: ArborServer, hash: string, options: LoginBenchOptions, timing: { warmupSeconds: number; seconds: number }): Promise<Round> {
  const clients = { connections: options.concurrency, pipelining: 1, ...timing };
  const verify = await verifyInParallel(helpers.verifiers, { hash, password: USER_PASSWORD, concurrency: options.concurrency, ...timing });
  const signIn = await helpers.generator.run({ kind: 'sign-in', port: arbor.port, cpuPids: arbor.pids, users: { count: options.users, password: USER_PASSWORD }, ...clients });
  const start = await helpers.generator.run({ kind: 'start', port: arbor.port, cpuPids: arbor.pids, ...clients });
  const route = await helpers.generator.run({ kind: 'route', port: helpers.echo.port, cpuPids: [helpers.echo.pid], connections: options.ceilingConnections, pipelining: options.ceilingPipelining, ...timing });
  return { verify, signIn, start, route };
}

const rate = (window: WindowResult): number => window.completed / window.seconds;
/** Cores other processes kept busy, on average over the round's windows. */
const otherCores = (round: Round): number => {
  const windows = [round.verify, round.signIn, round.start, round.route];
  return windows.reduce((sum, window) => sum + window.otherCpuMs, 0) / 1000 / windows.reduce((sum, window) => sum + window.seconds, 0);
};

/** Measures `store`: seeding, starts, rounds; prints progress lines with `log`. */
export async function measureStore(store: BenchStore, helpers: Helpers, options: LoginBenchOptions, log: (line: string) => void): Promise<StoreMeasurement> {
  const seeded = await seed(store, options.users);
  const used = parseOptions(seeded.hash);
  const hashParameters = `m=${used.memoryCost} KiB, t=${used.timeCost}, p=${used.parallelism}`;
  log(`seeded ${options.users} users in ${seeded.seconds.toFixed(1)} s (argon2id ${hashParameters})`);

  const starts: StartFigures[] = [];
  for (let index = 0; index < options.restarts; index += 1) {
    const server = await startArbor(store.settings);
    starts.push(startFigures(server));
    await server.stop();
  }
  log(`starts on the seeded data, to /health/ready: ${starts.map((start) => `${start.readySeconds.toFixed(2)} s`).join(', ')}`);

  const profileDir = options.cpuProf ? path.join(options.cpuProfDir ?? '', store.kind) : undefined;
  if (profileDir !== undefined) await mkdir(profileDir, { recursive: true });
  const nodeFlags = profileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-interval', String(PROFILE_INTERVAL_MICROS), '--cpu-prof-dir', profileDir];
  const arbor = await startArbor(store.settings, { nodeFlags, ...(options.serverLog === undefined ? {} : { logFile: options.serverLog }) });
  const rounds: Round[] = [];
  try {
    // One short unmeasured round first: connections, JIT, realm keys, caches.
    await runRound(helpers, arbor, seeded.hash, options, { warmupSeconds: 0, seconds: 1 });
    for (let index = 0; index < options.rounds; index += 1) {
      const round = await runRound(helpers, arbor, seeded.hash, options, { warmupSeconds: WARMUP_SECONDS, seconds: options.seconds });
      rounds.push(round);
      log(
        `round ${index + 1}/${options.rounds}: ${rate(round.verify).toFixed(1)} verifications/s, ${rate(round.signIn).toFixed(1)} sign-ins/s, ` +
          `${rate(round.start).toFixed(0)} start steps/s, ${rate(round.route).toFixed(0)} route requests/s; other processes ${otherCores(round).toFixed(2)} cores`,
      );
    }
  } finally {
    await arbor.stop();
  }
  const measurement: StoreMeasurement = { store, seedSeconds: seeded.seconds, hashParameters, starts, measuredStart: startFigures(arbor), rounds };
  if (profileDir !== undefined) {
    const { file, profile } = await readNewestProfile(profileDir);
    const windows = rounds.map((round) => round.signIn);
    measurement.profile = { file, summary: summarizeProfile(profile, windows), signIns: windows.reduce((sum, window) => sum + window.completed + window.failures, 0) };
  }
  return measurement;
}
