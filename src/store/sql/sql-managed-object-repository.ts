/** ManagedObjectRepository on SQL (SQLite or PostgreSQL) through Kysely. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AttributeValue, ManagedObjectRepository, StoredManagedObject } from '../../identity/ports.ts';
import { storeError, type StoreError } from '../errors.ts';
import type { StoreClock } from '../store-clock.ts';
import { attributeExpressions } from './attribute-expression.ts';
import type { Database, ManagedObjectsTable, SqlDialectName } from './database.ts';
import { decodeJsonObject, encodeJson, int64 } from './json-column.ts';
import { runManagedObjectQuery } from './managed-object-query.ts';
import { setSearchableAttributes } from './searchable-attributes.ts';
import { rethrowUniqueViolation, setUniqueAttributes } from './unique-attributes.ts';

function toStored(row: Selectable<ManagedObjectsTable>): StoredManagedObject {
  return { type: row.type, id: row.id, rev: String(int64(row.rev)), data: decodeJsonObject(row.data), meta: decodeJsonObject(row.meta) };
}

/** Revisions are decimal integers; anything else can never match and is simply stale. */
function parseRev(rev: string): number | undefined {
  return /^[0-9]{1,15}$/.test(rev) ? Number(rev) : undefined;
}

/** The lookup `findByAttribute` runs; exported so tests can check the planner uses the search index. */
export function findByAttributeQuery(
  db: Kysely<Database>,
  dialect: SqlDialectName,
  type: string,
  attribute: string,
  value: AttributeValue,
  limit?: number,
) {
  const query = db
    .selectFrom('managed_objects')
    .selectAll()
    .where('type', '=', type)
    .where(attributeExpressions[dialect].equals(attribute, value))
    .orderBy('id');
  return limit === undefined ? query : query.limit(limit);
}

/**
 * Managed objects on `db` (a Kysely instance or a transaction); `rev` counts writes from 1.
 * Search and unique indexes are built through `schemaDb` (PostgreSQL: a connection without the
 * statement time limit, since building an index over many objects may take long).
 */
export function sqlManagedObjectRepository(db: Kysely<Database>, dialect: SqlDialectName, clock: StoreClock, schemaDb: Kysely<Database> = db): ManagedObjectRepository {
  /** Why a conditional write touched no row: the object is gone, or its revision moved on. */
  async function missingOrStale(type: string, id: string): Promise<StoreError> {
    const row = await db.selectFrom('managed_objects').select('rev').where('type', '=', type).where('id', '=', id).executeTakeFirst();
    return row === undefined
      ? storeError('NOT_FOUND', `managed/${type}/${id} not found`)
      : storeError('REV_MISMATCH', `managed/${type}/${id} has changed (rev ${String(row.rev)})`);
  }

  return {
    async create(type, id, data, meta) {
      const now = Math.floor(clock.now());
      // ON CONFLICT DO NOTHING: a lost race yields no row instead of aborting an enclosing transaction.
      const row = await db
        .insertInto('managed_objects')
        .values({ type, id, rev: 1, data: encodeJson(data), meta: encodeJson(meta), created_at: now, updated_at: now })
        .onConflict((oc) => oc.columns(['type', 'id']).doNothing())
        .returningAll()
        .executeTakeFirst()
        .catch((error: unknown) => rethrowUniqueViolation(error, type, data));
      if (row === undefined) throw storeError('DUPLICATE_ID', `managed/${type}/${id} already exists`);
      return toStored(row);
    },

    async get(type, id) {
      const row = await db.selectFrom('managed_objects').selectAll().where('type', '=', type).where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toStored(row);
    },

    async findByAttribute(type, attribute, value, limit) {
      const rows = await findByAttributeQuery(db, dialect, type, attribute, value, limit).execute();
      return rows.map(toStored);
    },

    async update(type, id, data, meta, expectedRev) {
      const now = Math.floor(clock.now());
      let query = db
        .updateTable('managed_objects')
        .set({ data: encodeJson(data), meta: encodeJson(meta), updated_at: now, rev: sql<number>`rev + 1` })
        .where('type', '=', type)
        .where('id', '=', id);
      if (expectedRev !== undefined) {
        const rev = parseRev(expectedRev);
        if (rev === undefined) throw await missingOrStale(type, id);
        // The revision check is part of the UPDATE itself: no window between check and write.
        query = query.where('rev', '=', rev);
      }
      const row = await query
        .returningAll()
        .executeTakeFirst()
        .catch((error: unknown) => rethrowUniqueViolation(error, type, data));
      if (row === undefined) throw await missingOrStale(type, id);
      return toStored(row);
    },

    async delete(type, id, expectedRev) {
      let query = db.deleteFrom('managed_objects').where('type', '=', type).where('id', '=', id);
      if (expectedRev !== undefined) {
        const rev = parseRev(expectedRev);
        if (rev === undefined) throw await missingOrStale(type, id);
        query = query.where('rev', '=', rev);
      }
      const row = await query.returningAll().executeTakeFirst();
      if (row === undefined) throw await missingOrStale(type, id);
      return toStored(row);
    },

    async list(type, page) {
      const count = await db
        .selectFrom('managed_objects')
        .select((eb) => eb.fn.countAll().as('total'))
        .where('type', '=', type)
        .executeTakeFirstOrThrow();
      const rows = await db
        .selectFrom('managed_objects')
        .selectAll()
        .where('type', '=', type)
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return { items: rows.map(toStored), total: int64(count.total) };
    },

    query(type, query) {
      return runManagedObjectQuery(db, dialect, type, query);
    },

    async setSearchableAttributes(type, attributes) {
      await setSearchableAttributes(schemaDb, dialect, type, attributes);
    },

    async setUniqueAttributes(type, attributes) {
      await setUniqueAttributes(schemaDb, dialect, type, attributes);
    },

    async refreshStatistics() {
      // SQLite plans without statistics unless ANALYZE ever ran (it never does here): nothing to refresh.
      if (dialect === 'postgres') await sql`analyze managed_objects`.execute(schemaDb);
    },
  };
}
