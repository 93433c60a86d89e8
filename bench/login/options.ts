/** The options of `npm run bench:login`, read and checked once. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { StoreKind } from './bench-store.ts';

export const USAGE = `Usage: npm run bench:login [-- --seconds N] [--rounds N] [--concurrency N] [--users N]
                          [--store sqlite|postgres|both] [--restarts N] [--ceiling-connections N]
                          [--ceiling-pipelining N] [--cpu-prof] [--cpu-prof-dir DIR] [--server-log FILE]
                          [--workers N]
  --seconds N                measured seconds of each phase in each round (default 3)
  --rounds N                 rounds; each runs the four phases in turn (default 5)
  --concurrency N            concurrent clients for Arbor and concurrent verifications (default 16)
  --users N                  users seeded in realm alpha, at least --concurrency (default 200)
  --store KIND               sqlite, postgres or both (default: both when ARBOR_BENCH_POSTGRES_URL
                             or ARBOR_TEST_POSTGRES_URL names a PostgreSQL database, else sqlite)
  --restarts N               timed starts on the seeded data (default 5)
  --ceiling-connections N    connections for the Fastify ceiling (default 32)
  --ceiling-pipelining N     requests in flight per connection for the ceiling (default 4)
  --cpu-prof                 profile the measured server (node --cpu-prof) and print the top
                             self-time functions of the sign-in phases
  --cpu-prof-dir DIR         where the profiles go (default: a new temporary directory, kept)
  --server-log FILE          run the measured Arbor with request logs and stack traces, appended
                             to FILE: to diagnose failures (logging costs CPU: not for figures)
  --workers N                run Arbor as \`arbor start --workers N\` (N > 1 needs PostgreSQL, and
                             uses Redis from ARBOR_BENCH_REDIS_URL or ARBOR_TEST_REDIS_URL when set),
                             and the argon2id ceiling in N verifier processes (default 1)`;

export interface LoginBenchOptions {
  seconds: number;
  rounds: number;
  concurrency: number;
  users: number;
  stores: StoreKind[];
  postgresUrl: string | undefined;
  restarts: number;
  ceilingConnections: number;
  ceilingPipelining: number;
  cpuProf: boolean;
  cpuProfDir: string | undefined;
  serverLog: string | undefined;
  /** Arbor's worker processes, and the verifier processes of the ceiling. */
  workers: number;
  /** Redis for the ephemeral state of a run with workers. */
  redisUrl: string | undefined;
}

function positive(raw: string, name: string, max: number, integer = true): number {
  const value = Number(raw);
  if ((integer && !Number.isInteger(value)) || !(value > 0) || value > max) throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'} from 1 to ${max}, got "${raw}"`);
  return value;
}

/** The options in `args` (process.argv after the script), with the environment's PostgreSQL URL; prints the usage and exits on --help. */
export function readOptions(args: string[], env: NodeJS.ProcessEnv): LoginBenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      seconds: { type: 'string', default: '3' },
      rounds: { type: 'string', default: '5' },
      concurrency: { type: 'string', default: '16' },
      users: { type: 'string', default: '200' },
      store: { type: 'string' },
      restarts: { type: 'string', default: '5' },
      'ceiling-connections': { type: 'string', default: '32' },
      'ceiling-pipelining': { type: 'string', default: '4' },
      'cpu-prof': { type: 'boolean', default: false },
      'cpu-prof-dir': { type: 'string' },
      'server-log': { type: 'string' },
      workers: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const postgresUrl = env.ARBOR_BENCH_POSTGRES_URL || env.ARBOR_TEST_POSTGRES_URL || undefined;
  const workers = positive(values.workers, 'workers', 64);
  // SQLite is one process's store: workers need PostgreSQL.
  const store = values.store ?? (workers > 1 ? 'postgres' : postgresUrl === undefined ? 'sqlite' : 'both');
  if (workers > 1 && store !== 'postgres') throw new Error(`--workers ${workers} needs --store postgres (SQLite runs in one process only)`);
  if (store !== 'sqlite' && store !== 'postgres' && store !== 'both') throw new Error(`--store must be sqlite, postgres or both, got "${store}"`);
  const stores: StoreKind[] = store === 'both' ? ['sqlite', 'postgres'] : [store];
  if (stores.includes('postgres') && postgresUrl === undefined) throw new Error('--store postgres needs ARBOR_BENCH_POSTGRES_URL (or ARBOR_TEST_POSTGRES_URL): a postgres:// URL');
  const concurrency = positive(values.concurrency, 'concurrency', 1024);
  const users = positive(values.users, 'users', 100_000);
  // Fewer users than clients would sign one user in twice at once: their login counts would race.
  if (users < concurrency) throw new Error(`--users (${users}) must be at least --concurrency (${concurrency})`);
  return {
    seconds: positive(values.seconds, 'seconds', 600, false),
    rounds: positive(values.rounds, 'rounds', 1000),
    concurrency,
    users,
    stores,
    postgresUrl,
    restarts: positive(values.restarts, 'restarts', 100),
    ceilingConnections: positive(values['ceiling-connections'], 'ceiling-connections', 1024),
    ceilingPipelining: positive(values['ceiling-pipelining'], 'ceiling-pipelining', 64),
    cpuProf: values['cpu-prof'] || values['cpu-prof-dir'] !== undefined,
    cpuProfDir: values['cpu-prof-dir'] === undefined ? undefined : path.resolve(values['cpu-prof-dir']),
    serverLog: values['server-log'] === undefined ? undefined : path.resolve(values['server-log']),
    workers,
    redisUrl: workers > 1 ? env.ARBOR_BENCH_REDIS_URL || env.ARBOR_TEST_REDIS_URL || undefined : undefined,
  };
}
