/** The identities view's reasoning: search filters, the fields a schema makes editable, the patch a form saves, policy words, places. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQueryFilter } from '../identity/query-filter/parse-query-filter.ts';
import { policyFailures } from './idm-client.ts';
import { createBody, failuresByProperty, identitiesHref, identitiesPlaceOf, patchOf, searchFilter, userSchemaOf, userTypeOf } from './identities-model.ts';

const CONFIG = {
  _id: 'managed',
  objects: [
    {
      name: 'alpha_user',
      schema: {
        order: ['userName', 'password', 'mail', 'givenName', 'cn', 'accountStatus', 'roles', 'active'],
        required: ['userName'],
        properties: {
          _id: { type: 'string', viewable: false },
          userName: { type: 'string', title: 'Username', viewable: true, searchable: true },
          password: { type: 'string', scope: 'private', viewable: false },
          mail: { type: 'string', title: 'Email Address', viewable: true, searchable: true },
          givenName: { type: 'string', title: 'First Name', viewable: true, searchable: false },
          cn: { type: 'string', isVirtual: true, viewable: false },
          accountStatus: { type: 'string', title: 'Status', viewable: true, searchable: true },
          roles: { type: 'array', viewable: true },
          active: { type: 'boolean', viewable: true },
        },
      },
    },
  ],
};

describe('the identities model', () => {
  it('gives each realm its managed user type', () => {
    assert.equal(userTypeOf('root'), 'user');
    assert.equal(userTypeOf('alpha'), 'alpha_user');
  });

  it('searches the attributes by prefix, with quotes and backslashes escaped so the filter still parses', () => {
    assert.equal(searchFilter('  ', ['userName']), 'true');
    assert.equal(searchFilter('bj', ['userName', 'mail']), 'userName sw "bj" or mail sw "bj"');
    const hostile = searchFilter('a" or true or x eq "\\', ['userName', 'mail']);
    assert.equal(hostile, 'userName sw "a\\" or true or x eq \\"\\\\" or mail sw "a\\" or true or x eq \\"\\\\"');
    assert.doesNotThrow(() => parseQueryFilter(hostile));
  });

  it('offers the viewable plain attributes of the schema, in its order, never the password, private, virtual or relationship ones', () => {
    const schema = userSchemaOf(CONFIG, 'alpha_user');
    assert.deepEqual(schema.fields.map((field) => field.name), ['userName', 'mail', 'givenName', 'accountStatus', 'active']);
    assert.equal(schema.fields[0]?.required, true);
    assert.deepEqual(schema.searchable, ['userName', 'mail']);
    assert.deepEqual(userSchemaOf(CONFIG, 'bravo_user').searchable, ['userName', 'givenName', 'sn', 'mail'], 'an unlisted type uses the default user');
  });

  it('saves only what changed, removing emptied attributes', () => {
    const { fields } = userSchemaOf(CONFIG, 'alpha_user');
    const user = { _id: 'u1', userName: 'bjensen', mail: 'b@example.com', givenName: 'Babs', accountStatus: 'active' };
    assert.deepEqual(patchOf(fields, user, { userName: 'bjensen', mail: 'babs@example.com', givenName: '', accountStatus: 'active', active: 'false' }), [
      { operation: 'replace', field: '/mail', value: 'babs@example.com' },
      { operation: 'remove', field: '/givenName' },
      { operation: 'replace', field: '/active', value: false },
    ]);
    assert.deepEqual(createBody(fields, { userName: 'new', mail: '', active: 'false' }, 'Passw0rd-x'), { userName: 'new', password: 'Passw0rd-x' });
  });

  it('reads the policy failures of a refusal and words them by attribute', () => {
    const body = { code: 403, message: 'Policy validation failed', detail: { failedPolicyRequirements: [{ property: 'mail', policyRequirements: [{ policyRequirement: 'VALID_EMAIL_ADDRESS_FORMAT' }] }, { property: 'password', policyRequirements: [{ policyRequirement: 'MIN_LENGTH', params: { minLength: 8 } }] }, { property: 'password', policyRequirements: [{ policyRequirement: 'SOMETHING_NEW' }] }] } };
    const words = failuresByProperty(policyFailures(body));
    assert.deepEqual(words.get('mail'), ['Not a valid email address.']);
    assert.deepEqual(words.get('password'), ['At least 8 characters.', 'SOMETHING_NEW']);
    assert.deepEqual(policyFailures({ detail: { failedPolicyRequirements: 'no' } }), []);
  });

  it('keeps the list, the create form and a user page in the fragment', () => {
    for (const place of [{ view: 'list' as const }, { view: 'create' as const }, { view: 'user' as const, id: 'a/b c' }]) assert.deepEqual(identitiesPlaceOf(identitiesHref('alpha', place)), place);
    assert.equal(identitiesPlaceOf('#/alpha/journeys/Login'), undefined);
    assert.deepEqual(identitiesPlaceOf('#/alpha/identities/users/%E0'), { view: 'list' });
  });
});
