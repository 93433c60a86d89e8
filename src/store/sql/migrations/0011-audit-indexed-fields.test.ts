/**
 * Migration 0011 on audit events stored before it: their indexed fields are filled in (ASCII and
 * non-ASCII values folded as new events are, nested actor fields, fields that are no string left
 * empty), so that equality finds old events as it finds new ones. On SQLite, and on PostgreSQL
 * (fresh schema) when `ARBOR_TEST_POSTGRES_URL` is set.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { AuditEvent } from '../../../audit/audit-event.ts';
import type { AuditEquals } from '../../../audit/audit-store.ts';
import { migrationTestStores } from '../../testing/migration-test-stores.ts';
import { migrateDatabase } from '../migrate-database.ts';
import { allMigrations } from './all-migrations.ts';

const clock = { now: () => 1_700_000_000_000 };

const cases = migrationTestStores('arbor_m11', clock);

const at = Date.UTC(2030, 0, 1);
const signIn: AuditEvent = { _id: 'ev-1', topic: 'authentication', timestamp: new Date(at).toISOString(), realm: 'Alpha', journey: 'Login', outcome: 'FAILURE', userName: 'Élodie ΣΑΣ', userId: 'ID-1', transactionId: 'Tx-1' };
const change: AuditEvent = { _id: 'ev-2', topic: 'activity', timestamp: new Date(at).toISOString(), realm: 'alpha', objectType: 'alpha_user', objectId: 'OBJ-1', operation: 'update', actor: { realm: 'root', username: 'AMAdmin', userId: 'İD-Admin' } };
/** An event whose `userName` is no string (as no recorder writes, but a row may hold). */
const odd = { _id: 'ev-3', topic: 'authentication', timestamp: new Date(at).toISOString(), realm: 'alpha', journey: 'Login', outcome: 'SUCCESS', userName: ['ann'] };

for (const backend of cases) {
  describe(`migration 0011 on audit events stored before it (${backend.name})`, { skip: backend.skip }, () => {
    const cleanUps: (() => Promise<void>)[] = [];
    after(async () => {
      for (const cleanUp of cleanUps.splice(0)) await cleanUp();
    });

    it('fills the indexed fields of every stored event, folded as new events are', async () => {
      const { store, cleanUp } = await backend.open();
      cleanUps.push(async () => {
        await store.close();
        await cleanUp();
      });
      const before = allMigrations.findIndex((migration) => migration.name === '0011-audit-indexed-fields');
      assert.ok(before > 0);
      await migrateDatabase(store.db, store.dialect, allMigrations.slice(0, before));
      for (const event of [signIn, change, odd]) {
        await sql`insert into audit_events (id, topic, realm, at, event) values (${event._id}, ${event.topic}, ${event.realm}, ${at}, ${JSON.stringify(event)})`.execute(store.db);
      }
      await store.migrate();

      const ids = async (topic: AuditEvent['topic'], equals: AuditEquals) => (await store.audit.list({ topic, equals, limit: 10 })).map((entry) => entry.event._id);
      assert.deepEqual(await ids('authentication', { userName: ['élodie σασ'], userId: ['id-1'], transactionId: ['TX-1'], outcome: ['failure'], realm: ['ALPHA'] }), ['ev-1']);
      assert.deepEqual(await ids('activity', { objectId: ['obj-1'], 'actor/username': ['amadmin'], 'actor/userId': ['İd-admin'] }), ['ev-2']);
      assert.deepEqual(await ids('authentication', { outcome: ['success'] }), ['ev-3']);
      assert.deepEqual(await ids('authentication', { userName: ['ann'] }), [], 'a value that is no string is not indexed');
      assert.equal(await store.audit.count({ topic: 'authentication', equals: { realm: ['alpha'] } }), 2);
      // A new event is found beside the migrated ones by the same values.
      await store.audit.append({ ...signIn, _id: 'ev-4', userName: 'ÉLODIE σας' }, at + 1);
      assert.deepEqual(await ids('authentication', { userName: ['élodie σας', 'élodie σασ'] }), ['ev-4', 'ev-1']);
    });
  });
}
