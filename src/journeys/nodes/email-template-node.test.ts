import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import { fakeServices, runNode } from '../engine/node-testing.ts';
import { emailTemplateNode } from './email-template-node.ts';

const ann = { _id: 'u1', attributes: { userName: 'ann', mail: 'ann@example.com', givenName: 'Ann' } };

describe('EmailTemplateNode', () => {
  it('queues the template for the user with the user as object (EMAIL_SENT)', async () => {
    const fakes = fakeServices({ users: [ann] });
    const { action } = await runNode(emailTemplateNode, { services: fakes, shared: { username: 'ann' }, request: { locales: ['nl'] } });
    assert.deepEqual(action, goTo('EMAIL_SENT'));
    assert.deepEqual(fakes.emails, [{ template: 'welcome', to: 'ann@example.com', object: { ...ann.attributes, _id: 'u1' }, locales: ['nl'] }]);
  });

  it('sends nothing without a user or an address, and reports a disabled template (EMAIL_NOT_SENT)', async () => {
    const none = fakeServices({ users: [ann] });
    assert.deepEqual((await runNode(emailTemplateNode, { services: none, shared: { username: 'bob' } })).action, goTo('EMAIL_NOT_SENT'));
    assert.deepEqual((await runNode(emailTemplateNode, { services: none, shared: {} })).action, goTo('EMAIL_NOT_SENT'));
    assert.deepEqual((await runNode(emailTemplateNode, { config: { emailAttribute: 'telephoneNumber' }, services: none, shared: { username: 'ann' } })).action, goTo('EMAIL_NOT_SENT'));
    assert.deepEqual(none.emails, []);
    const disabled = fakeServices({ users: [ann], disabledTemplates: ['welcome'] });
    assert.deepEqual((await runNode(emailTemplateNode, { services: disabled, shared: { username: 'ann' } })).action, goTo('EMAIL_NOT_SENT'));
  });

  it('sends again on re-entry with no callbacks (it asks for nothing)', async () => {
    const fakes = fakeServices({ users: [ann] });
    const { action } = await runNode(emailTemplateNode, { config: { emailTemplateName: 'frOnboarding', identityAttribute: 'mail' }, services: fakes, shared: { objectAttributes: { mail: 'ann@example.com' } }, callbacks: [] });
    assert.deepEqual(action, goTo('EMAIL_SENT'));
    assert.equal(fakes.emails[0]?.template, 'frOnboarding');
  });

  it('refuses an empty template name', async () => {
    await assert.rejects(runNode(emailTemplateNode, { config: { emailTemplateName: '' } }), /emailTemplateName/);
  });
});
