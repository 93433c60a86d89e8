/**
 * Contract of ManagedObjectRepository.query filters: the shared query-filter table (the same ids as
 * the in-memory evaluator, with and without search indexes), the type boundary, refused field
 * names. That SQL stores run them on their indexes is `store/sql/sql-query-plan.contract.ts`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ManagedObjectQuery } from '../../identity/ports.ts';
import { parseQueryFilter } from '../../identity/query-filter/parse-query-filter.ts';
import type { Store } from '../store.ts';
import { storeErrorWith, unique } from './contract-helpers.ts';
import { QUERY_FILTER_OBJECTS, VALID_QUERY_FILTER_ROWS } from './query-filter-table.ts';

/** Every top-level property of the table's population. */
const TABLE_ATTRIBUTES = [...new Set(QUERY_FILTER_OBJECTS.flatMap((o) => Object.keys(o.data)))];

const query = (filter: string, extra: Partial<ManagedObjectQuery> = {}): ManagedObjectQuery => ({
  filter: parseQueryFilter(filter),
  sortKeys: [],
  countTotal: true,
  ...extra,
});

/** Registers the query-filter tests of ManagedObjectRepository on stores made by `makeStore`. */
export function managedObjectQueryContract(makeStore: () => Promise<Store>): void {
  describe('ManagedObjectRepository: _queryFilter', () => {
    let store: Store;
    const type = unique('qf');

    before(async () => {
      store = await makeStore();
      for (const { id, data } of QUERY_FILTER_OBJECTS) await store.managedObjects.create(type, id, data, {});
      // Same ids and values in another type: a query never crosses the type boundary.
      for (const { id, data } of QUERY_FILTER_OBJECTS) await store.managedObjects.create(`${type}_other`, id, data, {});
    });
    after(async () => {
      await store.close();
    });

    for (const indexed of [false, true]) {
      describe(indexed ? 'the query-filter table, every attribute searchable' : 'the query-filter table, no search index', () => {
        before(async () => {
          await store.managedObjects.setSearchableAttributes(type, indexed ? TABLE_ATTRIBUTES : []);
        });
        for (const { filter, expectedIds } of VALID_QUERY_FILTER_ROWS) {
          it(`${filter.length > 100 ? `${filter.slice(0, 100)}…` : filter} → [${expectedIds.join(', ')}]`, async () => {
            const result = await store.managedObjects.query(type, query(filter));
            assert.deepEqual(result.items.map((o) => o.id), expectedIds);
            assert.equal(result.totalPagedResults, expectedIds.length);
            assert.equal(result.pagedResultsCookie, null);
          });
        }
      });
    }

    it('returns whole objects with their revision and meta', async () => {
      const [object] = (await store.managedObjects.query(type, query('_id eq "u05"'))).items;
      assert.deepEqual(object, await store.managedObjects.get(type, 'u05'));
    });

    it('does not count unless asked (-1)', async () => {
      const result = await store.managedObjects.query(type, query('true', { countTotal: false }));
      assert.equal(result.totalPagedResults, -1);
      assert.equal(result.items.length, QUERY_FILTER_OBJECTS.length);
    });

    it('refuses field names that cannot be quoted into SQL (INVALID_ATTRIBUTE)', async () => {
      for (const field of [['a.b'], ["x')--"], ['a b', 'c'], ['pré'], ['a"b'], ['ok', '']]) {
        const filter = { op: 'eq' as const, field, value: 1 };
        await assert.rejects(store.managedObjects.query(type, { filter, sortKeys: [], countTotal: false }), storeErrorWith('INVALID_ATTRIBUTE'), field.join('/'));
      }
      const sortKeys = [{ field: ['bad key'], descending: false }];
      await assert.rejects(store.managedObjects.query(type, { filter: { op: 'true' }, sortKeys, countTotal: false }), storeErrorWith('INVALID_ATTRIBUTE'));
    });

    it('accepts hyphens and digits in field names', async () => {
      const other = unique('qf');
      await store.managedObjects.create(other, 'h', { 'x-attr': { '2fa': 'On' } }, {});
      assert.deepEqual((await store.managedObjects.query(other, query('/x-attr/2fa eq "on"'))).items.map((o) => o.id), ['h']);
    });
  });
}
