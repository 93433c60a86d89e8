/** RealmRepository on SQL: one JSON document per realm; a delete takes the realm's journeys, keys, devices and OIDC records with it. */
import type { Kysely } from 'kysely';
import type { RealmRepository } from '../../config/ports.ts';
import type { RealmConfig } from '../../config/realm-config.ts';
import { storedRealmConfig } from '../../config/stored-realm-config.ts';
import type { Database } from './database.ts';
import { decodeJson, encodeJson } from './json-column.ts';

/** The realm stored as `column`; throws on a corrupt document. */
function parseRealm(column: string): RealmConfig {
  return storedRealmConfig(decodeJson(column));
}

/** Realms on `db` (a Kysely instance or a transaction). */
export function sqlRealmRepository(db: Kysely<Database>): RealmRepository {
  return {
    async list() {
      const rows = await db.selectFrom('realms').select('config').orderBy('name').execute();
      return rows.map((row) => parseRealm(row.config));
    },

    async get(name) {
      const row = await db.selectFrom('realms').select('config').where('name', '=', name).executeTakeFirst();
      return row === undefined ? undefined : parseRealm(row.config);
    },

    async put(realm) {
      await db
        .insertInto('realms')
        .values({ name: realm.name, config: encodeJson(realm) })
        .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ config: eb.ref('excluded.config') })))
        .execute();
    },

    async delete(name) {
      // One statement per table; the caller runs it in a transaction to make it atomic.
      for (const table of ['journey_versions', 'journeys', 'realm_keys', 'realm_key_pairs', 'devices', 'oidc_records'] as const) {
        await db.deleteFrom(table).where('realm', '=', name).execute();
      }
      const result = await db.deleteFrom('realms').where('name', '=', name).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
