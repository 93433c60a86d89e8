import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import type { NodeTestOptions, SeedUser } from '../../platform/testing/node-test-services.ts';
import { TERMS_CONFIG_ID } from '../../selfservice/terms/terms-config.ts';
import { goTo } from '../engine/actions.ts';
import { runNode } from '../engine/node-testing.ts';
import { termsAndConditionsDecisionNode } from './terms-and-conditions-decision-node.ts';

/** Terms with an older published version and the active one, 2.0. */
const terms = {
  versions: [
    { version: '1.0', termsTranslations: { en: 'Be kind.' }, createDate: '2024-01-01T00:00:00.000Z' },
    { version: '2.0', termsTranslations: { en: 'Be nice.', fr: 'Soyez sympa.' }, createDate: '2025-01-01T00:00:00.000Z' },
  ],
  active: '2.0',
};
const withTerms = { configs: { [TERMS_CONFIG_ID]: terms } };
const user = (termsAccepted: unknown): SeedUser => ({ _id: 'u1', attributes: { userName: 'ann' }, meta: termsAccepted === undefined ? {} : { termsAccepted } });

async function decide(options: NodeTestOptions, shared: Record<string, unknown> = { username: 'ann' }) {
  const t = await nodeTestServices(options);
  return (await runNode(termsAndConditionsDecisionNode, { services: t.services, shared })).action;
}

describe('TermsAndConditionsDecisionNode', () => {
  it('is true when the user accepted the active version, or when no terms are active', async () => {
    assert.deepEqual(await decide({ ...withTerms, users: [user({ acceptDate: '2025-02-01T00:00:00Z', termsVersion: '2.0' })] }), goTo('true'));
    assert.deepEqual(await decide({ withoutConfigs: [TERMS_CONFIG_ID], users: [user(undefined)] }), goTo('true'));
    assert.deepEqual(await decide({ configs: { [TERMS_CONFIG_ID]: { ...terms, active: '' } }, users: [user(undefined)] }), goTo('true'), 'versions but none active');
    assert.deepEqual(await decide({ withoutConfigs: [TERMS_CONFIG_ID] }, {}), goTo('true'));
  });

  it('is false when the user accepted another version, none, or is unknown', async () => {
    assert.deepEqual(await decide({ ...withTerms, users: [user({ termsVersion: '1.0' })] }), goTo('false'));
    assert.deepEqual(await decide({ ...withTerms, users: [user(undefined)] }), goTo('false'));
    assert.deepEqual(await decide({ ...withTerms, users: [user({ termsVersion: '2.0' })] }, {}), goTo('false'));
  });

  it('asks users who accepted the default terms (0.0) again once the administrator activates new ones', async () => {
    const accepted = [user({ acceptDate: '2025-02-01T00:00:00Z', termsVersion: '0.0' })];
    assert.deepEqual(await decide({ users: accepted }), goTo('true'), 'the default terms are active');
    assert.deepEqual(await decide({ ...withTerms, users: accepted }), goTo('false'));
  });

  it('runs the same on re-entry with no callbacks', async () => {
    const t = await nodeTestServices({ ...withTerms, users: [user({ termsVersion: '2.0' })] });
    const { action } = await runNode(termsAndConditionsDecisionNode, { services: t.services, shared: { username: 'ann' }, callbacks: [] });
    assert.deepEqual(action, goTo('true'));
  });

  it('reads a malformed acceptance as none, and refuses an empty identityAttribute', async () => {
    assert.deepEqual(await decide({ ...withTerms, users: [user('2.0')] }), goTo('false'));
    await assert.rejects(runNode(termsAndConditionsDecisionNode, { config: { identityAttribute: '' } }), /identityAttribute/);
  });
});
