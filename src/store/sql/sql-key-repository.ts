/** KeyRepository on SQL: realm keys, unique per (realm, purpose, kid). */
import type { Kysely, Selectable } from 'kysely';
import type { KeyPurpose, KeyRepository, StoredKey } from '../../secrets/ports.ts';
import type { Database, RealmKeysTable } from './database.ts';
import { int64 } from './json-column.ts';

const PURPOSES: readonly string[] = ['authId.hmac', 'transientState.aes'] satisfies KeyPurpose[];

function isPurpose(value: string): value is KeyPurpose {
  return PURPOSES.includes(value);
}

function isStatus(value: string): value is StoredKey['status'] {
  return value === 'active' || value === 'valid';
}

function toStoredKey(row: Selectable<RealmKeysTable>): StoredKey {
  const { purpose, status } = row;
  if (!isPurpose(purpose) || !isStatus(status)) throw new Error(`stored key ${row.realm}/${row.kid} has an unknown purpose or status`);
  return { realm: row.realm, purpose, kid: row.kid, material: row.material, createdAt: int64(row.created_at), status };
}

/** Realm keys on `db` (a Kysely instance or a transaction). Lists oldest first, then by kid. */
export function sqlKeyRepository(db: Kysely<Database>): KeyRepository {
  return {
    async list(realm, purpose) {
      const rows = await db
        .selectFrom('realm_keys')
        .selectAll()
        .where('realm', '=', realm)
        .where('purpose', '=', purpose)
        .orderBy('created_at')
        .orderBy('kid')
        .execute();
      return rows.map(toStoredKey);
    },

    async insertIfAbsent(key) {
      await db
        .insertInto('realm_keys')
        .values({
          realm: key.realm,
          purpose: key.purpose,
          kid: key.kid,
          material: key.material,
          created_at: Math.floor(key.createdAt),
          status: key.status,
        })
        .onConflict((oc) => oc.columns(['realm', 'purpose', 'kid']).doNothing())
        .execute();
    },
  };
}
