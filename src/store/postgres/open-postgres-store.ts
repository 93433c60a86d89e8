/** Opens the PostgreSQL store: Kysely's PostgresDialect over a pg pool. */
import { Kysely, PostgresDialect } from 'kysely';
import type { EphemeralBackend } from '../ephemeral-backend.ts';
import type { Database } from '../sql/database.ts';
import { createSqlStore, type SqlStore } from '../sql/sql-store.ts';
import type { StoreClock } from '../store-clock.ts';
import { createPostgresPool } from './postgres-pool.ts';

/** Where the PostgreSQL store lives. */
export interface PostgresStoreOptions {
  /** `postgres://` or `postgresql://` URL. */
  url: string;
  clock: StoreClock;
  ephemeral?: EphemeralBackend;
  /** Pool size (default 10). */
  maxConnections?: number;
}

/** True for a URL that selects PostgreSQL. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Opens (without migrating) the PostgreSQL store described by `options`. */
export function openPostgresStore(options: PostgresStoreOptions): SqlStore {
  const pool = createPostgresPool(options.url, options.maxConnections === undefined ? {} : { max: options.maxConnections });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return createSqlStore({ db, dialect: 'postgres', clock: options.clock, ...(options.ephemeral ? { ephemeral: options.ephemeral } : {}) });
}
