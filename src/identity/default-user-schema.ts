/**
 * IDM's default managed user (`user` in the root realm, `<realm>_user` elsewhere, e.g.
 * `alpha_user`): the platform managed.json properties, with the userName and password rules whose
 * policy objects the default Registration journey shows (see `protocol/registration-first-step.json`),
 * and one deliberate difference: `mail` is unique.
 */
import type { ManagedConfig, ManagedObjectConfig, ManagedProperty } from './managed-schema.ts';

type Flags = Pick<ManagedProperty, 'viewable' | 'searchable' | 'userEditable'>;

const personal = { viewable: true, searchable: true, userEditable: true } satisfies Flags;
const address = { viewable: true, searchable: false, userEditable: true } satisfies Flags;

function text(title: string, flags: Flags, extra: Partial<ManagedProperty> = {}): ManagedProperty {
  return { title, description: title, type: 'string', ...flags, usageDescription: '', ...extra };
}

function relationshipItems(title: string, reversePropertyName: string, path: string, label: string, conditionField?: string): ManagedProperty {
  const collection: Record<string, unknown> = { path, label, query: { queryFilter: 'true', fields: label === 'User' ? ['userName', 'givenName', 'sn'] : ['name'] } };
  if (conditionField !== undefined) collection.conditionalAssociationField = conditionField;
  return {
    type: 'relationship',
    title,
    reverseRelationship: true,
    reversePropertyName,
    validate: true,
    properties: {
      _ref: { description: 'References a relationship from a managed object', type: 'string' },
      _refProperties: { description: 'Supports metadata within the relationship', type: 'object', properties: { _id: { description: '_refProperties object ID', type: 'string' } } },
    },
    resourceCollection: [collection],
  };
}

function relationshipList(title: string, reverse: string, path: string, label: string, conditionField?: string): ManagedProperty {
  return { title, description: title, type: 'array', viewable: true, userEditable: false, returnByDefault: false, items: relationshipItems(`${title} Items`, reverse, path, label, conditionField) };
}

/** The properties of the default user, in display order. */
function userProperties(name: string): Record<string, ManagedProperty> {
  const users = `managed/${name}`;
  const roles = name === 'user' ? 'managed/role' : `managed/${name.replace(/_user$/, '')}_role`;
  const groups = name === 'user' ? 'managed/group' : `managed/${name.replace(/_user$/, '')}_group`;
  return {
    _id: {
      description: 'User ID',
      type: 'string',
      viewable: false,
      searchable: false,
      userEditable: false,
      policies: [{ policyId: 'cannot-contain-characters', params: { forbiddenChars: ['/'] } }],
    },
    userName: text('Username', personal, {
      minLength: 1,
      policies: [
        { policyId: 'unique' },
        { policyId: 'no-internal-user-conflict' },
        { policyId: 'cannot-contain-characters', params: { forbiddenChars: ['/'] } },
      ],
    }),
    password: text('Password', { viewable: false, searchable: false, userEditable: true }, {
      minLength: 8,
      scope: 'private',
      isProtected: true,
      policies: [
        { policyId: 'at-least-X-capitals', params: { numCaps: 1 } },
        { policyId: 'at-least-X-numbers', params: { numNums: 1 } },
        { policyId: 'cannot-contain-others', params: { disallowedFields: ['userName', 'givenName', 'sn'] } },
      ],
    }),
    givenName: text('First Name', personal),
    sn: text('Last Name', personal),
    cn: text('Common Name', { viewable: false, searchable: false, userEditable: false }, { scope: 'private', isVirtual: true }),
    // Unique (unlike IDM's default): an address names one account, so that another account
    // registered with it cannot stop the owner's recovery emails (docs/idm-rest-api.md).
    mail: text('Email Address', personal, { policies: [{ policyId: 'valid-email-address-format' }, { policyId: 'unique' }] }),
    profileImage: text('Profile Image', { viewable: false, searchable: true, userEditable: true }),
    description: text('Description', personal),
    accountStatus: text('Status', { viewable: true, searchable: true, userEditable: false }, { default: 'active' }),
    telephoneNumber: text('Telephone Number', address, { pattern: '^\\+?([0-9\\- \\(\\)])*$' }),
    postalAddress: text('Address 1', address),
    city: text('City', address),
    postalCode: text('Postal Code', address),
    country: text('Country', address),
    stateProvince: text('State/Province', address),
    roles: relationshipList('Provisioning Roles', 'members', roles, 'Role', 'condition'),
    groups: relationshipList('Groups', 'members', groups, 'Group'),
    manager: { ...relationshipItems('Manager', 'reports', users, 'User'), description: 'Manager', viewable: true, searchable: false, userEditable: false },
    authzRoles: relationshipList('Authorization Roles', 'authzMembers', 'internal/role', 'Internal Role'),
    reports: relationshipList('Direct Reports', 'manager', users, 'User'),
    effectiveRoles: virtualList('Effective Roles', { referencedRelationshipFields: ['roles'] }),
    effectiveAssignments: virtualList('Effective Assignments', { referencedRelationshipFields: ['roles', 'assignments'], referencedObjectFields: ['*'] }),
    lastSync: {
      title: 'Last Sync timestamp',
      description: 'Last Sync timestamp',
      type: 'object',
      scope: 'private',
      viewable: false,
      searchable: false,
      properties: {
        effectiveAssignments: { description: 'Effective Assignments', title: 'Effective Assignments', type: 'array', items: { type: 'object', title: 'Effective Assignments Items' } },
        timestamp: { description: 'Timestamp', type: 'string' },
      },
      order: ['effectiveAssignments', 'timestamp'],
      required: [],
    },
    kbaInfo: {
      description: 'KBA Info',
      type: 'array',
      userEditable: true,
      viewable: false,
      items: {
        type: 'object',
        title: 'KBA Info Items',
        properties: {
          answer: { description: 'Answer', type: 'string' },
          customQuestion: { description: 'Custom question', type: 'string' },
          questionId: { description: 'Question ID', type: 'string' },
        },
        order: ['answer', 'customQuestion', 'questionId'],
        required: [],
      },
    },
    preferences: {
      title: 'Preferences',
      description: 'Preferences',
      viewable: true,
      searchable: false,
      userEditable: true,
      type: 'object',
      properties: {
        updates: { description: 'Send me news and updates', type: 'boolean' },
        marketing: { description: 'Send me special offers and services', type: 'boolean' },
      },
      order: ['updates', 'marketing'],
      required: [],
    },
    consentedMappings: {
      title: 'Consented Mappings',
      description: 'Consented Mappings',
      type: 'array',
      viewable: false,
      searchable: false,
      userEditable: true,
      returnByDefault: false,
      items: {
        type: 'object',
        title: 'Consented Mappings Item',
        properties: {
          mapping: { title: 'Mapping', description: 'Mapping', type: 'string' },
          consentDate: { title: 'Consent Date', description: 'Consent Date', type: 'string' },
        },
        order: ['mapping', 'consentDate'],
        required: ['mapping', 'consentDate'],
      },
    },
    aliasList: {
      title: 'User Alias Names List',
      description: 'List of identity aliases used primarily to record social IdP subjects for this user',
      type: 'array',
      items: { type: 'string', title: 'User Alias Names Items' },
      viewable: false,
      searchable: false,
      userEditable: true,
      returnByDefault: false,
    },
  };
}

function virtualList(title: string, queryConfig: Record<string, string[]>): ManagedProperty {
  return { type: 'array', title, description: title, viewable: false, returnByDefault: true, isVirtual: true, queryConfig, items: { type: 'object', title: `${title} Items` } };
}

/** The default managed object config of a user type (`user`, `alpha_user`…). */
export function defaultUserObject(name: string): ManagedObjectConfig {
  const properties = userProperties(name);
  return {
    name,
    schema: {
      $schema: 'http://json-schema.org/draft-03/schema',
      type: 'object',
      title: 'User',
      viewable: true,
      required: ['userName', 'givenName', 'sn', 'mail'],
      order: Object.keys(properties),
      properties,
    },
    meta: {
      property: '_meta',
      resourceCollection: name === 'user' ? 'internal/usermeta' : `managed/${name}meta`,
      trackedProperties: ['createDate', 'lastChanged'],
    },
  };
}

/** True for the names that get the default user schema: `user` and `<realm>_user`. */
export function isDefaultUserType(name: string): boolean {
  return name === 'user' || /^[A-Za-z0-9]+_user$/.test(name);
}

/** The default `managed` config document: `user` (root realm) and `alpha_user` (alpha realm). */
export function defaultManagedConfig(): ManagedConfig {
  return { objects: [defaultUserObject('user'), defaultUserObject('alpha_user')] };
}
