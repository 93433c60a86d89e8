/**
 * Journey revisions: `journeys.revision` numbers the current definition of each journey, and
 * `journey_versions` keeps every version (the current one included) by revision, with the time a
 * later revision or a delete replaced it, so that a journey started on a version can finish on it.
 * Existing journeys become revision 1.
 */
import { sql } from 'kysely';
import type { StoreMigration } from './store-migration.ts';

/** Adds `journeys.revision` and creates `journey_versions`. */
export const migration0006JourneyVersions: StoreMigration = {
  name: '0006-journey-versions',
  async up(db, dialect) {
    const json = dialect === 'postgres' ? sql`jsonb` : sql`text`;
    const key = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
    await db.schema.alterTable('journeys').addColumn('revision', 'bigint', (col) => col.notNull().defaultTo(1)).execute();
    await db.schema
      .createTable('journey_versions')
      .addColumn('realm', key, (col) => col.notNull())
      .addColumn('name', key, (col) => col.notNull())
      .addColumn('revision', 'bigint', (col) => col.notNull())
      .addColumn('definition', json, (col) => col.notNull())
      .addColumn('superseded_at', 'bigint')
      .addPrimaryKeyConstraint('journey_versions_pk', ['realm', 'name', 'revision'])
      .execute();
    await sql`insert into journey_versions (realm, name, revision, definition, superseded_at) select realm, name, revision, definition, null from journeys`.execute(db);
  },
};
