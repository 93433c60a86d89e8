import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultManagedConfig } from './default-user-schema.ts';
import { isIdentityError } from './errors.ts';
import { parseManagedConfig } from './managed-schema.ts';

function config(properties: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown {
  return { objects: [{ name: 'user', schema: { type: 'object', properties, ...extra } }] };
}

function rejectsWith(value: unknown, message: RegExp): void {
  assert.throws(
    () => parseManagedConfig(value),
    (error) => isIdentityError(error, 'INVALID_MANAGED_CONFIG') && message.test(error.message),
  );
}

describe('parseManagedConfig', () => {
  it('accepts the default config and keeps it unchanged', () => {
    const defaults = defaultManagedConfig();
    assert.deepStrictEqual(parseManagedConfig(structuredClone(defaults)), defaults);
  });

  it('fills required and order, and keeps fields it does not know', () => {
    const parsed = parseManagedConfig(config({ a: { type: 'string', onStore: { source: 'x' } } }, { icon: 'fa-user' }));
    const schema = parsed.objects[0]?.schema;
    assert.deepStrictEqual(schema?.required, []);
    assert.deepStrictEqual(schema?.order, ['a']);
    assert.equal(schema?.icon, 'fa-user');
    assert.deepStrictEqual(schema?.properties.a?.onStore, { source: 'x' });
  });

  it('accepts what exported IDM configs contain: null descriptions and minLength, draft-03 required flags', () => {
    const parsed = parseManagedConfig(config({ org: { description: null, minLength: null, type: 'array', items: { type: 'relationship', properties: { _id: { type: 'string', required: false } } } } }));
    assert.equal(parsed.objects[0]?.schema.properties.org?.minLength, null);
  });

  it('names the bad field', () => {
    rejectsWith({}, /^managed\.objects: expected an array$/);
    rejectsWith({ objects: [{ name: 'user' }] }, /^managed\.objects\[0\]\.schema: expected an object$/);
    rejectsWith(config({ userName: { type: 'text' } }), /^managed\.objects\[0\]\.schema\.properties\.userName\.type: expected one of/);
    rejectsWith(config({ userName: { type: ['string', 7] } }), /properties\.userName\.type\[1\]: expected one of/);
    rejectsWith(config({ userName: { minLength: '1' } }), /properties\.userName\.minLength: expected a number or null$/);
    rejectsWith(config({ userName: { searchable: 'yes' } }), /properties\.userName\.searchable: expected true or false$/);
    rejectsWith(config({ userName: { policies: [{ params: {} }] } }), /properties\.userName\.policies\[0\]\.policyId: expected a string$/);
    rejectsWith(config({ userName: { policies: [{ policyId: 'x', params: [] }] } }), /policies\[0\]\.params: expected an object$/);
    rejectsWith(config({ phone: { pattern: '([' } }), /properties\.phone\.pattern: not a valid regular expression$/);
    rejectsWith(config({ pw: { scope: 'secret' } }), /properties\.pw\.scope: expected "private" or "public"$/);
    rejectsWith(config({ prefs: { properties: { marketing: { type: 'bool' } } } }), /properties\.prefs\.properties\.marketing\.type: expected one of/);
    rejectsWith(config({ a: {} }, { required: ['b'] }), /schema\.required: "b" is not a property of the schema$/);
    rejectsWith(config({}, { type: 'array' }), /schema\.type: expected "object"$/);
  });

  it('refuses a type declared twice and bad names', () => {
    const one = { name: 'user', schema: { properties: {} } };
    rejectsWith({ objects: [one, one] }, /objects\[1\]\.name: "user" is declared twice$/);
    rejectsWith({ objects: [{ ...one, name: 'a/b' }] }, /objects\[0\]\.name: expected a non-empty name without "\/"$/);
  });
});
