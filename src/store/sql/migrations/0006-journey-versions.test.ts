/**
 * Migration 0006 on journeys stored before it: each becomes revision 1, readable by revision, and
 * the next import of it is revision 2 with revision 1 kept. On SQLite, and on PostgreSQL (fresh
 * schema) when `ARBOR_TEST_POSTGRES_URL` is set.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { sampleJourney } from '../../contract/journey-repository.contract.ts';
import { migrationTestStores } from '../../testing/migration-test-stores.ts';
import { migrateDatabase } from '../migrate-database.ts';
import { allMigrations } from './all-migrations.ts';

const clock = { now: () => 1_700_000_000_000 };

const cases = migrationTestStores('arbor_m6', clock);

for (const backend of cases) {
  describe(`migration 0006 on journeys stored before revisions (${backend.name})`, { skip: backend.skip }, () => {
    const cleanUps: (() => Promise<void>)[] = [];
    after(async () => {
      for (const cleanUp of cleanUps.splice(0)) await cleanUp();
    });

    it('makes every stored journey revision 1; the next change is revision 2 and keeps revision 1', async () => {
      const { store, cleanUp } = await backend.open();
      cleanUps.push(async () => {
        await store.close();
        await cleanUp();
      });
      const before = allMigrations.findIndex((migration) => migration.name === '0006-journey-versions');
      assert.ok(before > 0);
      await migrateDatabase(store.db, store.dialect, allMigrations.slice(0, before));
      const legacy = sampleJourney('Login', 'legacy');
      await sql`insert into journeys (realm, name, definition) values (${'alpha'}, ${'Login'}, ${JSON.stringify(legacy)})`.execute(store.db);
      await store.migrate();

      assert.deepEqual(await store.journeys.current('alpha', 'Login'), { revision: 1, definition: legacy });
      assert.deepEqual(await store.journeys.version('alpha', 'Login', 1), { revision: 1, definition: legacy });
      assert.equal(await store.journeys.put('alpha', sampleJourney('Login', 'new')), 2);
      assert.deepEqual(await store.journeys.version('alpha', 'Login', 1), { revision: 1, definition: legacy });
    });
  });
}
