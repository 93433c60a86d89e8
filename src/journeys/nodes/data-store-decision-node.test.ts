import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import { fakeServices, runNode } from '../engine/node-testing.ts';
import type { FakeServicesOptions } from '../engine/node-testing.ts';
import { dataStoreDecisionNode, LOCKED_OUT_MESSAGE, lockoutWarning } from './data-store-decision-node.ts';

const bob = { _id: 'u1', attributes: { userName: 'bob', mail: 'bob@example.com' }, password: 'Secret12!' };

function services(options: FakeServicesOptions = {}) {
  return fakeServices({ users: [bob], ...options });
}

function credentials(username: unknown, password: unknown) {
  return { shared: { username }, transient: { password } };
}

describe('DataStoreDecisionNode', () => {
  it('goes to true for the right password and identifies the user by id and stored userName', async () => {
    const fakes = services();
    const { action, state } = await runNode(dataStoreDecisionNode, { services: fakes, ...credentials('BOB', 'Secret12!') });
    assert.deepEqual(action, goTo('true'));
    assert.deepEqual(state.shared, { username: 'bob', _id: 'u1' });
    assert.deepEqual(fakes.calls, ['findUser:userName:BOB', 'isLocked:u1', 'verifyPassword:u1']);
  });

  it('goes to false for a wrong password and counts the failure', async () => {
    const fakes = services();
    const { action, state } = await runNode(dataStoreDecisionNode, { services: fakes, ...credentials('bob', 'wrong') });
    assert.deepEqual(action, goTo('false'));
    assert.deepEqual(state.shared, { username: 'bob' });
    assert.ok(fakes.calls.includes('recordFailure:u1'));
  });

  it('warns with the remaining attempts when the realm warns, then reports the lockout', async () => {
    const fakes = services({ lockout: { failureCount: 3, warnUserCount: 1 } });
    const first = await runNode(dataStoreDecisionNode, { services: fakes, ...credentials('bob', 'wrong') });
    assert.deepEqual(first.action, goTo('false', { errorMessage: lockoutWarning(2) }));
    assert.equal(lockoutWarning(2), 'Warning: You will be locked out after 2 more failure(s).');
    await runNode(dataStoreDecisionNode, { services: fakes, ...credentials('bob', 'wrong') });
    const third = await runNode(dataStoreDecisionNode, { services: fakes, ...credentials('bob', 'wrong') });
    assert.deepEqual(third.action, goTo('false', { errorMessage: 'User Locked Out.' }));
  });

  it('goes to false for a locked account without checking the password', async () => {
    const fakes = services({ users: [{ ...bob, locked: true }] });
    const { action, state } = await runNode(dataStoreDecisionNode, { services: fakes, ...credentials('bob', 'Secret12!') });
    assert.deepEqual(action, goTo('false', { errorMessage: LOCKED_OUT_MESSAGE }));
    assert.ok(!fakes.calls.some((call) => call.startsWith('verifyPassword')));
    assert.equal(state.shared['_id'], undefined);
  });

  it('goes to false for an unknown user, like a wrong password and without a message', async () => {
    const fakes = services();
    const { action } = await runNode(dataStoreDecisionNode, { services: fakes, ...credentials('eve', 'Secret12!') });
    assert.deepEqual(action, goTo('false'));
    assert.ok(!fakes.calls.some((call) => call.startsWith('recordFailure')));
    assert.ok(fakes.calls.includes('dummyVerify'), 'an unknown user still costs a password verification');
  });

  it('ignores stray submitted callbacks on re-entry and decides the same way', async () => {
    const first = await runNode(dataStoreDecisionNode, { services: services(), ...credentials('bob', 'Secret12!') });
    const again = await runNode(dataStoreDecisionNode, { services: services(), callbacks: [], ...credentials('bob', 'Secret12!') });
    assert.deepEqual(again.action, first.action);
    assert.deepEqual(again.state, first.state);
  });

  it('goes to false without a lookup for blank, missing or wrong-typed credentials', async () => {
    for (const [username, password] of [['bob', ''], ['bob', '   '], ['bob', undefined], ['bob', 42], ['', 'Secret12!'], [undefined, 'Secret12!'], [7, 'Secret12!']]) {
      const fakes = services();
      const { action } = await runNode(dataStoreDecisionNode, { services: fakes, ...credentials(username, password) });
      assert.deepEqual(action, goTo('false'), `${String(username)} / ${String(password)}`);
      assert.deepEqual(fakes.calls, []);
    }
  });
});
