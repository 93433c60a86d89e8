import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import { fakeServices, runNode } from '../engine/node-testing.ts';
import type { FakeServicesOptions } from '../engine/node-testing.ts';
import { termsAndConditionsDecisionNode } from './terms-and-conditions-decision-node.ts';

const terms = { version: '2.0', terms: 'Be nice.', html: '<p>Be nice.</p>', createDate: '2025-01-01T00:00:00.000Z' };
const user = (termsAccepted: unknown) => ({ _id: 'u1', attributes: { userName: 'ann' }, meta: termsAccepted === undefined ? {} : { termsAccepted } });

async function decide(options: FakeServicesOptions, shared: Record<string, unknown> = { username: 'ann' }) {
  return (await runNode(termsAndConditionsDecisionNode, { services: fakeServices(options), shared })).action;
}

describe('TermsAndConditionsDecisionNode', () => {
  it('is true when the user accepted the active version, or when no terms are active', async () => {
    assert.deepEqual(await decide({ terms, users: [user({ acceptDate: '2025-02-01T00:00:00Z', termsVersion: '2.0' })] }), goTo('true'));
    assert.deepEqual(await decide({ users: [user(undefined)] }), goTo('true'));
    assert.deepEqual(await decide({}, {}), goTo('true'));
  });

  it('is false when the user accepted another version, none, or is unknown', async () => {
    assert.deepEqual(await decide({ terms, users: [user({ termsVersion: '1.0' })] }), goTo('false'));
    assert.deepEqual(await decide({ terms, users: [user(undefined)] }), goTo('false'));
    assert.deepEqual(await decide({ terms, users: [user({ termsVersion: '2.0' })] }, {}), goTo('false'));
  });

  it('runs the same on re-entry with no callbacks', async () => {
    const { action } = await runNode(termsAndConditionsDecisionNode, { services: fakeServices({ terms, users: [user({ termsVersion: '2.0' })] }), shared: { username: 'ann' }, callbacks: [] });
    assert.deepEqual(action, goTo('true'));
  });

  it('reads a malformed acceptance as none, and refuses an empty identityAttribute', async () => {
    assert.deepEqual(await decide({ terms, users: [user('2.0')] }), goTo('false'));
    await assert.rejects(runNode(termsAndConditionsDecisionNode, { config: { identityAttribute: '' } }), /identityAttribute/);
  });
});
