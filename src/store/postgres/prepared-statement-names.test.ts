/** Names of prepared statements: data statements only, one name per text and never another text's, at most the limit. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { preparedStatementNames } from './prepared-statement-names.ts';

describe('prepared statement names', () => {
  it('names each data statement once, keeps the name, and never names schema changes', () => {
    const names = preparedStatementNames();
    const select = names.nameOf('select * from "managed_objects" where "type" = $1');
    assert.match(String(select), /^arbor_\d+$/);
    assert.equal(names.nameOf('select * from "managed_objects" where "type" = $1'), select);
    for (const sql of ['insert into x values ($1)', ' UPDATE x set a = $1', 'delete from x', 'with a as (select 1) select * from a']) assert.notEqual(names.nameOf(sql), undefined, sql);
    for (const sql of ['create index if not exists i on x (a)', 'analyze managed_objects', 'begin', 'selected']) assert.equal(names.nameOf(sql), undefined, sql);
  });

  it('names no more than the limit, the first texts seen, and never gives a name to another text', () => {
    const names = preparedStatementNames(2);
    const first = names.nameOf('select 1');
    const second = names.nameOf('select 2');
    assert.equal(names.nameOf('select 3'), undefined);
    assert.deepEqual([names.nameOf('select 1'), names.nameOf('select 2')], [first, second]);
    assert.notEqual(first, second);
  });
});
