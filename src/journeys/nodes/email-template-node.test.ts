import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import type { NodeTestOptions, NodeTestServices, SeedUser } from '../../platform/testing/node-test-services.ts';
import { defaultEmailTemplates } from '../../selfservice/email/default-email-templates.ts';
import { goTo } from '../engine/actions.ts';
import { runNode } from '../engine/node-testing.ts';
import { emailTemplateNode } from './email-template-node.ts';

const ann: SeedUser = { _id: 'u1', attributes: { userName: 'ann', mail: 'ann@example.com', givenName: 'Ann' }, password: 'Secret-Passw0rd' };

function services(options: NodeTestOptions = {}): Promise<NodeTestServices> {
  return nodeTestServices({ users: [ann], ...options });
}

async function outbox(t: NodeTestServices) {
  return (await t.outbox()).map(({ template, locale, message }) => ({ template, locale, to: message.to, subject: message.subject, text: message.text }));
}

describe('EmailTemplateNode', () => {
  it('queues the template for the user, rendered with the user as object in the request locale (EMAIL_SENT)', async () => {
    const t = await services();
    const { action } = await runNode(emailTemplateNode, { services: t.services, shared: { username: 'ann' }, request: { locales: ['nl'] } });
    assert.deepEqual(action, goTo('EMAIL_SENT'));
    const [mail, ...others] = await outbox(t);
    assert.deepEqual(others, []);
    assert.deepEqual([mail?.template, mail?.locale, mail?.to, mail?.subject], ['welcome', 'nl', ['ann@example.com'], 'Welkom, uw account is klaar']);
    assert.match(mail?.text ?? '', /Welkom, Ann!/);
    assert.match(mail?.text ?? '', /Uw gebruikersnaam is ann\b/);
  });

  it('sends nothing without a user or an address (EMAIL_NOT_SENT)', async () => {
    const t = await services();
    assert.deepEqual((await runNode(emailTemplateNode, { services: t.services, shared: { username: 'bob' } })).action, goTo('EMAIL_NOT_SENT'));
    assert.deepEqual((await runNode(emailTemplateNode, { services: t.services, shared: {} })).action, goTo('EMAIL_NOT_SENT'));
    assert.deepEqual((await runNode(emailTemplateNode, { config: { emailAttribute: 'telephoneNumber' }, services: t.services, shared: { username: 'ann' } })).action, goTo('EMAIL_NOT_SENT'));
    assert.deepEqual(await t.outbox(), []);
  });

  it('reports a disabled or missing template, or an unusable address, as not sent (EMAIL_NOT_SENT)', async () => {
    const disabled = await services({ configs: { 'emailTemplate/welcome': { ...defaultEmailTemplates().welcome, enabled: false } } });
    assert.deepEqual((await runNode(emailTemplateNode, { services: disabled.services, shared: { username: 'ann' } })).action, goTo('EMAIL_NOT_SENT'));
    const missing = await services({ withoutConfigs: ['emailTemplate/welcome'] });
    assert.deepEqual((await runNode(emailTemplateNode, { services: missing.services, shared: { username: 'ann' } })).action, goTo('EMAIL_NOT_SENT'));
    const malformed = await services({ users: [{ ...ann, attributes: { ...ann.attributes, mail: 'not an address' } }] });
    assert.deepEqual((await runNode(emailTemplateNode, { services: malformed.services, shared: { username: 'ann' } })).action, goTo('EMAIL_NOT_SENT'));
    for (const t of [disabled, missing, malformed]) assert.deepEqual(await t.outbox(), []);
  });

  it('sends again on re-entry with no callbacks (it asks for nothing), the configured template to the user found by identityAttribute', async () => {
    const t = await services({ configs: { 'emailTemplate/frOnboarding': { ...defaultEmailTemplates().welcome, subject: { en: 'Onboarding' } } } });
    const { action } = await runNode(emailTemplateNode, { config: { emailTemplateName: 'frOnboarding', identityAttribute: 'mail' }, services: t.services, shared: { objectAttributes: { mail: 'ANN@example.com' } }, callbacks: [] });
    assert.deepEqual(action, goTo('EMAIL_SENT'));
    assert.deepEqual((await outbox(t)).map((mail) => [mail.template, mail.to, mail.subject]), [['frOnboarding', ['ann@example.com'], 'Onboarding']]);
  });

  it('refuses an empty template name', async () => {
    await assert.rejects(runNode(emailTemplateNode, { config: { emailTemplateName: '' } }), /emailTemplateName/);
  });
});
