import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import type { NodeTestServices } from '../../platform/testing/node-test-services.ts';
import { goTo } from '../engine/actions.ts';
import { runNode } from '../engine/node-testing.ts';
import { parseNodeConfig } from '../engine/parse-node-config.ts';
import { accountLockoutNode } from './account-lockout-node.ts';

const RESOURCE = 'managed/alpha_user';

function services(): Promise<NodeTestServices> {
  return nodeTestServices({ users: [{ _id: 'u1', attributes: { userName: 'bob', givenName: 'Bob', sn: 'Smith', mail: 'bob@example.com', accountStatus: 'active' } }] });
}

async function accountStatus(t: NodeTestServices): Promise<unknown> {
  return (await t.stored('u1'))?.data['accountStatus'];
}

describe('AccountLockoutNode', () => {
  it('locks the account named by shared.username by default, then goes to outcome', async () => {
    const t = await services();
    const { action } = await runNode(accountLockoutNode, { services: t.services, shared: { username: 'bob' } });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(t.callNames(), ['identity.findUser', 'lockout.setLocked']);
    assert.equal(await accountStatus(t), 'inactive');
    assert.equal(await t.services.lockout.isLocked(RESOURCE, 'u1'), true);
  });

  it('unlocks with UNLOCK and clears the failure count', async () => {
    const t = await services();
    for (let failure = 1; failure <= 4; failure++) await t.services.lockout.recordFailure(RESOURCE, 'u1');
    await t.identity.setAccountStatus('alpha_user', 'u1', 'inactive');
    const { action } = await runNode(accountLockoutNode, { services: t.services, config: { lockAction: 'UNLOCK' }, shared: { username: 'bob' } });
    assert.deepEqual(action, goTo('outcome'));
    assert.equal(await accountStatus(t), 'active');
    assert.equal(await t.services.lockout.isLocked(RESOURCE, 'u1'), false);
    assert.equal((await t.services.lockout.recordFailure(RESOURCE, 'u1')).locked, false, 'the four earlier failures were forgotten: the realm locks at five');
  });

  it('unlocks an account the realm locked after failures', async () => {
    const t = await services();
    for (let failure = 1; failure <= 5; failure++) await t.services.lockout.recordFailure(RESOURCE, 'u1');
    assert.equal(await t.services.lockout.isLocked(RESOURCE, 'u1'), true);
    await runNode(accountLockoutNode, { services: t.services, config: { lockAction: 'UNLOCK' }, shared: { username: 'bob' } });
    assert.equal(await t.services.lockout.isLocked(RESOURCE, 'u1'), false);
  });

  it('goes on unchanged for an unknown user, revealing nothing', async () => {
    const t = await services();
    const { action } = await runNode(accountLockoutNode, { services: t.services, shared: { username: 'eve' } });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(t.callNames(), ['identity.findUser']);
    assert.equal(await accountStatus(t), 'active');
  });

  it('locks idempotently on re-entry without values', async () => {
    const t = await services();
    await runNode(accountLockoutNode, { services: t.services, shared: { username: 'bob' } });
    await runNode(accountLockoutNode, { services: t.services, shared: { username: 'bob' }, callbacks: [] });
    assert.equal(await accountStatus(t), 'inactive');
    assert.equal(await t.services.lockout.isLocked(RESOURCE, 'u1'), true);
  });

  it('does nothing for a missing or wrong-typed username and rejects unknown lock actions', async () => {
    for (const username of [undefined, '', 42]) {
      const t = await services();
      assert.deepEqual((await runNode(accountLockoutNode, { services: t.services, shared: { username } })).action, goTo('outcome'));
      assert.deepEqual(t.callNames(), []);
      assert.equal(await accountStatus(t), 'active');
    }
    assert.equal(parseNodeConfig(accountLockoutNode, { lockAction: 'FREEZE' }).ok, false);
    assert.equal(parseNodeConfig(accountLockoutNode, { lockAction: 'lock' }).ok, false);
  });
});
