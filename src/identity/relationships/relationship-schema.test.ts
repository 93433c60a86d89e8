/** Which properties of a managed schema are relationships: lists and single references, their reverse, targets and condition field. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { defaultRoleObject } from '../default-role-schema.ts';
import { defaultUserObject } from '../default-user-schema.ts';
import type { ManagedObjectSchema } from '../managed-schema.ts';
import { relationshipProperties, relationshipProperty } from './relationship-schema.ts';

const users = defaultUserObject('alpha_user').schema;

it('reads a user’s roles as a list to the realm’s roles, reversed by members, granted by condition', () => {
  assert.deepEqual(relationshipProperty(users, 'roles'), { name: 'roles', many: true, reverse: 'members', targets: ['managed/alpha_role'], conditionField: 'condition' });
  assert.deepEqual(relationshipProperty(users, 'authzRoles')?.targets, ['internal/role']);
  assert.equal(relationshipProperty(users, 'groups')?.conditionField, undefined);
});

it('reads manager as one reference whose reverse is reports', () => {
  assert.deepEqual(relationshipProperty(users, 'manager'), { name: 'manager', many: false, reverse: 'reports', targets: ['managed/alpha_user'], conditionField: undefined });
});

it('answers undefined for plain, virtual, missing and inherited properties', () => {
  for (const name of ['userName', 'effectiveRoles', 'nothing', 'toString', '__proto__', 'constructor']) assert.equal(relationshipProperty(users, name), undefined, name);
});

it('lists every relationship of the user and the role schemas', () => {
  assert.deepEqual(relationshipProperties(users).map((property) => property.name).sort(), ['authzRoles', 'groups', 'manager', 'reports', 'roles']);
  assert.deepEqual(relationshipProperties(defaultRoleObject('alpha_user').schema).map((property) => [property.name, property.reverse]), [['members', 'roles']]);
});

it('ignores a reverse without reverseRelationship and collections that are not objects', () => {
  const schema: ManagedObjectSchema = {
    ...users,
    properties: { odd: { type: 'array', items: { type: 'relationship', reversePropertyName: 'back', resourceCollection: ['managed/x', { path: 'managed/y' }, { path: 3 }] } } },
  };
  assert.deepEqual(relationshipProperty(schema, 'odd'), { name: 'odd', many: true, reverse: undefined, targets: ['managed/y'], conditionField: undefined });
});
