/** The node:sqlite adapter: parameter binding and how Kysely's driver sees statements. */
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { describe, it } from 'node:test';
import { Kysely, sql } from 'kysely';
import { adaptDatabaseSync, nodeSqliteDialect, openDatabaseSync, toSqliteParameter } from './node-sqlite-dialect.ts';

describe('toSqliteParameter', () => {
  it('binds booleans as 0/1, whole numbers as INTEGER, undefined as NULL', () => {
    assert.equal(toSqliteParameter(true), 1n);
    assert.equal(toSqliteParameter(false), 0n);
    assert.equal(toSqliteParameter(5), 5n);
    assert.equal(toSqliteParameter(2.5), 2.5);
    assert.equal(toSqliteParameter(undefined), null);
    assert.equal(toSqliteParameter('x'), 'x');
  });

  it('refuses values SQLite cannot store', () => {
    assert.throws(() => toSqliteParameter({}), TypeError);
  });
});

describe('adaptDatabaseSync', () => {
  it('marks statements with result columns as readers (RETURNING included)', () => {
    const db = adaptDatabaseSync(new DatabaseSync(':memory:'));
    db.prepare('create table t (k text primary key, n integer)').run([]);
    assert.equal(db.prepare('insert into t values (?, ?)').reader, false);
    assert.equal(db.prepare('delete from t where k = ? returning n').reader, true);
    assert.equal(db.prepare('select * from t').reader, true);
    db.close();
  });

  it('spreads parameters and converts them', () => {
    const db = adaptDatabaseSync(new DatabaseSync(':memory:'));
    const row = db.prepare('select typeof(?) as a, typeof(?) as b, cast(? as text) as c').all([true, 5, 5]);
    assert.deepEqual({ ...(row[0] as object) }, { a: 'integer', b: 'integer', c: '5' });
    const result = db.prepare('select 1 where 0').run([]);
    assert.equal(result.changes, 0);
    db.close();
  });
});

describe('nodeSqliteDialect', () => {
  it('runs Kysely queries and transactions on node:sqlite', async () => {
    const db = new Kysely<{ t: { k: string; n: number } }>({ dialect: nodeSqliteDialect(':memory:') });
    await db.schema.createTable('t').addColumn('k', 'text', (c) => c.primaryKey()).addColumn('n', 'integer').execute();
    await db.insertInto('t').values({ k: 'a', n: 1 }).execute();
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ k: 'b', n: 2 }).execute();
        throw new Error('rollback');
      }),
    );
    const rows = await db.selectFrom('t').selectAll().execute();
    assert.deepEqual(rows.map((r) => ({ ...r })), [{ k: 'a', n: 1 }]);
    const deleted = await db.deleteFrom('t').where('k', '=', 'a').returning('n').executeTakeFirst();
    assert.equal(deleted?.n, 1);
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    assert.equal(fk.rows[0]?.foreign_keys, 1);
    await db.destroy();
  });
});

describe('openDatabaseSync', () => {
  it("replaces lower with Unicode case folding, usable by expression indexes", () => {
    const db = openDatabaseSync(':memory:');
    assert.deepEqual({ ...db.prepare(`select lower('ÉLODIE Åsa İ') as s, lower(5) as n, lower(null) as z`).get() }, { s: 'élodie åsa i', n: 5, z: null });
    db.exec(`create table t (v text); create index t_lower on t (lower(v)); insert into t values ('ÉLODIE')`);
    const plan = db.prepare(`explain query plan select v from t where lower(v) = lower('élodie')`).all();
    assert.match(String(plan[0]?.['detail']), /USING (COVERING )?INDEX t_lower/);
    assert.deepEqual(db.prepare(`select v from t where lower(v) = lower('élodie')`).all().map((r) => r['v']), ['ÉLODIE']);
    db.close();
  });
});
