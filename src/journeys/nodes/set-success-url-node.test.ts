import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import { runNode } from '../engine/node-testing.ts';
import { setSuccessUrlNode } from './set-success-url-node.ts';

describe('SetSuccessUrlNode', () => {
  it('writes shared.successUrl, replacing an earlier one (outcome)', async () => {
    const { action, state } = await runNode(setSuccessUrlNode, { config: { successUrl: 'https://www.forgerock.com/' }, shared: { successUrl: '/old' } });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(state.shared, { successUrl: 'https://www.forgerock.com/' });
  });

  it('does the same on re-entry with no callbacks', async () => {
    const { state } = await runNode(setSuccessUrlNode, { config: { successUrl: '/enduser/' }, callbacks: [] });
    assert.deepEqual(state.shared, { successUrl: '/enduser/' });
  });

  it('requires a URL', async () => {
    await assert.rejects(runNode(setSuccessUrlNode), /successUrl/);
    await assert.rejects(runNode(setSuccessUrlNode, { config: { successUrl: '' } }), /successUrl/);
  });
});
