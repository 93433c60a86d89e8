/**
 * Relationship upkeep on every managed-object write: a user written gets the conditional roles it
 * matches, a role written grants itself, an object deleted takes its edges; a write whose upkeep
 * fails leaves nothing behind (one transaction); a realm without conditional roles writes its
 * users without a transaction or any upkeep.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import { isCrestError } from '../crest/errors.ts';
import type { ManagedObjectRepository } from '../ports.ts';
import { edgesOf } from './relationship-records.ts';
import { withRelationshipUpkeep } from './with-relationship-upkeep.ts';

function upkept(): { objects: ManagedObjectRepository; transactions: () => number; store: ReturnType<typeof openMemoryStore> } {
  const store = openMemoryStore();
  let transactions = 0;
  const objects = withRelationshipUpkeep({
    objects: store.managedObjects,
    configs: store.configs,
    transaction: (work) => {
      transactions += 1;
      return store.transaction((tx) => work(tx.managedObjects));
    },
  });
  return { objects, transactions: () => transactions, store };
}

const rolesOf = async (objects: ManagedObjectRepository, id: string) =>
  (await edgesOf(objects, { collection: 'managed/alpha_user', id, property: 'roles' })).map((edge) => (edge.first.collection === 'managed/alpha_role' ? edge.first.id : edge.second.id));

it('writes users of a realm without conditional roles as plain writes, without upkeep', async () => {
  const { objects, transactions } = upkept();
  await objects.create('alpha_role', 'staff', { name: 'staff' }, {});
  const before = transactions();
  const ann = await objects.create('alpha_user', 'ann', { userName: 'ann', city: 'Brussels' }, {});
  await objects.update('alpha_user', 'ann', { userName: 'ann', city: 'Ghent' }, {}, ann.rev);
  assert.equal(transactions(), before, 'no transaction, no matching');
  assert.deepEqual(await rolesOf(objects, 'ann'), []);
});

it('grants and takes back conditional roles on user writes, and grants a role written to the users it matches', async () => {
  const { objects, transactions } = upkept();
  await objects.create('alpha_user', 'bob', { userName: 'bob', city: 'Brussels' }, {});
  await objects.create('alpha_role', 'brussels', { name: 'brussels', condition: 'city eq "Brussels"' }, {});
  assert.deepEqual(await rolesOf(objects, 'bob'), ['brussels'], 'the role matched the user already there');
  const before = transactions();
  const ann = await objects.create('alpha_user', 'ann', { userName: 'ann', city: 'Brussels' }, {});
  assert.ok(transactions() > before, 'now the realm has a conditional role, user writes keep up');
  assert.deepEqual(await rolesOf(objects, 'ann'), ['brussels']);
  await objects.update('alpha_user', 'ann', { userName: 'ann', city: 'Ghent' }, {}, ann.rev);
  assert.deepEqual(await rolesOf(objects, 'ann'), []);
});

it('leaves nothing behind when the write or its upkeep fails', async () => {
  const { objects, store } = upkept();
  await objects.create('alpha_user', 'ann', { userName: 'ann', city: 'Brussels' }, {});
  const role = await objects.create('alpha_role', 'brussels', { name: 'brussels', condition: 'city eq "Brussels"' }, {});

  await assert.rejects(objects.update('alpha_role', 'brussels', { name: 'brussels', condition: 'city eq' }, {}, role.rev), (error) => isCrestError(error, 'BAD_REQUEST'));
  assert.equal((await store.managedObjects.get('alpha_role', 'brussels'))?.data.condition, 'city eq "Brussels"', 'the role is unchanged');
  assert.deepEqual(await rolesOf(objects, 'ann'), ['brussels'], 'its grants too');

  await assert.rejects(objects.create('alpha_role', 'broken', { name: 'broken', condition: 'city eq' }, {}));
  assert.equal(await store.managedObjects.get('alpha_role', 'broken'), undefined, 'a role refused is not stored');

  await assert.rejects(objects.update('alpha_user', 'ann', { userName: 'ann', city: 'Ghent' }, {}, 'stale-rev'));
  assert.deepEqual(await rolesOf(objects, 'ann'), ['brussels'], 'a refused user write changes no grant');
  await assert.rejects(objects.create('alpha_user', 'ann', { userName: 'ann', city: 'Brussels' }, {}));
  assert.equal((await rolesOf(objects, 'ann')).length, 1, 'a duplicate create adds no edge');
});

it('deletes an object’s edges with it', async () => {
  const { objects } = upkept();
  await objects.create('alpha_user', 'ann', { userName: 'ann', city: 'Brussels' }, {});
  await objects.create('alpha_user', 'bob', { userName: 'bob', city: 'Brussels' }, {});
  await objects.create('alpha_role', 'brussels', { name: 'brussels', condition: 'city eq "Brussels"' }, {});
  await objects.delete('alpha_user', 'ann');
  assert.deepEqual(await edgesOf(objects, { collection: 'managed/alpha_user', id: 'ann' }), []);
  assert.deepEqual(await rolesOf(objects, 'bob'), ['brussels']);
  await objects.delete('alpha_role', 'brussels');
  assert.deepEqual(await rolesOf(objects, 'bob'), []);
});
