/**
 * Conditional roles: a role’s condition grants it to the users it matches (marked conditional),
 * taken back when they no longer match, leaving grants by hand alone; a condition that does not
 * parse is refused; one matching more than 10 000 users is refused.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import { isCrestError } from '../crest/errors.ts';
import { conditionalLinks, conditionOf, MAX_CONDITIONAL_MEMBERS, syncGrantorMembers, syncUserGrants } from './conditional-grants.ts';
import { dataOf, edgesOf, RELATIONSHIP_TYPE } from './relationship-records.ts';

const userEnd = (id: string) => ({ collection: 'managed/alpha_user', id, property: 'roles' });
const grants = async (store: ReturnType<typeof openMemoryStore>, userId: string): Promise<string[]> =>
  (await edgesOf(store.managedObjects, userEnd(userId))).map((edge) => `${edge.second.id}:${edge.grantType}`).sort();

it('links a realm’s users to its roles through roles/members and the condition field', async () => {
  const store = openMemoryStore();
  assert.deepEqual(await conditionalLinks(store.configs, 'alpha_user'), [{ property: 'roles', grantorType: 'alpha_role', reverse: 'members', conditionField: 'condition' }]);
  assert.deepEqual(await conditionalLinks(store.configs, 'no_such_type'), []);
});

it('parses a condition, and refuses one that is not text or does not parse', () => {
  assert.equal(conditionOf({}, 'condition'), undefined);
  assert.equal(conditionOf({ condition: '' }, 'condition'), undefined);
  assert.equal(conditionOf({ condition: null }, 'condition'), undefined);
  assert.deepEqual(conditionOf({ condition: 'city eq "Brussels"' }, 'condition'), { op: 'eq', field: ['city'], value: 'Brussels' });
  assert.throws(() => conditionOf({ condition: 'city eq' }, 'condition'), (error) => isCrestError(error, 'BAD_REQUEST'));
  assert.throws(() => conditionOf({ condition: { city: 'Brussels' } }, 'condition'), (error) => isCrestError(error, 'BAD_REQUEST'));
});

it('grants a user the roles whose condition matches, takes them back when it no longer does, and leaves grants by hand', async () => {
  const store = openMemoryStore();
  const objects = store.managedObjects;
  await objects.create('alpha_role', 'brussels', { name: 'brussels', condition: 'city eq "Brussels"' }, {});
  await objects.create('alpha_role', 'broken', { name: 'broken', condition: 'city eq' }, {});
  await objects.create('alpha_role', 'staff', { name: 'staff' }, {});
  await objects.create(RELATIONSHIP_TYPE, 'hand', dataOf(userEnd('ann'), { collection: 'managed/alpha_role', id: 'staff', property: 'members' }, ''), {});

  await syncUserGrants(objects, store.configs, 'alpha_user', 'ann', { city: 'brussels' });
  assert.deepEqual(await grants(store, 'ann'), ['brussels:conditional', 'staff:'], 'matched case-insensitively; a stored bad condition grants nothing');
  await syncUserGrants(objects, store.configs, 'alpha_user', 'ann', { city: 'Brussels' });
  assert.equal((await grants(store, 'ann')).length, 2, 'written again, granted once');
  await syncUserGrants(objects, store.configs, 'alpha_user', 'ann', { city: 'Ghent' });
  assert.deepEqual(await grants(store, 'ann'), ['staff:']);
});

it('matches every user of the realm when a role is written, and drops its grants when it is gone', async () => {
  const store = openMemoryStore();
  const objects = store.managedObjects;
  for (const [id, city] of [['ann', 'Brussels'], ['bob', 'Ghent'], ['cas', 'Brussels']] as const) await objects.create('alpha_user', id, { userName: id, city }, {});
  await syncGrantorMembers(objects, store.configs, 'alpha_role', 'r1', { name: 'r1', condition: 'city eq "Brussels"' });
  const members = async () => (await edgesOf(objects, { collection: 'managed/alpha_role', id: 'r1', property: 'members' })).map((edge) => edge.second.id).sort();
  assert.deepEqual(await members(), ['ann', 'cas']);
  await syncGrantorMembers(objects, store.configs, 'alpha_role', 'r1', { name: 'r1', condition: 'city eq "Ghent"' });
  assert.deepEqual(await members(), ['bob']);
  await syncGrantorMembers(objects, store.configs, 'alpha_role', 'r1', undefined);
  assert.deepEqual(await members(), []);
  await assert.rejects(syncGrantorMembers(objects, store.configs, 'alpha_role', 'r1', { name: 'r1', condition: 'city eq' }), (error) => isCrestError(error, 'BAD_REQUEST'));
});

it(`refuses a condition matching more than ${MAX_CONDITIONAL_MEMBERS} users, granting nothing`, async () => {
  const store = openMemoryStore();
  const objects = store.managedObjects;
  for (let index = 0; index <= MAX_CONDITIONAL_MEMBERS; index += 1) await objects.create('alpha_user', `u${index}`, { userName: `u${index}`, city: 'Brussels' }, {});
  await assert.rejects(syncGrantorMembers(objects, store.configs, 'alpha_role', 'big', { name: 'big', condition: 'city eq "Brussels"' }), (error) => isCrestError(error, 'BAD_REQUEST') && /more than 10000 users/.test(error.message));
  assert.deepEqual(await edgesOf(objects, { collection: 'managed/alpha_role', id: 'big', property: 'members' }), []);
  await objects.delete('alpha_user', 'u0');
  await syncGrantorMembers(objects, store.configs, 'alpha_role', 'big', { name: 'big', condition: 'city eq "Brussels"' });
  assert.equal((await edgesOf(objects, { collection: 'managed/alpha_role', id: 'big', property: 'members' })).length, MAX_CONDITIONAL_MEMBERS, 'exactly the cap is granted');
});
