/**
 * `npm run bench:login [-- --seconds 10 --concurrency 16 --users 200]`: password sign-ins per
 * second over HTTP through the alpha `Login` journey, against their ceiling measured in the same
 * run (raw argon2id verifications per second with the stored hash's parameters, same concurrency),
 * and journey steps per second for a tree without hashing against a minimal Fastify JSON route.
 * The four measurements are interleaved in slices of a few seconds (A B C D A B C D …), so that
 * each one sees the same average load on a noisy machine and the ratios stay meaningful.
 * A benchmark, not a test: it prints numbers and never asserts timing (DESIGN §13).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { parseOptions, verify } from '@node-rs/argon2';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { loadServerSettings } from '../src/config/server-settings.ts';
import { OWASP_ARGON2ID } from '../src/identity/password-hasher.ts';
import type { JourneyDefinition } from '../src/journeys/engine/tree-model.ts';
import { FAILURE_NODE_ID, SUCCESS_NODE_ID } from '../src/journeys/engine/tree-model.ts';
import { validateJourney } from '../src/journeys/engine/validate-journey.ts';
import { builtinNodes, createNodeRegistry } from '../src/journeys/nodes/registry.ts';
import { createPlatform } from '../src/platform/create-platform.ts';
import { openPlatformStore } from '../src/platform/open-platform-store.ts';
import { createTermsGateway } from '../src/selfservice/terms/terms-gateway.ts';

const USAGE = `Usage: npm run bench:login [-- --seconds N] [--concurrency N] [--users N]
  --seconds N      measured seconds per phase (default 10; the four phases alternate in slices of about 3 s)
  --concurrency N  concurrent clients in every phase (default 16)
  --users N        users seeded in realm alpha (default 200)`;

const USER_PASSWORD = 'Sign-In-Passw0rd';
const BENCH_TREE = 'BenchChoice';

/** What one iteration of a client loop did. */
interface Iteration {
  ok: boolean;
  /** HTTP requests (or verifications) the iteration made. */
  units: number;
  /** Why it failed, for the report. */
  error?: string;
}

/** The figures of one phase, summed over its slices. */
interface PhaseResult {
  /** Measured seconds. */
  seconds: number;
  iterations: number;
  units: number;
  failures: number;
  /** The first distinct failure messages. */
  errors: string[];
  /** Iteration latencies in ms (sorted at the end). */
  latencies: number[];
}

/** One of the four measurements. */
interface Phase {
  name: string;
  iteration: () => Promise<Iteration>;
  result: PhaseResult;
}

/** Seconds of each slice before counting starts: the clients reach a steady state first. */
const SLICE_WARMUP_SECONDS = 0.3;
/** Target length of a measured slice (10 s per phase: 3 rounds). */
const SLICE_SECONDS = 3.4;

function positiveInteger(raw: string, name: string, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`--${name} must be an integer from 1 to ${max}, got "${raw}"`);
  return value;
}

function readOptions(): { seconds: number; concurrency: number; users: number } {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      seconds: { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '16' },
      users: { type: 'string', default: '200' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    seconds: positiveInteger(values.seconds, 'seconds', 600),
    concurrency: positiveInteger(values.concurrency, 'concurrency', 1024),
    users: positiveInteger(values.users, 'users', 100_000),
  };
}

/**
 * Runs `concurrency` client loops of the phase's iteration for `warmupSeconds + seconds`. With
 * `count`, iterations that end inside the last `seconds` are added to the phase's result (counted
 * by end time: unbiased in a steady state); none are counted during the warm-up. Clients start no
 * iteration after the window and the slice returns when they are all done.
 */
async function runSlice(phase: Phase, options: { warmupSeconds: number; seconds: number; concurrency: number; count: boolean }): Promise<void> {
  const measureFrom = performance.now() + options.warmupSeconds * 1000;
  const deadline = measureFrom + options.seconds * 1000;
  const result = phase.result;
  const loop = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const began = performance.now();
      let outcome: Iteration;
      try {
        outcome = await phase.iteration();
      } catch (error) {
        outcome = { ok: false, units: 1, error: error instanceof Error ? error.message : String(error) };
      }
      const ended = performance.now();
      if (!options.count || ended < measureFrom || ended > deadline) continue;
      result.iterations += 1;
      if (outcome.ok) {
        result.units += outcome.units;
        result.latencies.push(ended - began);
      } else {
        result.failures += 1;
        if (outcome.error !== undefined && result.errors.length < 3 && !result.errors.includes(outcome.error)) result.errors.push(outcome.error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, () => loop()));
  if (options.count) result.seconds += options.seconds;
}

/** A warm-up slice of every phase (not counted), then `rounds` measured slices of each, in turn. */
async function runInterleaved(phases: readonly Phase[], options: { seconds: number; concurrency: number }): Promise<number> {
  const rounds = Math.max(1, Math.round(options.seconds / SLICE_SECONDS));
  const slice = options.seconds / rounds;
  for (const phase of phases) await runSlice(phase, { warmupSeconds: 0, seconds: Math.min(0.5, slice), concurrency: options.concurrency, count: false });
  for (let round = 1; round <= rounds; round += 1) {
    for (const phase of phases) await runSlice(phase, { warmupSeconds: SLICE_WARMUP_SECONDS, seconds: slice, concurrency: options.concurrency, count: true });
    console.log(`round ${round}/${rounds} done`);
  }
  for (const phase of phases) phase.result.latencies.sort((a, b) => a - b);
  return rounds;
}

function emptyResult(): PhaseResult {
  return { seconds: 0, iterations: 0, units: 0, failures: 0, errors: [], latencies: [] };
}

function perSecond(result: PhaseResult): number {
  return result.units / result.seconds;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function describe(result: PhaseResult, unit: string): string {
  const failures = result.failures === 0 ? 'no failures' : `${result.failures} failures (${result.errors.join(' | ')})`;
  return `${result.units} ${unit} in ${result.seconds.toFixed(1)} s; p50 ${percentile(result.latencies, 50).toFixed(1)} ms, p95 ${percentile(result.latencies, 95).toFixed(1)} ms per iteration; ${failures}`;
}

/** A tree without password checks: one ChoiceCollectorNode, `yes` to success, `no` to failure, no session. */
function benchChoiceJourney(): JourneyDefinition {
  const choice = 'b3c5f0d2-6a1e-4c8b-9f47-2d1e0a9c7b11';
  return {
    tree: {
      _id: BENCH_TREE,
      description: 'bench/login.ts: one ChoiceCallback step, no hashing, no session',
      entryNodeId: choice,
      noSession: true,
      enabled: true,
      nodes: { [choice]: { displayName: 'Choice', nodeType: 'ChoiceCollectorNode', connections: { yes: SUCCESS_NODE_ID, no: FAILURE_NODE_ID } } },
      staticNodes: {},
    },
    nodes: {
      [choice]: { _id: choice, _type: { _id: 'ChoiceCollectorNode', name: 'Choice Collector', collection: true }, choices: ['yes', 'no'], defaultChoice: 'yes', prompt: 'Continue?' },
    },
  };
}

/** POSTs JSON and reads the JSON answer. */
async function postJson(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
  const json = (await response.json()) as Record<string, unknown>;
  return { status: response.status, json };
}

type Step = { authId: string; callbacks: { type: string; input?: { name: string; value: unknown }[] }[] };

function isStep(json: Record<string, unknown>): json is Record<string, unknown> & Step {
  return typeof json.authId === 'string' && Array.isArray(json.callbacks);
}

/** Sets the first input of the callback of `type` in a step. */
function fill(step: Step, type: string, value: unknown): void {
  const input = step.callbacks.find((callback) => callback.type === type)?.input?.[0];
  if (input === undefined) throw new Error(`the step has no ${type}`);
  input.value = value;
}

async function startEcho(): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: false });
  app.post('/echo', async (request) => ({ ok: true, echo: request.body ?? null }));
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: `${address}/echo` };
}

async function main(): Promise<void> {
  const { seconds, concurrency, users } = readOptions();
  const cores = os.availableParallelism();
  console.log(`bench/login: Node ${process.version}, ${cores} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), UV_THREADPOOL_SIZE ${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}`);
  console.log(`concurrency ${concurrency}, ${seconds} s measured per phase, ${users} users; clients and servers share this process`);

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'arbor-bench-'));
  const cleanup: (() => Promise<void>)[] = [() => rm(dataDir, { recursive: true, force: true })];
  try {
    const env = { ARBOR_DATA_DIR: dataDir, ARBOR_ADMIN_PASSWORD: 'Admin-Passw0rd!' };
    const settings = loadServerSettings(env, dataDir);
    const store = await openPlatformStore(settings, () => {});
    cleanup.unshift(() => store.close());
    const platform = await createPlatform({ settings, store, clock: { now: () => Date.now() }, logger: false, env });
    cleanup.unshift(() => platform.close());
    const echo = await startEcho();
    cleanup.unshift(() => echo.app.close());
    const address = await platform.app.listen({ port: 0, host: '127.0.0.1' });
    const authenticate = `${address}/am/json/realms/root/realms/alpha/authenticate`;

    const journey = benchChoiceJourney();
    const problems = await validateJourney(journey, { registry: createNodeRegistry(builtinNodes), treeExists: () => false });
    if (problems.length > 0) throw new Error(`the bench tree is invalid: ${problems.map((p) => p.message).join('; ')}`);
    await store.journeys.put('alpha', journey);

    const seedStarted = performance.now();
    const names = Array.from({ length: users }, (_, index) => `bench${String(index).padStart(5, '0')}`);
    // The active terms accepted: the alpha Login's terms step never stops a sign-in either.
    const terms = await createTermsGateway({ configs: store.configs }).active(['en']);
    const termsAccepted = terms === undefined ? undefined : { acceptDate: new Date().toISOString(), termsVersion: terms.version };
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, users) }, async () => {
        for (let index = next++; index < names.length; index = next++) {
          const userName = names[index] ?? '';
          // Preferences set: the alpha Login's progressive-profile step never stops a sign-in.
          const user = await platform.identity.createUser('alpha_user', { userName, password: USER_PASSWORD, givenName: 'Load', sn: 'Test', mail: `${userName}@example.com`, preferences: { updates: true, marketing: true } });
          if (termsAccepted !== undefined) await platform.identity.updateMeta('alpha_user', user._id, (meta) => ({ ...meta, termsAccepted }));
        }
      }),
    );
    console.log(`seeded ${users} users in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

    // The ceiling: the hash Arbor stored for a seeded user, verified directly.
    const [first] = await store.managedObjects.findByAttribute('alpha_user', 'userName', names[0] ?? '', 1);
    const storedHash = first?.data.password;
    if (typeof storedHash !== 'string') throw new Error('no stored hash for the first seeded user');
    const used = parseOptions(storedHash);
    const parameters = `m=${used.memoryCost} KiB, t=${used.timeCost}, p=${used.parallelism}`;
    if (used.memoryCost !== OWASP_ARGON2ID.memoryCost || used.timeCost !== OWASP_ARGON2ID.timeCost || used.parallelism !== OWASP_ARGON2ID.parallelism) {
      console.log(`note: the stored hash uses ${parameters}, not OWASP_ARGON2ID`);
    }

    let turn = 0;
    const hashes: Phase = {
      name: 'argon2id verifications',
      iteration: async () => ({ ok: await verify(storedHash, USER_PASSWORD), units: 1, error: 'verify returned false' }),
      result: emptyResult(),
    };
    const signIns: Phase = {
      name: 'password sign-ins over HTTP (alpha Login)',
      async iteration() {
        // Round robin over the users: no user signs in twice at once (login count updates would race).
        const userName = names[turn++ % names.length] ?? '';
        const started = await postJson(`${authenticate}?authIndexType=service&authIndexValue=Login`, undefined);
        if (!isStep(started.json)) return { ok: false, units: 1, error: `start: HTTP ${started.status} ${JSON.stringify(started.json).slice(0, 120)}` };
        fill(started.json, 'NameCallback', userName);
        fill(started.json, 'PasswordCallback', USER_PASSWORD);
        const done = await postJson(authenticate, started.json);
        if (done.status !== 200 || typeof done.json.tokenId !== 'string') return { ok: false, units: 2, error: `answer: HTTP ${done.status} ${JSON.stringify(done.json).slice(0, 120)}` };
        return { ok: true, units: 1 };
      },
      result: emptyResult(),
    };
    const steps: Phase = {
      name: `journey steps without hashing (${BENCH_TREE}: start + answer)`,
      async iteration() {
        const started = await postJson(`${authenticate}?authIndexType=service&authIndexValue=${BENCH_TREE}`, undefined);
        if (!isStep(started.json)) return { ok: false, units: 1, error: `start: HTTP ${started.status} ${JSON.stringify(started.json).slice(0, 120)}` };
        fill(started.json, 'ChoiceCallback', 0);
        const done = await postJson(authenticate, started.json);
        if (done.status !== 200 || typeof done.json.successUrl !== 'string') return { ok: false, units: 1, error: `answer: HTTP ${done.status} ${JSON.stringify(done.json).slice(0, 120)}` };
        return { ok: true, units: 2 };
      },
      result: emptyResult(),
    };
    const route: Phase = {
      name: 'minimal Fastify JSON route',
      async iteration() {
        const answer = await postJson(echo.url, { hello: 'world' });
        return answer.status === 200 && answer.json.ok === true ? { ok: true, units: 1 } : { ok: false, units: 1, error: `HTTP ${answer.status}` };
      },
      result: emptyResult(),
    };
    const phases = [hashes, signIns, steps, route];
    const measureStarted = performance.now();
    console.log(`measuring, in turn: ${phases.map((phase) => phase.name).join('; ')}`);
    const rounds = await runInterleaved(phases, { seconds, concurrency });
    console.log(`measured in ${rounds} rounds, ${((performance.now() - measureStarted) / 1000).toFixed(1)} s in all`);

    const signInRate = perSecond(signIns.result);
    const hashRate = perSecond(hashes.result);
    const stepRate = perSecond(steps.result);
    const routeRate = perSecond(route.result);
    const row = (label: string, value: string): string => `${label.padEnd(56)}${value}`;
    console.log('');
    console.log(`details: sign-ins: ${describe(signIns.result, 'sign-ins')}`);
    console.log(`details: verifications: ${describe(hashes.result, 'verifications')}`);
    console.log(`details: journey steps: ${describe(steps.result, 'steps')}`);
    console.log(`details: Fastify route: ${describe(route.result, 'requests')}`);
    console.log('');
    console.log(row('machine', `${cores} cores, concurrency ${concurrency}, ${seconds} s per phase`));
    console.log(row('sign-ins/s (HTTP, Login journey, 2 requests each)', signInRate.toFixed(1)));
    console.log(row('sign-in failures', String(signIns.result.failures)));
    console.log(row(`argon2id verifications/s (${parameters})`, hashRate.toFixed(1)));
    console.log(row('ratio sign-ins / verifications', (signInRate / hashRate).toFixed(2)));
    console.log(row('journey steps/s (no hashing, 1 request each)', stepRate.toFixed(0)));
    console.log(row('journey step failures', String(steps.result.failures)));
    console.log(row('minimal Fastify JSON route requests/s', routeRate.toFixed(0)));
    console.log(row('ratio steps / route', (stepRate / routeRate).toFixed(2)));
  } finally {
    // Servers first, then the store (closing it twice is harmless), then the data.
    for (const step of cleanup) await step();
  }
}

await main();
