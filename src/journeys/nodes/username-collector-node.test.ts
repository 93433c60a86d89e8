import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import { nameCallback, passwordCallback } from '../engine/callback-builders.ts';
import { runNode, sentCallbacks, submit } from '../engine/node-testing.ts';
import { usernameCollectorNode } from './username-collector-node.ts';

describe('UsernameCollectorNode', () => {
  it('sends a NameCallback "User Name" on first entry', async () => {
    const { action, state } = await runNode(usernameCollectorNode);
    assert.deepEqual(sentCallbacks(action), [nameCallback('User Name')]);
    assert.deepEqual(state.shared, {});
  });

  it('stores a non-empty username in shared state and goes to outcome', async () => {
    const { action, state } = await runNode(usernameCollectorNode, { callbacks: submit([nameCallback('User Name')], ['bob']) });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(state, { shared: { username: 'bob' }, transient: {} });
  });

  it('re-sends on empty or wrong-typed values and on a foreign callback', async () => {
    for (const value of ['', ' ', 1, false]) {
      const { action, state } = await runNode(usernameCollectorNode, { callbacks: submit([nameCallback('User Name')], [value]) });
      assert.deepEqual(sentCallbacks(action), [nameCallback('User Name')]);
      assert.deepEqual(state.shared, {});
    }
    const foreign = await runNode(usernameCollectorNode, { callbacks: submit([passwordCallback('Password')], ['bob']) });
    assert.deepEqual(sentCallbacks(foreign.action), [nameCallback('User Name')]);
  });
});
