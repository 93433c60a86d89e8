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

  it('identifies nobody when several users share the attribute', async () => {
    const { gateway, identity } = await setup();
    await identity.createUser('alpha_user', { ...ALICE, userName: 'alice2' });
    assert.equal(await gateway.findUser('managed/alpha_user', 'mail', 'alice@example.com'), undefined);
  });

  it('verifies passwords, patches and counts logins', async () => {
    const { gateway, alice } = await setup();
    assert.equal(await gateway.verifyPassword('managed/alpha_user', alice._id, 'Wonderland1'), true);
    assert.equal(await gateway.verifyPassword('managed/alpha_user', alice._id, 'wrong'), false);
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
