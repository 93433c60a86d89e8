import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../../engine/actions.ts';
import { runNode } from '../../engine/node-testing.ts';
import { SUCCESS_DETAILS_KEY, successDetailsOf } from '../../engine/response-details.ts';
import { setSuccessDetailsNode } from './set-success-details-node.ts';

describe('SetSuccessDetailsNode', () => {
  it('keeps the details for the success answer, JSON texts as JSON, then goes to outcome', async () => {
    const config = { successDetails: { authMethod: 'password', mfa: 'true', limits: '{"daily":3}', count: '42', note: 'not {json' } };
    const { action, state } = await runNode(setSuccessDetailsNode, { config });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(successDetailsOf(state.shared), { authMethod: 'password', mfa: true, limits: { daily: 3 }, count: 42, note: 'not {json' });
  });

  it('never sets tokenId, successUrl or realm', async () => {
    const { state } = await runNode(setSuccessDetailsNode, { config: { successDetails: { tokenId: 'forged', successUrl: 'https://evil.example.net/', realm: '/x', ok: 'yes' } } });
    assert.deepEqual(successDetailsOf(state.shared), { ok: 'yes' });
  });

  it('adds to the details of an earlier node and answers session properties set before it', async () => {
    const { state } = await runNode(setSuccessDetailsNode, {
      shared: { [SUCCESS_DETAILS_KEY]: { first: 1 } },
      sessionProperties: { amr: 'pwd' },
      config: { successDetails: { second: '2' }, sessionProperties: { methods: 'amr', missing: 'notSet' } },
    });
    assert.deepEqual(successDetailsOf(state.shared), { first: 1, methods: 'pwd', second: 2 });
  });
});
