/**
 * The stores a migration test runs on: SQLite in memory, and PostgreSQL in a fresh schema (named
 * `<prefix>_<random>`, dropped by `cleanUp`) when `ARBOR_TEST_POSTGRES_URL` is set; otherwise that
 * case says why it is skipped. Each store is opened unmigrated: the test writes rows as an older
 * version did, then migrates.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { StoreClock } from '../store-clock.ts';
import { openPostgresStore } from '../postgres/open-postgres-store.ts';
import type { SqlStore } from '../sql/sql-store.ts';
import { openSqliteStore } from '../sqlite/open-sqlite-store.ts';

/** One store to run a migration test on. */
export interface MigrationTestStore {
  name: string;
  skip: string | false;
  open(): Promise<{ store: SqlStore; cleanUp(): Promise<void> }>;
}

/** SQLite, and PostgreSQL when it is configured, opened with `clock`. */
export function migrationTestStores(prefix: string, clock: StoreClock): MigrationTestStore[] {
  const postgresUrl = process.env['ARBOR_TEST_POSTGRES_URL'] || undefined;
  return [
    { name: 'SQLite', skip: false, open: async () => ({ store: openSqliteStore({ dataDir: '', memory: true, clock }), cleanUp: async () => {} }) },
    {
      name: 'PostgreSQL',
      skip: postgresUrl === undefined ? 'ARBOR_TEST_POSTGRES_URL is not set' : false,
      async open() {
        const schema = `${prefix}_${randomBytes(5).toString('hex')}`;
        const admin = new pg.Pool({ connectionString: postgresUrl, max: 1 });
        await admin.query(`create schema ${schema}`);
        const url = new URL(postgresUrl ?? '');
        url.searchParams.set('options', `-c search_path=${schema}`);
        return {
          store: openPostgresStore({ url: url.toString(), clock }),
          async cleanUp() {
            await admin.query(`drop schema if exists ${schema} cascade`);
            await admin.end();
          },
        };
      },
    },
  ];
}
