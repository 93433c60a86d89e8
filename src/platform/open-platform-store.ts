/**
 * Opens the store the settings name (SQLite in the data directory, or PostgreSQL; Redis for
 * ephemeral state when configured), migrated and bootstrapped with the realms and defaults.
 * A database or Redis that cannot be reached or used fails with a `StoreConnectionError` whose
 * message names the variable that points at it (`ARBOR_DATABASE_URL`, `ARBOR_REDIS_URL`).
 */
import type { ServerSettings } from '../config/server-settings.ts';
import { openStore } from '../store/open-store.ts';
import { isStoreConnectionError, withSetting } from '../store/store-connection-error.ts';
import type { Store } from '../store/store.ts';
import { bootstrapPlatform } from './bootstrap-platform.ts';

/** The variable that names each service. */
const SETTING_OF = { PostgreSQL: 'ARBOR_DATABASE_URL', Redis: 'ARBOR_REDIS_URL' } as const;

/** `error` with the variable named when it is a store connection error. */
function named(error: unknown): unknown {
  return isStoreConnectionError(error) && error.setting === undefined ? withSetting(error, SETTING_OF[error.service]) : error;
}

/** Opens and bootstraps the store; `log` receives one-time notices (a generated admin password). */
export async function openPlatformStore(
  settings: Readonly<ServerSettings>,
  log: (line: string) => void,
  options: { clock?: { now(): number }; connectTimeoutMs?: number } = {},
): Promise<Store> {
  const clock = options.clock ?? { now: () => Date.now() };
  let store: Store;
  try {
    store = await openStore({
      databaseUrl: settings.databaseUrl,
      dataDir: settings.dataDir,
      redisUrl: settings.redisUrl,
      redisCa: settings.redisCa,
      clock,
      connectTimeoutMs: options.connectTimeoutMs,
      timeouts: settings.storeTimeouts,
      postgresPool: { size: settings.databasePoolSize, preparedStatements: settings.databasePreparedStatements },
    });
  } catch (error) {
    throw named(error);
  }
  try {
    await bootstrapPlatform(store, { adminPassword: settings.adminPassword, log, clock });
  } catch (error) {
    await store.close();
    // Bootstrapping creates search indexes: a user without the right to do so is told in words.
    // PostgreSQL's modules are loaded only on PostgreSQL (see open-store.ts).
    const failure =
      settings.databaseUrl === undefined
        ? undefined
        : (await import('../store/postgres/postgres-failure.ts')).postgresFailure(
            error,
            settings.databaseUrl,
            'setup',
            options.connectTimeoutMs ?? (await import('../store/postgres/check-postgres-connection.ts')).POSTGRES_CONNECT_TIMEOUT_MS,
          );
    throw named(failure ?? error);
  }
  return store;
}
