/**
 * Indexes for `_queryFilter`: the registry of unique attributes, and search indexes rebuilt to
 * their current definition (PostgreSQL `text_pattern_ops` so `sw` uses them; a partial index of
 * array values beside each). Rebuilding also recomputes SQLite's keys with Arbor's Unicode `lower`.
 */
import { sql } from 'kysely';
import { createSearchIndexes, dropSearchIndexes } from '../searchable-attributes.ts';
import type { StoreMigration } from './store-migration.ts';

/** Creates `managed_object_unique_indexes` and rebuilds the search indexes already recorded. */
export const migration0002QueryIndexes: StoreMigration = {
  name: '0002-query-indexes',
  async up(db, dialect) {
    const key = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
    await db.schema
      .createTable('managed_object_unique_indexes')
      .addColumn('type', key, (col) => col.notNull())
      .addColumn('attribute', key, (col) => col.notNull())
      .addColumn('index_name', 'text', (col) => col.notNull().unique())
      .addPrimaryKeyConstraint('managed_object_unique_indexes_pk', ['type', 'attribute'])
      .execute();

    const recorded = await db.selectFrom('managed_object_search_indexes').select(['type', 'attribute']).execute();
    for (const { type, attribute } of recorded) {
      await dropSearchIndexes(db, type, attribute);
      await createSearchIndexes(db, dialect, type, attribute);
    }
  },
};
