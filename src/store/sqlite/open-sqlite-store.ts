/** Opens the embedded SQLite store: `<dataDir>/arbor.db`, or a private in-memory database. */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kysely } from 'kysely';
import type { EphemeralBackend } from '../ephemeral-backend.ts';
import type { Database } from '../sql/database.ts';
import { createSqlStore, type SqlStore } from '../sql/sql-store.ts';
import type { StoreClock } from '../store-clock.ts';
import { nodeSqliteDialect } from './node-sqlite-dialect.ts';

/** The database file name inside the data directory. */
export const SQLITE_FILE_NAME = 'arbor.db';

/** Where the SQLite store lives. */
export interface SqliteStoreOptions {
  /** Directory of `arbor.db`, created when missing. Ignored with `memory`. */
  dataDir: string;
  /** An in-memory database, gone on close (tests). */
  memory?: boolean;
  clock: StoreClock;
  ephemeral?: EphemeralBackend;
}

/** The database path for `options`: `:memory:`, or `<dataDir>/arbor.db` with the directory created. */
export function sqliteDatabaseFile(options: { dataDir: string; memory?: boolean }): string {
  if (options.memory === true) return ':memory:';
  const dir = resolve(options.dataDir);
  mkdirSync(dir, { recursive: true });
  return join(dir, SQLITE_FILE_NAME);
}

/** Opens (without migrating) the SQLite store described by `options`. */
export function openSqliteStore(options: SqliteStoreOptions): SqlStore {
  const db = new Kysely<Database>({ dialect: nodeSqliteDialect(sqliteDatabaseFile(options)) });
  return createSqlStore({ db, dialect: 'sqlite', clock: options.clock, ...(options.ephemeral ? { ephemeral: options.ephemeral } : {}) });
}
