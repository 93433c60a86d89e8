/**
 * `managedObjects.refreshStatistics()` on PostgreSQL at ARBOR_TEST_POSTGRES_URL (a fresh schema,
 * dropped afterwards): the planner's row estimate of `managed_objects` is the table's real size
 * once it ran (`ANALYZE`), where a table never analyzed has none (-1). Skipped, with the reason,
 * when the variable is not set.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { openStore } from '../open-store.ts';
import type { Store } from '../store.ts';

const url = process.env['ARBOR_TEST_POSTGRES_URL'] || undefined;

describe('refreshing the planner statistics on PostgreSQL', { skip: url === undefined ? 'ARBOR_TEST_POSTGRES_URL is not set' : false }, () => {
  if (url === undefined) return;
  const schema = `arbor_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  let store: Store;
  const estimate = async (): Promise<number> => {
    const { rows } = await admin.query<{ reltuples: number }>('select reltuples from pg_class where oid = $1::regclass', [`${schema}.managed_objects`]);
    return Number(rows[0]?.reltuples);
  };

  before(async () => {
    await admin.query(`create schema ${schema}`);
    const target = new URL(url);
    target.searchParams.set('options', `-c search_path=${schema}`);
    store = await openStore({ databaseUrl: target.toString() });
  });
  after(async () => {
    await store?.close();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });

  it('ANALYZEs managed_objects: the row estimate is the table size', async () => {
    for (let index = 0; index < 3; index++) await store.managedObjects.create('alpha_user', `u${index}`, { userName: `u${index}` }, {});
    assert.equal(await estimate(), -1, 'never analyzed yet');
    await store.managedObjects.refreshStatistics();
    assert.equal(await estimate(), 3);
  });
});
