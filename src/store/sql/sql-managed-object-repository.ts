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

/** The JSON text each `data` object this module handed out was parsed from (a hint for `update`). */
const dataTexts = new WeakMap<Record<string, unknown>, string>();

function toStored(row: Selectable<ManagedObjectsTable>): StoredManagedObject {
  const data = decodeJsonObject(row.data);
  dataTexts.set(data, row.data);
  return { type: row.type, id: row.id, rev: String(int64(row.rev)), data, meta: decodeJsonObject(row.meta) };
}

/** Revisions are decimal integers; anything else can never match and is simply stale. */
function parseRev(rev: string): number | undefined {
  return /^[0-9]{1,15}$/.test(rev) ? Number(rev) : undefined;
}

/** Type names written into a statement's text rather than bound: plain names only. */
const LITERAL_TYPE = /^[A-Za-z0-9_-]{1,64}$/;

/** Limits written into a statement's text rather than bound. */
const MAX_LITERAL_LIMIT = 1000;

/**
 * The lookup `findByAttribute` runs; exported so tests can check the planner uses the search index.
 * The type and the limit are part of the statement's text, not bound: SQLite can use a partial
 * search index (`where type = 'alpha_user'`) for `type = ?` only by reading the bound value, and a
 * statement whose plan read a bound value (the type, or the limit) is planned again at every run,
 * which cost a sign-in's lookup about seven times its run. As text, the statement is planned once
 * per type and kept with the others (PostgreSQL's generic plan can use the partial index too).
 */
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
    .where('type', '=', LITERAL_TYPE.test(type) ? sql.lit(type) : type)
    .where(attributeExpressions[dialect].equals(attribute, value))
    .orderBy('id');
  if (limit === undefined) return query;
  return query.limit(Number.isSafeInteger(limit) && limit >= 0 && limit <= MAX_LITERAL_LIMIT ? sql.lit(limit) : limit);
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
      const rev = expectedRev === undefined ? undefined : parseRev(expectedRev);
      if (expectedRev !== undefined && rev === undefined) throw await missingOrStale(type, id);
      const dataText = encodeJson(data);
      // The data as it was read, only the meta changed (a sign-in's login count): an UPDATE that
      // names `data` rewrites every search and unique index entry of the object (SQLite computes
      // them all again), one that leaves it out touches none. Guarded by the stored text itself,
      // so a hint that no longer holds (the data changed meanwhile) falls through to the full write.
      // PostgreSQL gives jsonb back in its own layout, never the text written: there, every update
      // is written in full, as before.
      if (dataTexts.get(data) === dataText) {
        let metaOnly = db
          .updateTable('managed_objects')
          .set({ meta: encodeJson(meta), updated_at: now, rev: sql<number>`rev + 1` })
          .where('type', '=', type)
          .where('id', '=', id)
          .where('data', '=', dataText);
        if (rev !== undefined) metaOnly = metaOnly.where('rev', '=', rev);
        const row = await metaOnly.returningAll().executeTakeFirst();
        if (row !== undefined) return toStored(row);
      }
      let query = db
        .updateTable('managed_objects')
        .set({ data: dataText, meta: encodeJson(meta), updated_at: now, rev: sql<number>`rev + 1` })
        .where('type', '=', type)
        .where('id', '=', id);
      // The revision check is part of the UPDATE itself: no window between check and write.
      if (rev !== undefined) query = query.where('rev', '=', rev);
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
