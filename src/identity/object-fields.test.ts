import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultUserObject } from './default-user-schema.ts';
import { withDefaults, withFields } from './object-fields.ts';

describe('withFields', () => {
  it('writes /-paths into nested objects, removes undefined, ignores server fields, copies', () => {
    const data = { preferences: { updates: true }, city: 'Oxford', list: [1] };
    const result = withFields(data, { '/preferences/marketing': false, city: undefined, _id: 'x', '_meta/loginCount': 9, 'a/b': 1 });
    assert.deepStrictEqual(result, { preferences: { updates: true, marketing: false }, list: [1], a: { b: 1 } });
    assert.deepStrictEqual(data, { preferences: { updates: true }, city: 'Oxford', list: [1] }, 'the input is untouched');
  });

  it('replaces a scalar parent by an object', () => {
    assert.deepStrictEqual(withFields({ preferences: 'none' }, { 'preferences/updates': true }), { preferences: { updates: true } });
  });
});

describe('withDefaults', () => {
  it('fills absent properties with schema defaults only', () => {
    const { schema } = defaultUserObject('user');
    assert.deepStrictEqual(withDefaults(schema, { userName: 'a' }), { userName: 'a', accountStatus: 'active' });
    assert.deepStrictEqual(withDefaults(schema, { accountStatus: 'inactive' }), { accountStatus: 'inactive' });
  });
});
