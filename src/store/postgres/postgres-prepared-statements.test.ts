/**
 * Prepared statements on PostgreSQL at ARBOR_TEST_POSTGRES_URL (a fresh schema, dropped
 * afterwards): the store's statements are prepared once per connection (`pg_prepared_statements`
 * lists them), not at all when turned off, and a statement prepared before another process changed
 * its table's shape still answers. Skipped, with the reason, when the variable is not set.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { manualClock } from '../contract/manual-clock.ts';
import type { SqlStore } from '../sql/sql-store.ts';
import { openPostgresStore } from './open-postgres-store.ts';

const url = process.env['ARBOR_TEST_POSTGRES_URL'] || undefined;

describe('prepared statements on PostgreSQL', { skip: url === undefined ? 'ARBOR_TEST_POSTGRES_URL is not set' : false }, () => {
  if (url === undefined) return;
  const schema = `arbor_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  const schemaUrl = (): string => {
    const target = new URL(url);
    target.searchParams.set('options', `-c search_path=${schema}`);
    return target.toString();
  };
  /** A store of one connection, so that what it prepared is what the next statement's connection has. */
  const open = async (preparedStatements: boolean): Promise<SqlStore> => {
    const store = openPostgresStore({ url: schemaUrl(), clock: manualClock(), maxConnections: 1, preparedStatements });
    await store.migrate();
    return store;
  };
  const prepared = async (store: SqlStore): Promise<string[]> =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(store.db)).rows.map((row) => row.statement);

  before(async () => {
    await admin.query(`create schema ${schema}`);
  });
  after(async () => {
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });

  it("prepares the store's statements once per connection", async () => {
    const store = await open(true);
    try {
      await store.managedObjects.create('alpha_user', 'u1', { userName: 'u1' }, {});
      await store.managedObjects.get('alpha_user', 'u1');
      await store.managedObjects.get('alpha_user', 'u1');
      await store.ephemeral.increment('k', { ttlMs: 60_000 });
      const statements = await prepared(store);
      assert.equal(statements.filter((text) => /^select \* from "managed_objects"/.test(text)).length, 1, statements.join('\n'));
      assert.ok(statements.some((text) => text.includes('insert into ephemeral')), statements.join('\n'));
    } finally {
      await store.close();
    }
  });

  it('prepares nothing when turned off', async () => {
    const store = await open(false);
    try {
      await store.managedObjects.get('alpha_user', 'u1');
      assert.deepEqual(await prepared(store), []);
    } finally {
      await store.close();
    }
  });

  it('answers with a statement prepared before its table changed shape', async () => {
    const store = await open(true);
    try {
      assert.equal((await store.managedObjects.get('alpha_user', 'u1'))?.id, 'u1');
      await admin.query(`alter table ${schema}.managed_objects add column shape_changed integer`);
      assert.equal((await store.managedObjects.get('alpha_user', 'u1'))?.id, 'u1');
      assert.equal((await store.managedObjects.get('alpha_user', 'u1'))?.id, 'u1', 'and on the next connection');
    } finally {
      await admin.query(`alter table ${schema}.managed_objects drop column if exists shape_changed`);
      await store.close();
    }
  });
});
