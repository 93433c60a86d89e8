/** The Store on a Kysely database (SQLite or PostgreSQL), with the SQL or an external ephemeral store. */
import { sql, type Kysely } from 'kysely';
import type { EphemeralBackend } from '../ephemeral-backend.ts';
import type { StoreClock } from '../store-clock.ts';
import type { Store } from '../store.ts';
import type { Database, SqlDialectName } from './database.ts';
import { migrateDatabase } from './migrate-database.ts';
import { sqlAuditStore } from './sql-audit-store.ts';
import { sqlDurableRepositories } from './sql-durable-repositories.ts';
import { sqlEphemeralStore } from './sql-ephemeral-store.ts';

/** A Store on SQL; `db` is exposed for the store's own tests and tools, not for domain code. */
export interface SqlStore extends Store {
  readonly dialect: SqlDialectName;
  readonly db: Kysely<Database>;
}

/** What `createSqlStore` composes. */
export interface SqlStoreOptions {
  db: Kysely<Database>;
  /**
   * Where migrations and index builds run, without the statement time limit of `db` (PostgreSQL);
   * `db` itself by default. Destroyed by `close()`.
   */
  schemaDb?: Kysely<Database>;
  dialect: SqlDialectName;
  clock: StoreClock;
  /** Replaces the SQL ephemeral store (Redis); checked by `health()` and closed by `close()`. */
  ephemeral?: EphemeralBackend;
}

/**
 * Composes the Store on `db`. On SQLite the database has one connection: inside `transaction()`,
 * use only the repositories handed to the work function, never the outer store (it would wait).
 */
export function createSqlStore(options: SqlStoreOptions): SqlStore {
  const { db, dialect, clock, ephemeral } = options;
  const schemaDb = options.schemaDb ?? db;
  let closing: Promise<void> | undefined;
  return {
    db,
    dialect,
    ...sqlDurableRepositories(db, dialect, clock, schemaDb),
    ephemeral: ephemeral?.store ?? sqlEphemeralStore(db, clock),
    audit: sqlAuditStore(db),
    transaction: (work) => db.transaction().execute((trx) => work(sqlDurableRepositories(trx, dialect, clock))),
    async migrate() {
      await migrateDatabase(schemaDb, dialect);
    },
    async health() {
      await sql`select 1`.execute(db);
      await ephemeral?.health();
    },
    close() {
      closing ??= (async () => {
        try {
          await ephemeral?.close();
        } finally {
          try {
            if (schemaDb !== db) await schemaDb.destroy();
          } finally {
            await db.destroy();
          }
        }
      })();
      return closing;
    },
  };
}
