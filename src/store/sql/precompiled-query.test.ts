import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Kysely, sql } from 'kysely';
import { nodeSqliteDialect } from '../sqlite/node-sqlite-dialect.ts';
import { argument as a, precompiled } from './precompiled-query.ts';

describe('precompiled queries', () => {
  const db = new Kysely<{ t: { k: string; v: number } }>({ dialect: nodeSqliteDialect(':memory:') });

  it('puts each argument where its sentinel was, repeated ones in every place, constants as built', async () => {
    await sql`create table t (k text primary key, v integer)`.execute(db);
    const insert = precompiled(db.insertInto('t').values({ k: a(0), v: sql<number>`${a(1)} + ${a(1)} + ${7}` }).compile(), 2);
    await db.executeQuery(insert('x', 10));
    await db.executeQuery(insert('y', 1));
    const rows = (await db.selectFrom('t').selectAll().orderBy('k').execute()).map((row) => ({ ...row }));
    assert.deepEqual(rows, [
      { k: 'x', v: 27 },
      { k: 'y', v: 9 },
    ]);
  });

  it('refuses a query that does not use every argument (a builder that dropped one)', () => {
    assert.throws(() => precompiled(db.selectFrom('t').select('v').where('k', '=', a(0)).compile(), 2), /uses 1 of its 2 arguments/);
  });
});
