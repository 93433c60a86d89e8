/** Every store contract on SQLite in memory, plus what only a file shows: WAL, persistence, indexes. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import { allStoreContracts } from '../contract/all-store-contracts.ts';
import { ephemeralStoreContract } from '../contract/ephemeral-store.contract.ts';
import { manualClock } from '../contract/manual-clock.ts';
import { openStore } from '../open-store.ts';
import { findByAttributeQuery } from '../sql/sql-managed-object-repository.ts';
import { migrateDatabase } from '../sql/migrate-database.ts';
import { migration0001Initial } from '../sql/migrations/0001-initial.ts';
import { arrayIndexName, searchIndexName } from '../sql/searchable-attributes.ts';
import { sqlQueryPlanContract } from '../sql/sql-query-plan.contract.ts';
import type { SqlStore } from '../sql/sql-store.ts';
import type { Store } from '../store.ts';
import { openSqliteStore } from './open-sqlite-store.ts';

/** The SqlStore behind a Store opened by `openStore` on SQL. */
function sqlStore(store: Store): SqlStore {
  assert.ok('db' in store);
  return store as SqlStore;
}

describe('store contract suite on SQLite (in memory)', () => {
  allStoreContracts((clock) => openStore({ memory: true, clock }), 'sqlite');
  sqlQueryPlanContract(async () => sqlStore(await openStore({ memory: true })));
  ephemeralStoreContract(async () => {
    const clock = manualClock();
    const store = await openStore({ memory: true, clock });
    return { ephemeral: store.ephemeral, clock, close: () => store.close() };
  }, { clocked: true });
});

describe('SQLite store on a file', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'arbor-store-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates <dataDir>/arbor.db in WAL mode and keeps data across reopen', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const first = sqlStore(await openStore({ dataDir }));
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(first.db);
    assert.equal(mode.rows[0]?.journal_mode, 'wal');
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(first.db);
    assert.equal(fk.rows[0]?.foreign_keys, 1);
    await first.managedObjects.create('user', 'u1', { userName: 'alice' }, {});
    await first.ephemeral.put('k', 'v', 60_000);
    await first.close();
    assert.ok(existsSync(join(dataDir, 'arbor.db')));

    const second = await openStore({ dataDir });
    assert.deepEqual((await second.managedObjects.get('user', 'u1'))?.data, { userName: 'alice' });
    assert.equal(await second.ephemeral.get('k'), 'v');
    await second.close();
  });

  it('serializes two connections on one file: counters and consumes stay exact', async () => {
    const dataDir = join(dir, 'shared');
    const a = await openStore({ dataDir });
    const b = openSqliteStore({ dataDir, clock: { now: () => Date.now() } });
    await b.migrate(); // already applied by `a`: a no-op that must not fail
    const counts = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).ephemeral.increment('c', { ttlMs: 60_000, max: 7 })));
    assert.deepEqual([...counts].sort((x, y) => x - y), [1, 2, 3, 4, 5, 6, 7, 7, 7, 7]);
    await a.ephemeral.put('t', 'once', 60_000);
    const consumed = await Promise.all([a.ephemeral.consume('t'), b.ephemeral.consume('t')]);
    assert.deepEqual(consumed.filter((v) => v !== undefined), ['once']);
    await Promise.all([a.close(), b.close()]);
  });
});

describe('SQLite search indexes', () => {
  let store: SqlStore;
  before(async () => {
    store = sqlStore(await openStore({ memory: true }));
  });
  after(async () => {
    await store.close();
  });

  const indexSql = async (name: string): Promise<string | undefined> => {
    const rows = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and name = ${name}`.execute(store.db);
    return rows.rows[0]?.sql;
  };

  it('creates a partial expression index on the lookup expression, and the planner uses it', async () => {
    await store.managedObjects.create('alpha_user', 'a', { userName: 'Alice' }, {});
    await store.managedObjects.setSearchableAttributes('alpha_user', ['userName']);
    const name = searchIndexName('alpha_user', 'userName');
    const ddl = await indexSql(name);
    assert.ok(ddl?.endsWith(`on managed_objects (type, lower(json_extract(data, '$."userName"')), id) where type = 'alpha_user'`), ddl);
    const query = findByAttributeQuery(store.db, 'sqlite', 'alpha_user', 'userName', 'ALICE').compile();
    const plan = await store.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]));
    assert.match(plan.rows.map((r) => r.detail).join('\n'), new RegExp(`USING INDEX ${name}`));
  });

  it('drops the index when the attribute is no longer searchable', async () => {
    await store.managedObjects.setSearchableAttributes('alpha_user', ['userName', 'mail']);
    await store.managedObjects.setSearchableAttributes('alpha_user', ['mail']);
    assert.equal(await indexSql(searchIndexName('alpha_user', 'userName')), undefined);
    assert.notEqual(await indexSql(searchIndexName('alpha_user', 'mail')), undefined);
    await store.managedObjects.setSearchableAttributes('alpha_user', []);
    assert.equal(await indexSql(searchIndexName('alpha_user', 'mail')), undefined);
    assert.deepEqual((await store.managedObjects.get('alpha_user', 'a'))?.data, { userName: 'Alice' });
  });
});

describe('SQLite migration 0002', () => {
  it('rebuilds the search indexes recorded before it, adding their array indexes', async () => {
    const store = openSqliteStore({ dataDir: '', memory: true, clock: { now: () => Date.now() } });
    await migrateDatabase(store.db, 'sqlite', [migration0001Initial]);
    const name = searchIndexName('user', 'userName');
    await sql`create index ${sql.id(name)} on managed_objects (type, lower(json_extract(data, '$."userName"')), id) where type = 'user'`.execute(store.db);
    await store.db.insertInto('managed_object_search_indexes').values({ type: 'user', attribute: 'userName', index_name: name }).execute();
    await store.managedObjects.create('user', 'a', { userName: 'ÉLODIE' }, {});
    await store.migrate();
    const indexes = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and name like 'mo_%' order by name`.execute(store.db);
    assert.deepEqual(indexes.rows.map((r) => r.name), [arrayIndexName('user', 'userName'), name].sort());
    assert.deepEqual((await store.managedObjects.findByAttribute('user', 'userName', 'élodie')).map((o) => o.id), ['a']);
    await store.managedObjects.setUniqueAttributes('user', ['userName']);
    await store.close();
  });
});
