/**
 * Opens Arbor's store from settings: PostgreSQL for a `postgres://` URL, otherwise SQLite in the
 * data directory (or in memory); Redis for the ephemeral store when `redisUrl` is set. Migrates.
 * Redis and PostgreSQL are reached first, once each and with a time limit, so that an unreachable
 * service fails with a `StoreConnectionError` in words before anything is created. The PostgreSQL
 * and Redis drivers are loaded only when they are used: an Arbor on SQLite never loads them (it
 * starts sooner and keeps less memory).
 */
import { openSqliteStore } from './sqlite/open-sqlite-store.ts';
import { systemClock, type StoreClock } from './store-clock.ts';
import type { Store } from './store.ts';
import type { StoreTimeouts } from './store-timeouts.ts';

/** Where and how to open the store. */
export interface OpenStoreOptions {
  /** `postgres://` / `postgresql://` selects PostgreSQL; unset (or empty) selects SQLite. */
  databaseUrl?: string | undefined;
  /** Directory of the SQLite file `arbor.db` (default `./data`). */
  dataDir?: string | undefined;
  /** SQLite in memory (tests). */
  memory?: boolean | undefined;
  /** `redis://…`: keep ephemeral state in Redis instead of the database. */
  redisUrl?: string | undefined;
  /** PEM certificates of the CAs trusted for a TLS `redisUrl` (ARBOR_REDIS_CA_FILE); the system's when undefined. */
  redisCa?: string | undefined;
  /** The clock for expiry and timestamps (default: the wall clock). */
  clock?: { now(): number } | undefined;
  /** How long the first connection to PostgreSQL or Redis may take (default 5 seconds each). */
  connectTimeoutMs?: number | undefined;
  /** Time limits once running: connections, statements, idle connections, Redis commands (default `DEFAULT_STORE_TIMEOUTS`). */
  timeouts?: Readonly<StoreTimeouts> | undefined;
  /** PostgreSQL's connection pool: its size (default 10) and whether statements run prepared (default true). */
  postgresPool?: { size?: number; preparedStatements?: boolean } | undefined;
}

/** The default SQLite data directory, relative to the working directory. */
export const DEFAULT_DATA_DIR = 'data';

/** Opens the store described by `options` and applies pending migrations. */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const clock: StoreClock = options.clock ?? systemClock;
  const databaseUrl = options.databaseUrl || undefined;
  // A mistyped URL must not silently fall back to a local SQLite file.
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    throw new Error('unsupported databaseUrl: expected a postgres:// or postgresql:// URL');
  }
  const redisUrl = options.redisUrl || undefined;
  const timeout = options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs };
  const limits = options.timeouts === undefined ? {} : { timeouts: options.timeouts };
  const ephemeral =
    redisUrl === undefined
      ? undefined
      : await (await import('./redis/open-redis-ephemeral.ts')).openRedisEphemeral(redisUrl, {
          ...timeout,
          ...(options.timeouts === undefined ? {} : { commandTimeoutMs: options.timeouts.redisCommandMs }),
          ca: options.redisCa,
        });
  const postgres = databaseUrl === undefined ? undefined : await loadPostgres();
  if (databaseUrl !== undefined && postgres !== undefined) {
    try {
      await postgres.checkPostgresConnection(databaseUrl, timeout);
    } catch (error) {
      await ephemeral?.close();
      throw error;
    }
  }
  const extra = ephemeral === undefined ? {} : { ephemeral };
  const store =
    databaseUrl !== undefined && postgres !== undefined
      ? postgres.openPostgresStore({
          url: databaseUrl,
          clock,
          ...extra,
          ...limits,
          ...(options.postgresPool?.size === undefined ? {} : { maxConnections: options.postgresPool.size }),
          ...(options.postgresPool?.preparedStatements === undefined ? {} : { preparedStatements: options.postgresPool.preparedStatements }),
        })
      : openSqliteStore({ dataDir: options.dataDir ?? DEFAULT_DATA_DIR, memory: options.memory === true, clock, ...extra });
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw (databaseUrl === undefined || postgres === undefined ? undefined : postgres.postgresFailure(error, databaseUrl, 'setup', options.connectTimeoutMs ?? postgres.POSTGRES_CONNECT_TIMEOUT_MS)) ?? error;
  }
  return store;
}

/** The PostgreSQL store's modules (and the `pg` driver), loaded on first use. */
async function loadPostgres() {
  const [connection, store, failure] = await Promise.all([
    import('./postgres/check-postgres-connection.ts'),
    import('./postgres/open-postgres-store.ts'),
    import('./postgres/postgres-failure.ts'),
  ]);
  return {
    checkPostgresConnection: connection.checkPostgresConnection,
    POSTGRES_CONNECT_TIMEOUT_MS: connection.POSTGRES_CONNECT_TIMEOUT_MS,
    openPostgresStore: store.openPostgresStore,
    postgresFailure: failure.postgresFailure,
  };
}
