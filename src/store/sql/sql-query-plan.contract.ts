/**
 * Contract of the SQL stores' query plans: `eq` and `sw` on a searchable attribute run on its
 * search index (and the array branch on the array index), a query sorted by that attribute walks
 * the index in order, and the index still serves a conjunction with an unindexed field. SQL only:
 * the dialect-independent query contract is `store/contract/managed-object-query.contract.ts`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { ManagedObjectQuery } from '../../identity/ports.ts';
import { parseQueryFilter } from '../../identity/query-filter/parse-query-filter.ts';
import { unique } from '../contract/contract-helpers.ts';
import { explainManagedObjectQuery, explainManagedObjectQueryParts } from './explain-managed-object-query.ts';
import { arrayIndexName, searchIndexName } from './searchable-attributes.ts';
import type { SqlStore } from './sql-store.ts';

const query = (filter: string, extra: Partial<ManagedObjectQuery> = {}): ManagedObjectQuery => ({
  filter: parseQueryFilter(filter),
  sortKeys: [],
  countTotal: true,
  ...extra,
});

/** Registers the query-plan tests on SQL stores made by `makeStore`. */
export function sqlQueryPlanContract(makeStore: () => Promise<SqlStore>): void {
  describe('ManagedObjectRepository: query plans', () => {
    let store: SqlStore;
    const planType = unique('plan');
    const plan = async (filter: string, extra: Partial<ManagedObjectQuery> = {}): Promise<string> =>
      explainManagedObjectQuery(store.db, store.dialect, planType, query(filter, extra));

    before(async () => {
      store = await makeStore();
      // Enough rows, and statistics, for a cost-based planner to prefer an index when it can use one.
      await store.transaction(async (tx) => {
        for (let i = 0; i < 1000; i++) {
          await tx.managedObjects.create(planType, `p${i}`, { userName: `User${i}`, city: `City${i % 50}`, tags: i % 10 === 0 ? ['x'] : 'y' }, {});
        }
      });
      await store.managedObjects.setSearchableAttributes(planType, ['userName', 'city']);
      await sql`analyze managed_objects`.execute(store.db);
    });
    after(async () => {
      await store.close();
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
        const parts = await explainManagedObjectQueryParts(store.db, store.dialect, planType, query('userName sw "user"', sorted));
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
}
