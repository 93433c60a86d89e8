import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import { fakeServices, runNode } from '../engine/node-testing.ts';
import { parseNodeConfig } from '../engine/parse-node-config.ts';
import { accountLockoutNode } from './account-lockout-node.ts';

function services(locked: boolean) {
  return fakeServices({ users: [{ _id: 'u1', attributes: { userName: 'bob' }, locked, failures: 2 }] });
}

describe('AccountLockoutNode', () => {
  it('locks the account named by shared.username by default, then goes to outcome', async () => {
    const fakes = services(false);
    const { action } = await runNode(accountLockoutNode, { services: fakes, shared: { username: 'bob' } });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(fakes.calls, ['findUser:userName:bob', 'setLocked:u1:true']);
    assert.equal(fakes.users[0]?.locked, true);
  });

  it('unlocks with UNLOCK and clears the failure count', async () => {
    const fakes = services(true);
    const { action } = await runNode(accountLockoutNode, { services: fakes, config: { lockAction: 'UNLOCK' }, shared: { username: 'bob' } });
    assert.deepEqual(action, goTo('outcome'));
    assert.equal(fakes.users[0]?.locked, false);
    assert.equal(fakes.users[0]?.failures, 0);
  });

  it('goes on unchanged for an unknown user, revealing nothing', async () => {
    const fakes = services(false);
    const { action } = await runNode(accountLockoutNode, { services: fakes, shared: { username: 'eve' } });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(fakes.calls, ['findUser:userName:eve']);
  });

  it('locks idempotently on re-entry without values', async () => {
    const fakes = services(false);
    await runNode(accountLockoutNode, { services: fakes, shared: { username: 'bob' } });
    await runNode(accountLockoutNode, { services: fakes, shared: { username: 'bob' }, callbacks: [] });
    assert.equal(fakes.users[0]?.locked, true);
  });

  it('does nothing for a missing or wrong-typed username and rejects unknown lock actions', async () => {
    for (const username of [undefined, '', 42]) {
      const fakes = services(false);
      assert.deepEqual((await runNode(accountLockoutNode, { services: fakes, shared: { username } })).action, goTo('outcome'));
      assert.deepEqual(fakes.calls, []);
    }
    assert.equal(parseNodeConfig(accountLockoutNode, { lockAction: 'FREEZE' }).ok, false);
    assert.equal(parseNodeConfig(accountLockoutNode, { lockAction: 'lock' }).ok, false);
  });
});
