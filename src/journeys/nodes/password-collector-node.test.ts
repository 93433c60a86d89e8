import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import { nameCallback, passwordCallback } from '../engine/callback-builders.ts';
import { runNode, sentCallbacks, submit } from '../engine/node-testing.ts';
import { passwordCollectorNode } from './password-collector-node.ts';

describe('PasswordCollectorNode', () => {
  it('sends a PasswordCallback "Password" on first entry', async () => {
    const { action } = await runNode(passwordCollectorNode);
    assert.deepEqual(sentCallbacks(action), [passwordCallback('Password')]);
  });

  it('stores a non-empty password in transient state only and goes to outcome', async () => {
    const { action, state } = await runNode(passwordCollectorNode, { callbacks: submit([passwordCallback('Password')], ['Secret12!']) });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(state, { shared: {}, transient: { password: 'Secret12!' } });
  });

  it('re-sends on empty or wrong-typed values and on a foreign callback', async () => {
    for (const value of ['', 0, null]) {
      const { action, state } = await runNode(passwordCollectorNode, { callbacks: submit([passwordCallback('Password')], [value]) });
      assert.deepEqual(sentCallbacks(action), [passwordCallback('Password')]);
      assert.deepEqual(state.transient, {});
    }
    const foreign = await runNode(passwordCollectorNode, { callbacks: submit([nameCallback('User Name')], ['pw']) });
    assert.deepEqual(sentCallbacks(foreign.action), [passwordCallback('Password')]);
  });
});
