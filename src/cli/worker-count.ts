/**
 * How many worker processes `arbor start` runs: `--workers N`, else `ARBOR_WORKERS`, else one
 * per core (`os.availableParallelism()`) when the store can be shared by several processes
 * (PostgreSQL, whose database also holds the ephemeral state unless Redis does), and 1 on the
 * embedded SQLite store, which one process uses alone. Asking for more than one on SQLite is
 * refused (exit 2) rather than run as one: an operator who asked for every core must not believe
 * they got them. At most four per core: more only compete for the cores.
 */
import { SettingsError } from '../config/server-settings.ts';
import { cliError, usageError } from './cli-error.ts';

/** Workers per core at most. */
export const MAX_WORKERS_PER_CORE = 4;

/** The environment variable that sets the count when `--workers` is not given. */
export const WORKERS_ENV = 'ARBOR_WORKERS';

/** What the count depends on. */
export interface WorkerCountInput {
  /** `--workers`, as typed; undefined when not given. */
  option: string | undefined;
  env: Record<string, string | undefined>;
  /** True on PostgreSQL (`ARBOR_DATABASE_URL`). */
  sharedStore: boolean;
  /** Cores this process may use (`os.availableParallelism()`). */
  cores: number;
}

/** The whole number `raw` holds from 1 to `max`, or undefined. */
function wholeNumber(raw: string, max: number): number | undefined {
  const value = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  return Number.isSafeInteger(value) && value >= 1 && value <= max ? value : undefined;
}

/**
 * The number of workers; a usage error for a bad `--workers`, a `SettingsError` for a bad
 * `ARBOR_WORKERS`, a `REFUSED` error (exit 2) for more than one on SQLite.
 */
export function workerCount(input: WorkerCountInput): number {
  const cores = Math.max(1, Math.floor(input.cores));
  const max = cores * MAX_WORKERS_PER_CORE;
  const range = `an integer from 1 to ${max} (${MAX_WORKERS_PER_CORE} per core, ${cores} ${cores === 1 ? 'core' : 'cores'} here)`;
  let asked: number | undefined;
  let source: string;
  if (input.option !== undefined) {
    source = `--workers ${input.option}`;
    asked = wholeNumber(input.option, max);
    if (asked === undefined) throw usageError(`--workers must be ${range}, got "${input.option}"`);
  } else {
    const raw = input.env[WORKERS_ENV];
    source = `${WORKERS_ENV}=${raw ?? ''}`;
    if (raw !== undefined && raw.trim() !== '') {
      asked = wholeNumber(raw, max);
      if (asked === undefined) throw new SettingsError(`${WORKERS_ENV} must be ${range}, got "${raw}"`, WORKERS_ENV);
    }
  }
  if (asked === undefined) return input.sharedStore ? cores : 1;
  if (asked > 1 && !input.sharedStore) {
    throw cliError(
      'REFUSED',
      `${source} needs PostgreSQL (ARBOR_DATABASE_URL): the embedded SQLite store is used by one process only. Run one worker (leave --workers and ${WORKERS_ENV} unset), or move to PostgreSQL to use every core`,
      2,
    );
  }
  return asked;
}
