/**
 * KeyRepository on SQL: realm keys, unique per (realm, purpose, kid); key pairs, unique per
 * (realm, kid), one active per (realm, purpose, series) (a partial unique index), replaced in one
 * transaction whose conditional update and insert make concurrent writers agree.
 */
import type { Kysely, Selectable } from 'kysely';
import type { KeyPairPurpose, KeyPurpose, KeyRepository, StoredKey, StoredKeyPair } from '../../secrets/ports.ts';
import type { Database, RealmKeyPairsTable, RealmKeysTable } from './database.ts';
import { int64 } from './json-column.ts';

const PURPOSES: readonly string[] = ['authId.hmac', 'transientState.aes'] satisfies KeyPurpose[];
const PAIR_PURPOSES: readonly string[] = ['rp.sig', 'rp.enc', 'rp.tls', 'op.sig'] satisfies KeyPairPurpose[];

function isPairPurpose(value: string): value is KeyPairPurpose {
  return PAIR_PURPOSES.includes(value);
}

function toStoredKeyPair(row: Selectable<RealmKeyPairsTable>): StoredKeyPair {
  const { purpose, status } = row;
  if (!isPairPurpose(purpose) || (status !== 'active' && status !== 'retired')) throw new Error(`stored key pair ${row.realm}/${row.kid} has an unknown purpose or status`);
  return {
    realm: row.realm,
    purpose,
    series: row.series,
    kid: row.kid,
    material: row.material,
    publicJwk: row.public_jwk,
    createdAt: int64(row.created_at),
    status,
    publishedUntil: row.published_until === null ? undefined : int64(row.published_until),
  };
}

/** Runs `work` in a transaction: `db`'s own when it is one, else a new one. */
function inTransaction<T>(db: Kysely<Database>, work: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

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

    async listKeyPairs(realm) {
      const rows = await db.selectFrom('realm_key_pairs').selectAll().where('realm', '=', realm).orderBy('created_at').orderBy('kid').execute();
      return rows.map(toStoredKeyPair);
    },

    async replaceActiveKeyPair(key, replacing) {
      const createdAt = Math.floor(key.createdAt);
      return inTransaction(db, async (tx) => {
        const taken = await tx.selectFrom('realm_key_pairs').select('kid').where('realm', '=', key.realm).where('kid', '=', key.kid).executeTakeFirst();
        if (taken !== undefined) return false;
        if (replacing !== undefined) {
          // Of two processes replacing the same key, the second finds it retired (PostgreSQL
          // re-reads the row once the first commits; SQLite runs one writer at a time).
          const retired = await tx
            .updateTable('realm_key_pairs')
            .set({ status: 'retired', published_until: Math.floor(replacing.publishedUntil) })
            .where('realm', '=', key.realm)
            .where('purpose', '=', key.purpose)
            .where('series', '=', key.series)
            .where('kid', '=', replacing.kid)
            .where('status', '=', 'active')
            .returning('kid')
            .executeTakeFirst();
          if (retired === undefined) return false;
        }
        const inserted = await tx
          .insertInto('realm_key_pairs')
          .values({
            realm: key.realm,
            purpose: key.purpose,
            series: key.series,
            kid: key.kid,
            material: key.material,
            public_jwk: key.publicJwk,
            created_at: createdAt,
            status: 'active',
            published_until: null,
          })
          // The series has an active key already (another process created the first one): keep it.
          .onConflict((oc) => oc.doNothing())
          .returning('kid')
          .executeTakeFirst();
        if (inserted === undefined) {
          // Only the first key can lose here; a replaced series was locked by the update.
          if (replacing === undefined) return false;
          throw new Error(`realm ${key.realm}: the ${key.purpose} key ${key.kid} could not replace ${replacing.kid}`);
        }
        // Retired keys whose time has passed go (the one retired just now stays until the next change).
        await tx
          .deleteFrom('realm_key_pairs')
          .where('realm', '=', key.realm)
          .where('purpose', '=', key.purpose)
          .where('series', '=', key.series)
          .where('status', '=', 'retired')
          .where('published_until', '<=', createdAt)
          .where('kid', '!=', replacing?.kid ?? '')
          .execute();
        return true;
      });
    },
  };
}
