/**
 * Opens Arbor's store from settings: PostgreSQL for a `postgres://` URL, otherwise SQLite in the
 * data directory (or in memory); Redis for the ephemeral store when `redisUrl` is set. Migrates.
 */
import { isPostgresUrl, openPostgresStore } from './postgres/open-postgres-store.ts';
import { openRedisEphemeral } from './redis/open-redis-ephemeral.ts';
import { openSqliteStore } from './sqlite/open-sqlite-store.ts';
import { systemClock, type StoreClock } from './store-clock.ts';
import type { Store } from './store.ts';

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
  /** The clock for expiry and timestamps (default: the wall clock). */
  clock?: { now(): number } | undefined;
}

/** The default SQLite data directory, relative to the working directory. */
export const DEFAULT_DATA_DIR = 'data';

/** Opens the store described by `options` and applies pending migrations. */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const clock: StoreClock = options.clock ?? systemClock;
  const databaseUrl = options.databaseUrl || undefined;
  // A mistyped URL must not silently fall back to a local SQLite file.
  if (databaseUrl !== undefined && !isPostgresUrl(databaseUrl)) {
    throw new Error('unsupported databaseUrl: expected a postgres:// or postgresql:// URL');
  }
  const redisUrl = options.redisUrl || undefined;
  const ephemeral = redisUrl === undefined ? undefined : await openRedisEphemeral(redisUrl);
  const extra = ephemeral === undefined ? {} : { ephemeral };
  const store =
    databaseUrl !== undefined
      ? openPostgresStore({ url: databaseUrl, clock, ...extra })
      : openSqliteStore({ dataDir: options.dataDir ?? DEFAULT_DATA_DIR, memory: options.memory === true, clock, ...extra });
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
