/** JourneyRepository on SQL: one definition (tree plus node configs) per realm and tree name. */
import type { Kysely } from 'kysely';
import type { JourneyDefinition } from '../../journeys/engine/tree-model.ts';
import type { JourneyRepository } from '../../journeys/ports.ts';
import type { Database } from './database.ts';
import { decodeJson, encodeJson, isJsonObject } from './json-column.ts';

/** The stored document has the shape of a journey definition (it was one when it was put). */
function isJourneyDefinition(value: unknown): value is JourneyDefinition {
  if (!isJsonObject(value) || !isJsonObject(value['nodes'])) return false;
  const tree = value['tree'];
  return isJsonObject(tree) && typeof tree['_id'] === 'string' && isJsonObject(tree['nodes']);
}

/** Journeys on `db` (a Kysely instance or a transaction). */
export function sqlJourneyRepository(db: Kysely<Database>): JourneyRepository {
  return {
    async get(realm, name) {
      const row = await db
        .selectFrom('journeys')
        .select('definition')
        .where('realm', '=', realm)
        .where('name', '=', name)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      const value = decodeJson(row.definition);
      if (!isJourneyDefinition(value)) throw new Error(`stored journey ${realm}/${name} is not a journey definition`);
      return value;
    },

    async put(realm, definition) {
      await db
        .insertInto('journeys')
        .values({ realm, name: definition.tree._id, definition: encodeJson(definition) })
        .onConflict((oc) => oc.columns(['realm', 'name']).doUpdateSet((eb) => ({ definition: eb.ref('excluded.definition') })))
        .execute();
    },

    async list(realm) {
      const rows = await db.selectFrom('journeys').select('name').where('realm', '=', realm).orderBy('name').execute();
      return rows.map((row) => row.name);
    },

    async delete(realm, name) {
      const result = await db.deleteFrom('journeys').where('realm', '=', realm).where('name', '=', name).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
