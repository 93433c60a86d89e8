/**
 * `npm run bench:identity [-- --users 1000000] [--postgres <url>] [--runs 200]`: identity at scale.
 * Imports N generated users through the bulk importer (one pre-hashed argon2id password) and
 * prints the import rate; then measures the latency (median, p95) of paged `_queryFilter` queries
 * through the repository's `query` (`userName eq`, `mail eq`, `sn sw` by `_id` and sorted by sn; page size 20)
 * and of a sign-in (`identityService.authenticate`: lookup by userName and one argon2id
 * verification with OWASP's parameters), at N users and at 1,000 users measured in the same run,
 * run by run in turn, and prints the ratio N / 1,000 (DESIGN §13: the small population is the ceiling). On SQLite,
 * and on PostgreSQL when `ARBOR_DATABASE_URL` or `--postgres` names one (a fresh schema, dropped).
 * A benchmark, not a test: it prints numbers and asserts nothing.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadServerSettings } from '../src/config/server-settings.ts';
import { importUsers } from '../src/identity/bulk/import-users.ts';
import type { ImportRecord } from '../src/identity/bulk/import-record.ts';
import { readOnceConfigs } from '../src/identity/bulk/read-once-configs.ts';
import { createPasswordHasher } from '../src/identity/password-hasher.ts';
import type { SortKey } from '../src/identity/ports.ts';
import { parseQueryFilter } from '../src/identity/query-filter/parse-query-filter.ts';
import { schemaForType } from '../src/identity/schema-for-type.ts';
import { identityForStore } from '../src/platform/identity-for-store.ts';
import { openPlatformStore } from '../src/platform/open-platform-store.ts';
import { createPolicyService } from '../src/policy/policy-service.ts';
import type { Store } from '../src/store/store.ts';

const USAGE = `Usage: npm run bench:identity [-- --users N] [--postgres <url>] [--runs N]
  --users N         users in the large population (default 1000000); the small one has 1000
  --postgres <url>  also run on PostgreSQL (default: ARBOR_DATABASE_URL when set)
  --runs N          measured runs per latency (default 200, after 20 warm-up runs)`;

const TYPE = 'alpha_user';
const PASSWORD = 'Bench-Passw0rd';
const SMALL = 1000;
const SURNAMES = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts'];

const name = (i: number): string => `user${String(i).padStart(7, '0')}`;
const surname = (i: number): string => `${SURNAMES[i % SURNAMES.length] ?? 'Doe'}${Math.floor(i / SURNAMES.length)}`;

async function* generated(count: number, hash: string): AsyncGenerator<ImportRecord> {
  for (let i = 0; i < count; i += 1) {
    yield { line: i + 1, attributes: { userName: name(i), givenName: 'Bench', sn: surname(i), mail: `${name(i)}@example.com`, passwordHash: hash } };
  }
}

/** A fresh store: SQLite in a temporary directory, or a new PostgreSQL schema. */
async function freshStore(postgresUrl: string | undefined): Promise<{ store: Store; dispose(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'arbor-bench-identity-'));
  const env: Record<string, string> = { ARBOR_DATA_DIR: dir, ARBOR_ADMIN_PASSWORD: 'Admin-Passw0rd!' };
  let dropSchema = async (): Promise<void> => undefined;
  if (postgresUrl !== undefined) {
    const schema = `arbor_bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const run = async (statement: string) => {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(statement);
      await client.end();
    };
    await run(`CREATE SCHEMA ${schema}`);
    const url = new URL(postgresUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    env.ARBOR_DATABASE_URL = url.toString();
    dropSchema = () => run(`DROP SCHEMA ${schema} CASCADE`);
  }
  const store = await openPlatformStore(loadServerSettings(env, dir), () => undefined);
  return {
    store,
    async dispose() {
      await store.close();
      await dropSchema();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Imports `count` users; resolves to the rate (users/s) and the largest RSS seen meanwhile (MiB). */
async function populate(store: Store, count: number, hash: string, log: (line: string) => void): Promise<{ rate: number; seconds: number; rssMiB: number }> {
  const configs = readOnceConfigs(store.configs, { managedType: TYPE });
  const { schema } = await schemaForType(configs, TYPE);
  let rss = process.memoryUsage().rss;
  const report = await importUsers({
    type: TYPE,
    schema,
    records: generated(count, hash),
    store,
    policy: createPolicyService({ objects: store.managedObjects, configs }),
    hasher: createPasswordHasher(),
    clock: { now: () => Date.now() },
    newId: randomUUID,
    progressEvery: 100_000,
    onProgress: (progress) => {
      rss = Math.max(rss, process.memoryUsage().rss);
      if (progress.processed < count) log(`  … ${progress.imported.toLocaleString('en-US')} imported (${progress.rate.toLocaleString('en-US')} users/s, RSS ${Math.round(rss / 2 ** 20)} MiB)`);
    },
  });
  if (report.rejected > 0) throw new Error(`${report.rejected} generated users were rejected: ${JSON.stringify(report.rejects.slice(0, 3))}`);
  return { rate: report.rate, seconds: report.elapsedMs / 1000, rssMiB: Math.round(rss / 2 ** 20) };
}

/** Median and 95th percentile of sorted durations (ms). */
function summary(times: number[]): { median: number; p95: number } {
  times.sort((a, b) => a - b);
  const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95) };
}

/** One population: its store, its size and the operations timed on it. */
interface Population {
  count: number;
  store: Store;
  dispose(): Promise<void>;
}

type Probe = (i: number) => Promise<unknown>;

/** The operations timed, on a population of `count` users; `i` picks a user spread over the population. */
function probes({ store, count }: Population): Record<string, Probe> {
  const pick = (i: number): number => Math.floor((((i * 7919) % 1000) / 1000) * count);
  const page = (filter: string, sortKeys: SortKey[] = []) => store.managedObjects.query(TYPE, { filter: parseQueryFilter(filter), sortKeys, pageSize: 20, countTotal: false });
  const { identity } = identityForStore(store, { now: () => Date.now() });
  return {
    'userName eq': (i) => page(`userName eq "${name(pick(i))}"`),
    'mail eq': (i) => page(`mail eq "${name(pick(i))}@example.com"`),
    'sn sw': (i) => page(`sn sw "${surname(pick(i)).slice(0, 4)}"`),
    'sn sw, sorted by sn': (i) => page(`sn sw "${surname(pick(i)).slice(0, 4)}"`, [{ field: ['sn'], descending: false }]),
    'sign-in (authenticate)': async (i) => {
      if (!(await identity.authenticate(TYPE, name(pick(i)), PASSWORD)).ok) throw new Error('sign-in failed');
    },
  };
}

/**
 * Times every operation `runs` times on both populations, alternating small and large run by run
 * (after 20 warm-up runs each), so that both see the same load on a noisy machine.
 */
async function compare(small: Population, large: Population, runs: number): Promise<void> {
  const [a, b] = [probes(small), probes(large)];
  const ms = (value: number): string => `${value.toFixed(2)} ms`.padStart(11);
  const head = (count: number) => `${count.toLocaleString('en-US')} users`.padStart(22);
  console.log(`  ${'page of 20 / sign-in'.padEnd(24)}${head(small.count)}${head(large.count)}   ratio of medians`);
  console.log(`  ${''.padEnd(24)}${'median'.padStart(11)}${'p95'.padStart(11)}${'median'.padStart(11)}${'p95'.padStart(11)}`);
  for (const [what, probeA] of Object.entries(a)) {
    const probeB = b[what];
    if (probeB === undefined) continue;
    const times: [number[], number[]] = [[], []];
    for (let i = -20; i < runs; i += 1) {
      for (const [side, probe] of [probeA, probeB].entries()) {
        const started = performance.now();
        await probe(i + 20);
        if (i >= 0) times[side as 0 | 1].push(performance.now() - started);
      }
    }
    const [sa, sb] = [summary(times[0]), summary(times[1])];
    console.log(`  ${what.padEnd(24)}${ms(sa.median)}${ms(sa.p95)}${ms(sb.median)}${ms(sb.p95)}   ${(sb.median / sa.median).toFixed(2)}`);
  }
}

async function runBackend(label: string, postgresUrl: string | undefined, users: number, runs: number, hash: string): Promise<void> {
  console.log(`\n${label}`);
  const populations: Population[] = [];
  try {
    for (const count of [SMALL, users]) {
      const { store, dispose } = await freshStore(postgresUrl);
      populations.push({ count, store, dispose });
      const imported = await populate(store, count, hash, console.log);
      console.log(`  imported ${count.toLocaleString('en-US')} users in ${imported.seconds.toFixed(1)} s: ${imported.rate.toLocaleString('en-US')} users/s (peak RSS ${imported.rssMiB} MiB)`);
    }
    const [small, large] = populations;
    if (small !== undefined && large !== undefined) await compare(small, large, runs);
  } finally {
    for (const population of populations) await population.dispose();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { users: { type: 'string', default: '1000000' }, postgres: { type: 'string' }, runs: { type: 'string', default: '200' }, help: { type: 'boolean', short: 'h' } } });
  const users = Number(values.users);
  const runs = Number(values.runs);
  if (values.help === true || !Number.isInteger(users) || users < SMALL || !Number.isInteger(runs) || runs < 1) {
    console.log(USAGE);
    process.exitCode = values.help === true ? 0 : 2;
    return;
  }
  const postgresUrl = values.postgres ?? (process.env.ARBOR_DATABASE_URL || undefined);
  const hash = await createPasswordHasher().hash(PASSWORD);
  console.log(`bench:identity: ${users.toLocaleString('en-US')} vs ${SMALL.toLocaleString('en-US')} users, ${runs} runs per latency, Node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  await runBackend('SQLite', undefined, users, runs, hash);
  if (postgresUrl !== undefined) await runBackend('PostgreSQL', postgresUrl, users, runs, hash);
}

await main();
