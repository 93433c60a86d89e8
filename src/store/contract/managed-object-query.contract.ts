/**
 * Contract of ManagedObjectRepository.query filters: the shared query-filter table (the same ids as
 * the in-memory evaluator, with and without search indexes), the type boundary, refused field
 * names, and, on SQL stores, that `eq` and `sw` on a searchable attribute run on its index.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { ManagedObjectQuery } from '../../identity/ports.ts';
import { parseQueryFilter } from '../../identity/query-filter/parse-query-filter.ts';
import { explainManagedObjectQuery, explainManagedObjectQueryParts } from '../sql/explain-managed-object-query.ts';
import { arrayIndexName, searchIndexName } from '../sql/searchable-attributes.ts';
import type { SqlStore } from '../sql/sql-store.ts';
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

    describe('query plans', () => {
      const planType = unique('plan');
      const plan = async (filter: string, extra: Partial<ManagedObjectQuery> = {}): Promise<string> => {
        assert.ok('db' in store, 'query plans are read from a SQL store');
        const sqlStore = store as SqlStore;
        return explainManagedObjectQuery(sqlStore.db, sqlStore.dialect, planType, query(filter, extra));
      };

      before(async () => {
        // Enough rows, and statistics, for a cost-based planner to prefer an index when it can use one.
        await store.transaction(async (tx) => {
          for (let i = 0; i < 1000; i++) {
            await tx.managedObjects.create(planType, `p${i}`, { userName: `User${i}`, city: `City${i % 50}`, tags: i % 10 === 0 ? ['x'] : 'y' }, {});
          }
        });
        await store.managedObjects.setSearchableAttributes(planType, ['userName', 'city']);
        await sql`analyze managed_objects`.execute((store as SqlStore).db);
      });

      it('runs eq on a searchable attribute on its search index, and the array branch on the array index', async () => {
        const text = await plan('userName eq "USER42"');
        assert.match(text, new RegExp(searchIndexName(planType, 'userName')), text);
        assert.match(text, new RegExp(arrayIndexName(planType, 'userName')), text);
        assert.deepEqual((await store.managedObjects.query(planType, query('userName eq "USER42"'))).items.map((o) => o.id), ['p42']);
      });

      it('runs sw on a searchable attribute on its search index', async () => {
        const text = await plan('userName sw "user99"');
        assert.match(text, new RegExp(searchIndexName(planType, 'userName')), text);
        const found = await store.managedObjects.query(planType, query('userName sw "user99"'));
        assert.deepEqual(found.items.map((o) => o.id), ['p99', 'p990', 'p991', 'p992', 'p993', 'p994', 'p995', 'p996', 'p997', 'p998', 'p999']);
      });

      it('walks the search index in order for sw sorted by that attribute, with no sort step', async () => {
        for (const descending of [false, true]) {
          const sorted = { sortKeys: [{ field: ['userName'], descending }], pageSize: 5, countTotal: false };
          const sqlStore = store as SqlStore;
          const parts = await explainManagedObjectQueryParts(sqlStore.db, sqlStore.dialect, planType, query('userName sw "user"', sorted));
          // One SELECT per JSON type class; the string class's walks the search index in its order.
          const text = parts.find((part) => part.includes(searchIndexName(planType, 'userName')));
          assert.ok(text !== undefined, parts.join('\n---\n'));
          if (!descending) {
            assert.doesNotMatch(text, /USE TEMP B-TREE FOR ORDER BY/, text);
            assert.doesNotMatch(text, /\bSort\b/, text);
          }
          const expected = Array.from({ length: 1000 }, (_, i) => i)
            .filter((i) => `user${i}`.startsWith('user1'))
            .sort((a, b) => (`user${a}` < `user${b}` ? -1 : 1) * (descending ? -1 : 1))
            .map((i) => `p${i}`);
          const seen: string[] = [];
          let cookie: string | undefined;
          do {
            const page = await store.managedObjects.query(planType, query('userName sw "user1"', { ...sorted, pageSize: 7, ...(cookie === undefined ? {} : { cookie }) }));
            seen.push(...page.items.map((o) => o.id));
            cookie = page.pagedResultsCookie ?? undefined;
          } while (cookie !== undefined);
          assert.deepEqual(seen, expected);
        }
      });

      it('keeps using the index inside a conjunction with an unindexed field', async () => {
        const text = await plan('city eq "city7" and tags pr');
        assert.match(text, new RegExp(searchIndexName(planType, 'city')), text);
      });
    });
  });
}
