import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../../engine/actions.ts';
import { runNode } from '../../engine/node-testing.ts';
import { failureDetailsOf } from '../../engine/response-details.ts';
import { setFailureDetailsNode } from './set-failure-details-node.ts';

describe('SetFailureDetailsNode', () => {
  const config = { failureMessage: { en: 'Your account is locked', fr: 'Votre compte est verrouillé' }, failureDetails: { Reason: 'Exceeded max retries', retry: 'false', info: '{"after":15}' } };

  it('keeps the message in the request’s language and the details (JSON as JSON), then goes to outcome', async () => {
    const { action, state } = await runNode(setFailureDetailsNode, { config, request: { locales: ['fr-BE', 'en'] } });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(failureDetailsOf(state.shared), { message: 'Votre compte est verrouillé', details: { Reason: 'Exceeded max retries', retry: false, info: { after: 15 } } });
  });

  it('without a message keeps only the details, and failureUrl is never one of them', async () => {
    const { state } = await runNode(setFailureDetailsNode, { config: { failureDetails: { failureUrl: 'https://evil.example.net/', code: 'E1' } } });
    assert.deepEqual(failureDetailsOf(state.shared), { details: { code: 'E1' } });
  });
});
