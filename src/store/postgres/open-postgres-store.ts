/**
 * Opens the PostgreSQL store: Kysely's PostgresDialect over a guarded pg pool, with the running
 * store's time limits (`StoreTimeouts`). Migrations and search/unique index builds go through a
 * second, small pool without a statement limit: they may take minutes on a large population, or
 * wait for another process's migration, which no request ever should.
 */
import { Kysely, PostgresDialect } from 'kysely';
import type { EphemeralBackend } from '../ephemeral-backend.ts';
import type { Database } from '../sql/database.ts';
import { createSqlStore, type SqlStore } from '../sql/sql-store.ts';
import type { StoreClock } from '../store-clock.ts';
import { DEFAULT_STORE_TIMEOUTS, type StoreTimeouts } from '../store-timeouts.ts';
import { guardedPostgresPool } from './guarded-postgres-pool.ts';
import { createPostgresPool } from './postgres-pool.ts';
import { preparedStatementNames } from './prepared-statement-names.ts';

/** Where the PostgreSQL store lives. */
export interface PostgresStoreOptions {
  /** `postgres://` or `postgresql://` URL. */
  url: string;
  clock: StoreClock;
  ephemeral?: EphemeralBackend;
  /** Pool size (default 10). */
  maxConnections?: number;
  /** Run Arbor's statements as named prepared statements (default true; off behind a pooler that cannot keep them). */
  preparedStatements?: boolean;
  /** Time limits (default `DEFAULT_STORE_TIMEOUTS`). */
  timeouts?: Readonly<StoreTimeouts>;
}

/** True for a URL that selects PostgreSQL. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Opens (without migrating) the PostgreSQL store described by `options`. */
export function openPostgresStore(options: PostgresStoreOptions): SqlStore {
  const timeouts = options.timeouts ?? DEFAULT_STORE_TIMEOUTS;
  const pool = createPostgresPool(options.url, { connectMs: timeouts.connectMs, statementMs: timeouts.statementMs, idleMs: timeouts.idleMs, ...(options.maxConnections === undefined ? {} : { max: options.maxConnections }) });
  const names = options.preparedStatements === false ? undefined : preparedStatementNames();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: guardedPostgresPool(pool, options.url, timeouts, names) }) });
  // Created on first use (a migration, an index build), its connection closed when idle.
  const schemaDb = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: async () => guardedPostgresPool(createPostgresPool(options.url, { max: 2, connectMs: timeouts.connectMs, idleMs: 1000 }), options.url, timeouts),
    }),
  });
  return createSqlStore({ db, schemaDb, dialect: 'postgres', clock: options.clock, ...(options.ephemeral ? { ephemeral: options.ephemeral } : {}) });
}
