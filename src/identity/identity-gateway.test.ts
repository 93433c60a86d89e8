import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isIdentityError } from './errors.ts';
import { createIdentityGateway } from './identity-gateway.ts';
import { ALICE, createIdentityFixture } from './testing/identity-fixture.ts';

async function setup() {
  const fixture = createIdentityFixture();
  const alice = await fixture.identity.createUser('alpha_user', ALICE);
  return { ...fixture, alice, gateway: createIdentityGateway(fixture.identity) };
}

describe('identity gateway', () => {
  it('finds and gets users by identity resource, without the password hash', async () => {
    const { gateway, alice } = await setup();
    const found = await gateway.findUser('managed/alpha_user', 'userName', 'ALICE');
    assert.deepStrictEqual(found, alice);
    assert.equal(found?.attributes.password, undefined);
    assert.deepStrictEqual(await gateway.getUser('managed/alpha_user', alice._id), alice);
    assert.equal(await gateway.findUser('managed/user', 'userName', 'alice'), undefined, 'another realm\'s type');
  });

  it('identifies nobody when several users share the attribute, and tells the operator which users', async () => {
    const { objects, identity, alice } = await setup();
    // Data from before mail was unique: a second user with Alice's address, written past the policy.
    await objects.create('alpha_user', 'twin', { userName: 'alice2', givenName: 'Alice', sn: 'Twin', mail: 'Alice@example.com' }, {});
    const told: unknown[] = [];
    const gateway = createIdentityGateway(identity, { onAmbiguousLookup: (lookup) => told.push(lookup) });
    assert.equal(await gateway.findUser('managed/alpha_user', 'mail', 'alice@example.com'), undefined);
    assert.deepStrictEqual(told, [{ identityResource: 'managed/alpha_user', attribute: 'mail', ids: [alice._id, 'twin'].sort() }]);
    assert.equal((await gateway.findUser('managed/alpha_user', 'userName', 'alice'))?._id, alice._id);
    assert.equal(told.length, 1, 'a single match tells nothing');
  });

  it('patches and counts logins; it verifies no password (nodes check passwords through the credential guard)', async () => {
    const { gateway, alice } = await setup();
    assert.equal('verifyPassword' in gateway || 'dummyVerify' in gateway, false);
    await gateway.patchUser('managed/alpha_user', alice._id, { 'preferences/marketing': true });
    await gateway.incrementLoginCount('managed/alpha_user', alice._id);
    const user = await gateway.getUser('managed/alpha_user', alice._id);
    assert.deepStrictEqual([user?.attributes.preferences, user?.meta.loginCount], [{ marketing: true }, 1]);
  });

  it('describes schema properties, nested ones by path', async () => {
    const { gateway } = await setup();
    assert.equal((await gateway.schemaProperty('managed/alpha_user', 'givenName'))?.title, 'First Name');
    assert.deepStrictEqual(await gateway.schemaProperty('managed/alpha_user', 'preferences/marketing'), { description: 'Send me special offers and services', type: 'boolean' });
    assert.equal(await gateway.schemaProperty('managed/alpha_user', 'preferences/nothing'), undefined);
    assert.equal(await gateway.schemaProperty('managed/alpha_user', 'nothing'), undefined);
  });

  it('rejects identity resources other than managed/<type>', async () => {
    const { gateway } = await setup();
    for (const resource of ['internal/user', 'managed/', 'managed/alpha_user/x', 'alpha_user']) {
      await assert.rejects(gateway.getUser(resource, 'x'), (error) => isIdentityError(error, 'UNSUPPORTED_IDENTITY_RESOURCE'), resource);
    }
  });
});
