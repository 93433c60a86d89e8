/**
 * PostgreSQL search indexes without a leading `type` column: `(lower(data->>'x') text_pattern_ops,
 * id) where type = '<type>'`. PostgreSQL drops `type = …` from the index conditions because the
 * partial-index predicate implies it, so with `type` first the scan could neither jump to a `sw`
 * prefix nor walk the index in the order of a sort by that attribute. Rebuilds every recorded search
 * index to that shape, with the expression statistics the planner needs to prefer the ordered walk.
 * SQLite's indexes keep their shape: a no-op there.
 */
import { createSearchIndexes, createSearchStatistics, dropSearchIndexes } from '../searchable-attributes.ts';
import type { StoreMigration } from './store-migration.ts';

/** Rebuilds the PostgreSQL search indexes already recorded, and their attributes' statistics. */
export const migration0004SearchIndexOrder: StoreMigration = {
  name: '0004-search-index-order',
  async up(db, dialect) {
    if (dialect !== 'postgres') return;
    const recorded = await db.selectFrom('managed_object_search_indexes').select(['type', 'attribute']).execute();
    for (const { type, attribute } of recorded) {
      await dropSearchIndexes(db, type, attribute);
      await createSearchIndexes(db, dialect, type, attribute);
    }
    for (const attribute of new Set(recorded.map((row) => row.attribute))) await createSearchStatistics(db, attribute);
  },
};
