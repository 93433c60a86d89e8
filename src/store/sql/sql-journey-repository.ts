/**
 * JourneyRepository on SQL: the current definition of each (realm, name) with its revision in
 * `journeys`, and every version kept in `journey_versions`. A change is one transaction: the
 * revision is raised in the same statement that writes the definition (concurrent writers get
 * distinct revisions), the previous version is marked replaced, the new one recorded.
 */
import { isDeepStrictEqual } from 'node:util';
import { sql, type Kysely } from 'kysely';
import type { JourneyDefinition } from '../../journeys/engine/tree-model.ts';
import type { JourneyRepository, JourneyVersion } from '../../journeys/ports.ts';
import type { StoreClock } from '../store-clock.ts';
import type { Database } from './database.ts';
import { decodeJson, encodeJson, int64, isJsonObject } from './json-column.ts';

/** The stored document has the shape of a journey definition (it was one when it was put). */
function isJourneyDefinition(value: unknown): value is JourneyDefinition {
  if (!isJsonObject(value) || !isJsonObject(value['nodes'])) return false;
  const tree = value['tree'];
  return isJsonObject(tree) && typeof tree['_id'] === 'string' && isJsonObject(tree['nodes']);
}

function definitionOf(realm: string, name: string, column: string): JourneyDefinition {
  const value = decodeJson(column);
  if (!isJourneyDefinition(value)) throw new Error(`stored journey ${realm}/${name} is not a journey definition`);
  return value;
}

function versionOf(realm: string, name: string, row: { revision: unknown; definition: string } | undefined): JourneyVersion | undefined {
  return row === undefined ? undefined : { revision: int64(row.revision), definition: definitionOf(realm, name, row.definition) };
}

/** Runs `work` in a transaction: `db`'s own when it is one, else a new one. */
function inTransaction<T>(db: Kysely<Database>, work: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** Journeys on `db` (a Kysely instance or a transaction); `clock` dates replacements. */
export function sqlJourneyRepository(db: Kysely<Database>, clock: StoreClock): JourneyRepository {
  const current = async (realm: string, name: string): Promise<JourneyVersion | undefined> =>
    versionOf(realm, name, await db.selectFrom('journeys').select(['revision', 'definition']).where('realm', '=', realm).where('name', '=', name).executeTakeFirst());

  return {
    async get(realm, name) {
      return (await current(realm, name))?.definition;
    },

    current,

    async version(realm, name, revision) {
      const row = await db
        .selectFrom('journey_versions')
        .select(['revision', 'definition'])
        .where('realm', '=', realm)
        .where('name', '=', name)
        .where('revision', '=', revision)
        .executeTakeFirst();
      return versionOf(realm, name, row);
    },

    async put(realm, definition) {
      const name = definition.tree._id;
      const text = encodeJson(definition);
      return inTransaction(db, async (tx) => {
        const stored = await tx.selectFrom('journeys').select(['revision', 'definition']).where('realm', '=', realm).where('name', '=', name).executeTakeFirst();
        if (stored !== undefined && isDeepStrictEqual(decodeJson(stored.definition), decodeJson(text))) return int64(stored.revision);
        // A name deleted earlier goes on from its last revision: numbers are never reused.
        const latest = await tx
          .selectFrom('journey_versions')
          .select((eb) => eb.fn.max('revision').as('latest'))
          .where('realm', '=', realm)
          .where('name', '=', name)
          .executeTakeFirst();
        const written = await tx
          .insertInto('journeys')
          .values({ realm, name, definition: text, revision: int64(latest?.latest ?? 0) + 1 })
          .onConflict((oc) => oc.columns(['realm', 'name']).doUpdateSet((eb) => ({ definition: eb.ref('excluded.definition'), revision: sql<number>`journeys.revision + 1` })))
          .returning('revision')
          .executeTakeFirstOrThrow();
        const revision = int64(written.revision);
        await tx
          .updateTable('journey_versions')
          .set({ superseded_at: clock.now() })
          .where('realm', '=', realm)
          .where('name', '=', name)
          .where('revision', '<', revision)
          .where('superseded_at', 'is', null)
          .execute();
        await tx.insertInto('journey_versions').values({ realm, name, revision, definition: text, superseded_at: null }).execute();
        return revision;
      });
    },

    async list(realm) {
      const rows = await db.selectFrom('journeys').select('name').where('realm', '=', realm).orderBy('name').execute();
      return rows.map((row) => row.name);
    },

    async delete(realm, name) {
      return inTransaction(db, async (tx) => {
        const result = await tx.deleteFrom('journeys').where('realm', '=', realm).where('name', '=', name).executeTakeFirst();
        if (result.numDeletedRows === 0n) return false;
        await tx
          .updateTable('journey_versions')
          .set({ superseded_at: clock.now() })
          .where('realm', '=', realm)
          .where('name', '=', name)
          .where('superseded_at', 'is', null)
          .execute();
        return true;
      });
    },

    async purgeVersions(supersededBefore) {
      const result = await sql`
        delete from journey_versions
        where superseded_at < ${supersededBefore}
          and revision < (select max(w.revision) from journey_versions w where w.realm = journey_versions.realm and w.name = journey_versions.name)
      `.execute(db);
      return Number(result.numAffectedRows ?? 0n);
    },
  };
}
