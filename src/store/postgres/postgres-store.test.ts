/**
 * Every store contract on PostgreSQL at ARBOR_TEST_POSTGRES_URL, isolated in a fresh schema that is
 * dropped afterwards; reported as skipped when the variable is not set.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import pg from 'pg';
import { allStoreContracts } from '../contract/all-store-contracts.ts';
import { ephemeralStoreContract } from '../contract/ephemeral-store.contract.ts';
import { manualClock } from '../contract/manual-clock.ts';
import { openStore } from '../open-store.ts';
import { migration0004SearchIndexOrder } from '../sql/migrations/0004-search-index-order.ts';
import { searchIndexName, searchStatisticsName } from '../sql/searchable-attributes.ts';
import { findByAttributeQuery } from '../sql/sql-managed-object-repository.ts';
import { sqlQueryPlanContract } from '../sql/sql-query-plan.contract.ts';
import type { SqlStore } from '../sql/sql-store.ts';
import type { Store } from '../store.ts';
import { openPostgresStore } from './open-postgres-store.ts';

const url = process.env['ARBOR_TEST_POSTGRES_URL'] || undefined;

/** `base` with every connection's search_path set to `schema` (libpq `options`). */
function withSearchPath(base: string, schema: string): string {
  const parsed = new URL(base);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

function sqlStore(store: Store): SqlStore {
  assert.ok('db' in store);
  return store as SqlStore;
}

describe('store contract suite on PostgreSQL', { skip: url === undefined ? 'ARBOR_TEST_POSTGRES_URL is not set' : false }, () => {
  if (url === undefined) return;
  const schema = `arbor_test_${randomBytes(6).toString('hex')}`;
  const schemaUrl = withSearchPath(url, schema);
  const admin = new pg.Pool({ connectionString: url, max: 1 });

  before(async () => {
    await admin.query(`create schema ${schema}`);
    const target = new URL(url);
    console.log(`store contract suite: running on PostgreSQL (${target.host}${target.pathname}, schema ${schema})`);
  });
  after(async () => {
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });

  allStoreContracts((clock) => openStore({ databaseUrl: schemaUrl, clock }), 'postgres');
  sqlQueryPlanContract(async () => sqlStore(await openStore({ databaseUrl: schemaUrl })));
  ephemeralStoreContract(async () => {
    const clock = manualClock();
    const store = await openStore({ databaseUrl: schemaUrl, clock });
    return { ephemeral: store.ephemeral, clock, close: () => store.close() };
  }, { clocked: true });

  describe('PostgreSQL specifics', () => {
    let store: SqlStore;
    before(async () => {
      store = sqlStore(await openStore({ databaseUrl: schemaUrl.replace(/^postgres:/, 'postgresql:') }));
    });
    after(async () => {
      await store.close();
    });

    it('migrates from several processes at once', async () => {
      const others = [1, 2, 3].map(() => openPostgresStore({ url: schemaUrl, clock: { now: () => Date.now() } }));
      await Promise.all(others.map((other) => other.migrate()));
      await Promise.all(others.map((other) => other.close()));
    });

    it('creates a partial expression index on the lookup expression, and the planner can use it', async () => {
      const type = `pg_user_${randomBytes(4).toString('hex')}`;
      await store.managedObjects.create(type, 'a', { userName: 'Alice' }, {});
      await store.managedObjects.setSearchableAttributes(type, ['userName']);
      const name = searchIndexName(type, 'userName');
      const found = await sql<{ indexdef: string }>`select indexdef from pg_indexes where schemaname = ${schema} and indexname = ${name}`.execute(store.db);
      // The expression leads: `type` is in the predicate only, or the scan could not jump to a prefix.
      assert.match(found.rows[0]?.indexdef ?? '', /USING btree \(lower\(\(data ->> 'userName'::text\)\) text_pattern_ops, id\) WHERE \(type = '.*'::text\)/);
      const query = findByAttributeQuery(store.db, 'postgres', type, 'userName', 'ALICE').compile();
      const plan = await store.db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        return trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]));
      });
      assert.match(plan.rows.map((r) => r['QUERY PLAN']).join('\n'), new RegExp(name));
      assert.deepEqual((await store.managedObjects.findByAttribute(type, 'userName', 'ALICE')).map((o) => o.id), ['a']);

      await store.managedObjects.setSearchableAttributes(type, []);
      const gone = await sql`select 1 from pg_indexes where schemaname = ${schema} and indexname = ${name}`.execute(store.db);
      assert.equal(gone.rows.length, 0);
      assert.deepEqual((await store.managedObjects.get(type, 'a'))?.data, { userName: 'Alice' });
    });

    it('keeps the expression statistics of an attribute while some type has it searchable, and drops them after', async () => {
      const attribute = `nick_${randomBytes(4).toString('hex')}`;
      const [first, second] = [1, 2].map(() => `pg_stats_${randomBytes(4).toString('hex')}`) as [string, string];
      const statistics = async (): Promise<number> =>
        (await sql`select 1 from pg_statistic_ext where stxname = ${searchStatisticsName(attribute)} and stxnamespace = ${schema}::regnamespace`.execute(store.db)).rows.length;
      await store.managedObjects.setSearchableAttributes(first, [attribute]);
      await store.managedObjects.setSearchableAttributes(second, [attribute]);
      assert.equal(await statistics(), 1);
      await store.managedObjects.setSearchableAttributes(first, []);
      assert.equal(await statistics(), 1, 'still searchable on the second type');
      await store.managedObjects.setSearchableAttributes(second, []);
      assert.equal(await statistics(), 0);
    });

    it('rebuilds recorded search indexes of the old shape, led by type, in migration 0004', async () => {
      const type = `pg_migrate_${randomBytes(4).toString('hex')}`;
      await store.managedObjects.setSearchableAttributes(type, ['sn']);
      const name = searchIndexName(type, 'sn');
      await sql`drop index ${sql.id(name)}`.execute(store.db);
      await sql`create index ${sql.id(name)} on managed_objects (type, lower(data->>'sn') text_pattern_ops, id) where type = ${sql.lit(type)}`.execute(store.db);
      await store.db.transaction().execute((trx) => migration0004SearchIndexOrder.up(trx, 'postgres'));
      const found = await sql<{ indexdef: string }>`select indexdef from pg_indexes where schemaname = ${schema} and indexname = ${name}`.execute(store.db);
      assert.match(found.rows[0]?.indexdef ?? '', /USING btree \(lower\(\(data ->> 'sn'::text\)\) text_pattern_ops, id\) WHERE/);
      await store.managedObjects.setSearchableAttributes(type, []);
    });
  });
});
