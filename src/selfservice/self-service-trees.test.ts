/** The Self Service Trees mapping: AM's body in and out, defaults for realms stored before it existed. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultRealmConfig } from '../config/realm-config.ts';
import { isSelfServiceConfigError } from './config-errors.ts';
import { parseSelfServiceTreesBody, selfServiceTreesBody, selfServiceTreesOf, withSelfServiceTrees } from './self-service-trees.ts';

describe('self-service trees', () => {
  it('reads the seed’s PUT body (the mapping only; _id and _type are AM’s envelope)', () => {
    const body = {
      treeMapping: { resetPassword: 'PlatformResetPassword', updatePassword: 'PlatformUpdatePassword', forgottenUsername: 'PlatformForgottenUsername', registration: 'PlatformRegistration' },
      _id: '',
      _type: { _id: 'selfServiceTrees', name: 'Self Service Trees', collection: false },
    };
    assert.deepEqual(parseSelfServiceTreesBody(body), body.treeMapping);
    assert.deepEqual(selfServiceTreesBody(body.treeMapping), { _id: '', treeMapping: body.treeMapping, _type: body._type });
  });

  it('refuses non-string tree names and odd endpoint names, naming them', () => {
    for (const [treeMapping, field] of [
      [{ registration: null }, 'treeMapping.registration'],
      [{ registration: ' ' }, 'treeMapping.registration'],
      [{ 'a/b': 'Tree' }, 'treeMapping.a/b'],
      [undefined, 'treeMapping'],
    ] as const) {
      assert.throws(
        () => parseSelfServiceTreesBody({ treeMapping }),
        (error: unknown) => isSelfServiceConfigError(error, 'INVALID_SELF_SERVICE_TREES') && error.field === field && error.message.includes(field),
      );
    }
  });

  it('falls back to the defaults for a realm stored without a mapping, and replaces it whole', () => {
    const { selfServiceTrees, ...legacy } = defaultRealmConfig('alpha');
    assert.deepEqual(selfServiceTreesOf(legacy), selfServiceTrees);
    assert.deepEqual(selfServiceTrees, { registration: 'Registration', resetPassword: 'ResetPassword', forgottenUsername: 'ForgottenUsername', updatePassword: 'UpdatePassword' });
    const changed = withSelfServiceTrees(legacy, { registration: 'Device Registration' });
    assert.deepEqual(selfServiceTreesOf(changed), { registration: 'Device Registration' });
    assert.equal(changed.name, 'alpha');
  });
});
