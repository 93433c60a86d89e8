/** The shape of a numbered schema migration, run once per database by `migrateDatabase`. */
import type { Kysely } from 'kysely';
import type { Database, SqlDialectName } from '../database.ts';

/** A forward-only migration; `name` (`0001-initial`) orders it and records it as applied. */
export interface StoreMigration {
  name: string;
  /** Applies the change inside the migration transaction; `dialect` picks the few dialect-specific types. */
  up(db: Kysely<Database>, dialect: SqlDialectName): Promise<void>;
}
