/**
 * IDM's managed roles and groups of a realm (`role`/`group` in the root realm,
 * `<realm>_role`/`<realm>_group` elsewhere): `name`, `description`, a role's `condition` (a query
 * filter over users: matching users are members, IDM's conditional roles) and `members`, the
 * reverse of the users' `roles`/`groups` relationships.
 */
import type { ManagedObjectConfig, ManagedProperty } from './managed-schema.ts';

/** What a realm's role and group types are called, from its user type (`alpha_user` → `alpha_role`). */
export function realmTypeNames(userType: string): { user: string; role: string; group: string } {
  const prefix = userType === 'user' ? '' : userType.replace(/_user$/, '_');
  return { user: userType, role: `${prefix}role`, group: `${prefix}group` };
}

function text(title: string, extra: Partial<ManagedProperty> = {}): ManagedProperty {
  return { title, description: title, type: 'string', viewable: true, searchable: true, userEditable: false, ...extra };
}

function members(userType: string, reverse: 'roles' | 'groups', conditional: boolean): ManagedProperty {
  const collection: Record<string, unknown> = { path: `managed/${userType}`, label: 'User', query: { queryFilter: 'true', fields: ['userName', 'givenName', 'sn'] } };
  if (conditional) collection.conditionalAssociation = true;
  return {
    title: 'Members',
    description: 'Members',
    type: 'array',
    viewable: true,
    userEditable: false,
    returnByDefault: false,
    items: {
      type: 'relationship',
      title: 'Members Items',
      reverseRelationship: true,
      reversePropertyName: reverse,
      validate: true,
      properties: {
        _ref: { description: 'References a relationship from a managed object', type: 'string' },
        _refProperties: { description: 'Supports metadata within the relationship', type: 'object', properties: { _id: { description: '_refProperties object ID', type: 'string' }, _grantType: { description: 'Grant Type', type: 'string' } } },
      },
      resourceCollection: [collection],
    },
  };
}

function objectOf(name: string, title: string, properties: Record<string, ManagedProperty>): ManagedObjectConfig {
  return { name, schema: { $schema: 'http://json-schema.org/draft-03/schema', type: 'object', title, required: ['name'], order: Object.keys(properties), properties } };
}

/** The default role type of the realm whose user type is `userType`. */
export function defaultRoleObject(userType: string): ManagedObjectConfig {
  const names = realmTypeNames(userType);
  return objectOf(names.role, 'Role', {
    name: text('Name', { policies: [{ policyId: 'unique' }] }),
    description: text('Description'),
    condition: text('Condition', { description: 'A query filter over users: the users it matches are members', isConditional: true }),
    members: members(names.user, 'roles', true),
  });
}

/** The default group type of the realm whose user type is `userType`. */
export function defaultGroupObject(userType: string): ManagedObjectConfig {
  const names = realmTypeNames(userType);
  return objectOf(names.group, 'Group', {
    name: text('Name', { policies: [{ policyId: 'unique' }] }),
    description: text('Description'),
    members: members(names.user, 'groups', false),
  });
}

/** The user type whose realm a role or group type belongs to (`alpha_role` → `alpha_user`), or undefined. */
export function userTypeOfRoleOrGroup(type: string): string | undefined {
  if (type === 'role' || type === 'group') return 'user';
  const match = /^([A-Za-z0-9]+)_(role|group)$/.exec(type);
  return match === null ? undefined : `${match[1]}_user`;
}
