/**
 * Applies pending numbered migrations in one transaction, recorded in `arbor_migrations`. Concurrent
 * starts are serialized: an advisory lock on PostgreSQL; on SQLite the transaction begins IMMEDIATE (see the dialect).
 */
import { sql, type Kysely } from 'kysely';
import type { Database, SqlDialectName } from './database.ts';
import { allMigrations } from './migrations/all-migrations.ts';
import type { StoreMigration } from './migrations/store-migration.ts';

/** Advisory lock id of the migration runner (any constant shared by all Arbor processes). */
const MIGRATION_LOCK_ID = 0x4172626f72; // "Arbor"

async function applyPending(db: Kysely<Database>, dialect: SqlDialectName, migrations: readonly StoreMigration[]): Promise<string[]> {
  await sql`create table if not exists arbor_migrations (name varchar(255) primary key, applied_at bigint not null)`.execute(db);
  const applied = await sql<{ name: string }>`select name from arbor_migrations`.execute(db);
  const done = new Set(applied.rows.map((row) => row.name));
  const ran: string[] = [];
  for (const migration of [...migrations].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (done.has(migration.name)) continue;
    await migration.up(db, dialect);
    await sql`insert into arbor_migrations (name, applied_at) values (${migration.name}, ${Date.now()})`.execute(db);
    ran.push(migration.name);
  }
  return ran;
}

/** Applies the migrations of `migrations` not yet recorded; returns the names it applied. */
export async function migrateDatabase(
  db: Kysely<Database>,
  dialect: SqlDialectName,
  migrations: readonly StoreMigration[] = allMigrations,
): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${sql.lit(MIGRATION_LOCK_ID)})`.execute(trx);
    return applyPending(trx, dialect, migrations);
  });
}
