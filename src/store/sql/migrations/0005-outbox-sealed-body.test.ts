/**
 * Migration 0005 on an outbox written before it (the body in clear in the message JSON): messages
 * already sent or given up lose their body at once; a message still waiting keeps it, is read as a
 * clear body the email module can still deliver, and loses it once delivered. On SQLite, and on
 * PostgreSQL (fresh schema) when `ARBOR_TEST_POSTGRES_URL` is set.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createSecretSealer } from '../../../secrets/secret-sealer.ts';
import { createEmailSecrets } from '../../../selfservice/email/email-secrets.ts';
import { migrationTestStores } from '../../testing/migration-test-stores.ts';
import { migrateDatabase } from '../migrate-database.ts';
import { allMigrations } from './all-migrations.ts';

const clock = { now: () => 1_700_000_000_000 };
const LINK = 'https://id.test/login?suspendedId=legacy-link';

/** A legacy row: the whole message, body included, in the JSON column. */
function legacyRow(id: string, status: string) {
  const message = JSON.stringify({ from: 'noreply@id.test', to: ['ann@example.com'], cc: [], bcc: [], subject: `Reset ${id}`, text: `Reset (${LINK})`, html: `<a href="${LINK}">Reset</a>` });
  return sql`insert into email_outbox (id, status, message, template, locale, created_at, updated_at, attempts, next_attempt_at, lease, lease_expires_at, last_error, sent_at)
    values (${id}, ${status}, ${message}, null, null, 1, 1, 0, 1, null, null, null, null)`;
}

const cases = migrationTestStores('arbor_m5', clock);

for (const backend of cases) {
  describe(`migration 0005 on a legacy outbox (${backend.name})`, { skip: backend.skip }, () => {
    let cleanUps: (() => Promise<void>)[] = [];
    after(async () => {
      for (const cleanUp of cleanUps) await cleanUp();
      cleanUps = [];
    });

    it('drops the bodies of sent and failed messages; a waiting one is still delivered, then loses its body', async () => {
      const { store, cleanUp } = await backend.open();
      cleanUps.push(async () => {
        await store.close();
        await cleanUp();
      });
      await migrateDatabase(store.db, store.dialect, allMigrations.slice(0, 4));
      for (const [id, status] of [['sent-1', 'sent'], ['failed-1', 'failed'], ['pending-1', 'pending']]) await legacyRow(id ?? '', status ?? '').execute(store.db);
      await store.migrate();

      const raw = async (id: string): Promise<string> => JSON.stringify((await sql`select message, body from email_outbox where id = ${id}`.execute(store.db)).rows);
      for (const id of ['sent-1', 'failed-1']) {
        assert.doesNotMatch(await raw(id), /legacy-link/);
        const message = await store.outbox.get(id);
        assert.deepEqual([message?.message.subject, message?.message.contentType, message?.message.body], [`Reset ${id}`, 'text/html', undefined]);
      }

      const secrets = createEmailSecrets(createSecretSealer(randomBytes(32)));
      const [claimed] = await store.outbox.claim({ now: 2, limit: 5, leaseMs: 60_000 });
      assert.equal(claimed?.id, 'pending-1');
      assert.deepEqual(secrets.openMessage(claimed.message), {
        from: 'noreply@id.test',
        to: ['ann@example.com'],
        cc: [],
        bcc: [],
        subject: 'Reset pending-1',
        text: `Reset (${LINK})`,
        html: `<a href="${LINK}">Reset</a>`,
      });
      assert.equal(await store.outbox.markSent(claimed.id, claimed.lease, 3), true);
      assert.doesNotMatch(await raw('pending-1'), /legacy-link/);
      assert.equal((await store.outbox.get('pending-1'))?.message.body, undefined);
    });
  });
}
