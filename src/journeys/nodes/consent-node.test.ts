import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import { CONSENT_CONFIG_ID } from '../../selfservice/consent/consent-config.ts';
import { goTo } from '../engine/actions.ts';
import { runNode, sentCallbacks, submit } from '../engine/node-testing.ts';
import { consentMappingCallback } from '../engine/self-service-callbacks.ts';
import { renderCallbacks } from '../engine/submission.ts';
import { consentNode } from './consent-node.ts';
import { createObjectNode } from './create-object-node.ts';

const MESSAGE = 'You consent to your data being shared with external services.';
const crm = { name: 'managedUser_crm', displayName: 'CRM', icon: 'crm.svg', accessLevel: 'Actual Profile', message: MESSAGE, fields: ['mail', 'sn'] };
const test = { name: 'managedUser_managedUser', displayName: 'Test Mapping', icon: '', accessLevel: 'Actual Profile', message: '', fields: [] };
const now = Date.UTC(2025, 2, 3, 4, 5, 6);
/** The `consent` document: the two mappings that ask for consent, and one that does not. */
const consent = {
  enabled: true,
  mappings: [
    { ...crm, message: { en: MESSAGE, fr: 'Vous consentez au partage de vos données.' }, consentRequired: true },
    { name: 'managedUser_ldap', displayName: 'LDAP', fields: ['mail'], consentRequired: false },
    { ...test, message: {}, consentRequired: true },
  ],
};
const services = async (document: unknown = consent) => (await nodeTestServices({ configs: { [CONSENT_CONFIG_ID]: document }, now })).services;
const offered = (isRequired = false, message = (m: typeof crm) => m.message || 'Privacy & Consent.') =>
  [crm, test].map((mapping) => consentMappingCallback({ ...mapping, isRequired, message: message(mapping) }));

describe('ConsentNode', () => {
  it('sends one ConsentMappingCallback per mapping, as AM shapes it', async () => {
    const { action } = await runNode(consentNode, { services: await services() });
    const sent = sentCallbacks(action);
    assert.deepEqual(sent, offered());
    assert.deepEqual(renderCallbacks(sent)[1], {
      type: 'ConsentMappingCallback',
      output: [
        { name: 'name', value: 'managedUser_managedUser' },
        { name: 'displayName', value: 'Test Mapping' },
        { name: 'icon', value: '' },
        { name: 'accessLevel', value: 'Actual Profile' },
        { name: 'isRequired', value: false },
        { name: 'message', value: 'Privacy & Consent.' },
        { name: 'fields', value: [] },
      ],
      input: [{ name: 'IDToken2', value: false }],
      _id: 1,
    });
  });

  it("shows each mapping's message in the request's best locale", async () => {
    const { action } = await runNode(consentNode, { services: await services(), request: { locales: ['fr-BE', 'en'] } });
    assert.deepEqual(sentCallbacks(action), offered(false, (m) => (m === crm ? 'Vous consentez au partage de vos données.' : 'Privacy & Consent.')));
  });

  it('writes the accepted mappings with a UTC consent date (outcome)', async () => {
    const { action, state } = await runNode(consentNode, { services: await services(), callbacks: submit(offered(), [false, true]) });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(state.shared, { objectAttributes: { consentedMappings: [{ mapping: 'managedUser_managedUser', consentDate: '2025-03-03T04:05:06.000Z' }] } });
  });

  it('leaves the consent for Create Object, which records it on the new user', async () => {
    const t = await nodeTestServices({ configs: { [CONSENT_CONFIG_ID]: consent }, now });
    const profile = { userName: 'ann', givenName: 'Ann', sn: 'Lee', mail: 'ann@example.com' };
    const consented = await runNode(consentNode, { services: t.services, callbacks: submit(offered(), [true, false]), shared: { objectAttributes: profile } });
    const created = await runNode(createObjectNode, { config: { identityResource: 'managed/alpha_user' }, services: t.services, shared: consented.state.shared });
    assert.deepEqual(created.action, goTo('CREATED'));
    const stored = await t.stored(String(created.state.shared['_id']));
    assert.deepEqual(stored?.data['consentedMappings'], [{ mapping: 'managedUser_crm', consentDate: '2025-03-03T04:05:06.000Z' }]);
  });

  it('goes on writing nothing when none is accepted or no mapping asks for consent', async () => {
    const declined = await runNode(consentNode, { services: await services(), callbacks: submit(offered(), [false, false]) });
    assert.deepEqual(declined.action, goTo('outcome'));
    assert.deepEqual(declined.state.shared, {});
    for (const real of [(await nodeTestServices()).services, await services({ ...consent, enabled: false }), await services({ mappings: [consent.mappings[1]] })]) {
      const none = await runNode(consentNode, { services: real });
      assert.deepEqual(none.action, goTo('outcome'), 'no consent document, consent disabled, or no mapping requiring consent');
      assert.deepEqual(none.state.shared, {});
    }
  });

  it('with allRequired, marks every mapping required and asks again until all are accepted', async () => {
    const config = { allRequired: true, message: { en: 'Share?', fr: 'Partager ?' } };
    const sent = sentCallbacks((await runNode(consentNode, { config, services: await services(), request: { locales: ['fr'] } })).action);
    assert.deepEqual(sent, offered(true, () => 'Partager ?'));
    const partial = await runNode(consentNode, { config, services: await services(), callbacks: submit(offered(true, () => 'Share?'), [true, false]) });
    assert.deepEqual(sentCallbacks(partial.action), [consentMappingCallback({ ...crm, isRequired: true, message: 'Share?', consented: true }), consentMappingCallback({ ...test, isRequired: true, message: 'Share?' })]);
    const all = await runNode(consentNode, { config, services: await services(), callbacks: submit(offered(true), [true, true]) });
    assert.deepEqual(all.action, goTo('outcome'));
  });

  it('asks again on re-entry without values, for non-boolean answers or answers that do not cover the mappings offered', async () => {
    for (const callbacks of [[], submit(offered(), [true, 'yes']), submit(offered().slice(0, 1), [true]), submit([...offered(), consentMappingCallback({ ...crm, name: 'other', isRequired: false })], [true, true, true])]) {
      const { action, state } = await runNode(consentNode, { services: await services(), callbacks });
      assert.equal(sentCallbacks(action).length, 2);
      assert.deepEqual(state.shared, {});
    }
    await assert.rejects(runNode(consentNode, { config: { allRequired: 'yes' } }), /allRequired/);
  });
});
