import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import { fakeServices, runNode, sentCallbacks, submit } from '../engine/node-testing.ts';
import { consentMappingCallback } from '../engine/self-service-callbacks.ts';
import { renderCallbacks } from '../engine/submission.ts';
import { consentNode } from './consent-node.ts';

const MESSAGE = 'You consent to your data being shared with external services.';
const crm = { name: 'managedUser_crm', displayName: 'CRM', icon: 'crm.svg', accessLevel: 'Actual Profile', message: MESSAGE, fields: ['mail', 'sn'] };
const test = { name: 'managedUser_managedUser', displayName: 'Test Mapping', icon: '', accessLevel: 'Actual Profile', message: '', fields: [] };
const now = Date.UTC(2025, 2, 3, 4, 5, 6);
const services = () => fakeServices({ consentMappings: [crm, test], now });
const offered = (isRequired = false, message = (m: typeof crm) => m.message || 'Privacy & Consent.') =>
  [crm, test].map((mapping) => consentMappingCallback({ ...mapping, isRequired, message: message(mapping) }));

describe('ConsentNode', () => {
  it('sends one ConsentMappingCallback per mapping, as AM shapes it', async () => {
    const { action } = await runNode(consentNode, { services: services() });
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

  it('writes the accepted mappings with a UTC consent date (outcome)', async () => {
    const { action, state } = await runNode(consentNode, { services: services(), callbacks: submit(offered(), [false, true]) });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(state.shared, { objectAttributes: { consentedMappings: [{ mapping: 'managedUser_managedUser', consentDate: '2025-03-03T04:05:06.000Z' }] } });
  });

  it('goes on writing nothing when none is accepted or no mapping asks for consent', async () => {
    const declined = await runNode(consentNode, { services: services(), callbacks: submit(offered(), [false, false]) });
    assert.deepEqual(declined.action, goTo('outcome'));
    assert.deepEqual(declined.state.shared, {});
    const none = await runNode(consentNode, { services: fakeServices() });
    assert.deepEqual(none.action, goTo('outcome'));
  });

  it('with allRequired, marks every mapping required and asks again until all are accepted', async () => {
    const config = { allRequired: true, message: { en: 'Share?', fr: 'Partager ?' } };
    const sent = sentCallbacks((await runNode(consentNode, { config, services: services(), request: { locales: ['fr'] } })).action);
    assert.deepEqual(sent, offered(true, () => 'Partager ?'));
    const partial = await runNode(consentNode, { config, services: services(), callbacks: submit(offered(true, () => 'Share?'), [true, false]) });
    assert.deepEqual(sentCallbacks(partial.action), [consentMappingCallback({ ...crm, isRequired: true, message: 'Share?', consented: true }), consentMappingCallback({ ...test, isRequired: true, message: 'Share?' })]);
    const all = await runNode(consentNode, { config, services: services(), callbacks: submit(offered(true), [true, true]) });
    assert.deepEqual(all.action, goTo('outcome'));
  });

  it('asks again on re-entry without values, for non-boolean answers or answers that do not cover the mappings offered', async () => {
    for (const callbacks of [[], submit(offered(), [true, 'yes']), submit(offered().slice(0, 1), [true]), submit([...offered(), consentMappingCallback({ ...crm, name: 'other', isRequired: false })], [true, true, true])]) {
      const { action, state } = await runNode(consentNode, { services: services(), callbacks });
      assert.equal(sentCallbacks(action).length, 2);
      assert.deepEqual(state.shared, {});
    }
    await assert.rejects(runNode(consentNode, { config: { allRequired: 'yes' } }), /allRequired/);
  });
});
