/** Stored edges: data written and read back, found from either end (and property), seen from each end as IDM's reference. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import type { RelationshipEnd } from './relationship-records.ts';
import { dataOf, edgesOf, otherEnd, recordOf, referenceOf, RELATIONSHIP_TYPE } from './relationship-records.ts';

const user: RelationshipEnd = { collection: 'managed/alpha_user', id: 'u1', property: 'roles' };
const role: RelationshipEnd = { collection: 'managed/alpha_role', id: 'r1', property: 'members' };

it('reads back what it writes, and treats anything but "conditional" as a grant by hand', async () => {
  const store = openMemoryStore();
  const stored = await store.managedObjects.create(RELATIONSHIP_TYPE, 'e1', dataOf(user, role, 'conditional'), {});
  assert.deepEqual(recordOf(stored), { id: 'e1', rev: stored.rev, first: user, second: role, grantType: 'conditional' });
  const odd = recordOf({ ...stored, data: { ...stored.data, grantType: 'admin', firstId: 42 } });
  assert.equal(odd.grantType, '');
  assert.equal(odd.first.id, '', 'a non-text end is empty, never a number');
});

it('finds an edge from either end, and only under the property asked for', async () => {
  const store = openMemoryStore();
  await store.managedObjects.create(RELATIONSHIP_TYPE, 'e1', dataOf(user, role, ''), {});
  await store.managedObjects.create(RELATIONSHIP_TYPE, 'e2', dataOf({ ...user, property: 'groups' }, { collection: 'managed/alpha_group', id: 'g1', property: 'members' }, ''), {});
  assert.deepEqual((await edgesOf(store.managedObjects, { collection: 'managed/alpha_user', id: 'u1' })).map((edge) => edge.id).sort(), ['e1', 'e2']);
  assert.deepEqual((await edgesOf(store.managedObjects, user)).map((edge) => edge.id), ['e1']);
  assert.deepEqual((await edgesOf(store.managedObjects, role)).map((edge) => edge.id), ['e1']);
  assert.deepEqual(await edgesOf(store.managedObjects, { collection: 'managed/alpha_user', id: 'u2' }), []);
});

it('answers IDM’s reference seen from each end, even for an edge joining an object to itself', async () => {
  const store = openMemoryStore();
  const record = recordOf(await store.managedObjects.create(RELATIONSHIP_TYPE, 'e1', dataOf(user, role, ''), {}));
  assert.deepEqual(referenceOf(record, user), { _ref: 'managed/alpha_role/r1', _refResourceCollection: 'managed/alpha_role', _refResourceId: 'r1', _refProperties: { _grantType: '', _id: 'e1', _rev: record.rev } });
  assert.equal(referenceOf(record, role)._ref, 'managed/alpha_user/u1');
  const manager: RelationshipEnd = { collection: 'managed/alpha_user', id: 'u1', property: 'manager' };
  const self = recordOf(await store.managedObjects.create(RELATIONSHIP_TYPE, 'e2', dataOf(manager, { ...manager, property: 'reports' }, ''), {}));
  assert.equal(otherEnd(self, manager).property, 'reports');
  assert.equal(otherEnd(self, { ...manager, property: 'reports' }).property, 'manager');
});
