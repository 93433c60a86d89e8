import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import type { NodeTestOptions, NodeTestServices, SeedUser } from '../../platform/testing/node-test-services.ts';
import { goTo } from '../engine/actions.ts';
import type { NodeAction, SuspendAction } from '../engine/actions.ts';
import { runNode } from '../engine/node-testing.ts';
import { DEFAULT_SUSPEND_MESSAGE, emailSuspendNode } from './email-suspend-node.ts';

const LINK = 'https://id.example.com/am/XUI/?realm=/alpha&authIndexType=service&authIndexValue=ResetPassword&suspendedId=abc';
const ann: SeedUser = { _id: 'u1', attributes: { userName: 'ann', mail: 'ann@example.com', givenName: 'Ann' }, password: 'Secret-Passw0rd' };
const reset = { emailTemplateName: 'resetPassword', objectLookup: true, identityAttribute: 'mail' };

/** A plain-text template showing what a template can see of the object it is given. */
function revealing(name: string): Record<string, unknown> {
  const body = 'id={{object._id}} user={{object.userName}} name={{object.givenName}} updates={{object.preferences.updates}} password={{object.password}} link={{object.resumeURI}}';
  return { [`emailTemplate/${name}`]: { enabled: true, from: '', subject: { en: 'Hello' }, message: { en: body }, defaultLocale: 'en', mimeType: 'text/plain' } };
}

function suspended(action: NodeAction): SuspendAction {
  if (action.kind !== 'suspend') throw new Error(`expected a suspend action, got ${JSON.stringify(action)}`);
  return action;
}

async function outbox(t: NodeTestServices) {
  return (await t.outbox()).map(({ template, locale, message }) => ({ template, locale, to: message.to, subject: message.subject, text: message.text }));
}

describe('EmailSuspendNode', () => {
  it('suspends and, on delivery, emails the registration template with the resume link to the collected address', async () => {
    const t = await nodeTestServices();
    const { action } = await runNode(emailSuspendNode, {
      services: t.services,
      shared: { objectAttributes: { userName: 'ann', mail: ' ann@example.com ', preferences: { updates: true } } },
      transient: { objectAttributes: { password: 'Secret12' } },
      request: { locales: ['fr', 'en'] },
    });
    const suspend = suspended(action);
    assert.equal(suspend.message, DEFAULT_SUSPEND_MESSAGE);
    assert.equal(suspend.durationMinutes, undefined);
    await suspend.deliver(LINK);
    const [mail, ...others] = await outbox(t);
    assert.deepEqual(others, []);
    assert.deepEqual([mail?.template, mail?.locale, mail?.to, mail?.subject], ['registration', 'fr', ['ann@example.com'], 'Confirmez votre adresse e-mail']);
    assert.ok(mail?.text.includes(`(${LINK})`), mail?.text);
  });

  it('sends nothing before the runner has the link, and gives the template the collected attributes but never the password', async () => {
    const t = await nodeTestServices({ configs: revealing('registration') });
    const { action } = await runNode(emailSuspendNode, {
      services: t.services,
      shared: { objectAttributes: { userName: 'ann', mail: 'ann@example.com', preferences: { updates: true } } },
      transient: { objectAttributes: { password: 'Secret12' } },
    });
    const suspend = suspended(action);
    assert.deepEqual(await t.outbox(), [], 'nothing is sent before the runner has the link');
    await suspend.deliver(LINK);
    assert.deepEqual((await outbox(t)).map((mail) => mail.text), [`id= user=ann name= updates=true password= link=${LINK}`]);
  });

  it('looks the user up with objectLookup, localizes the message and passes the duration', async () => {
    const t = await nodeTestServices({ users: [ann] });
    const config = { ...reset, suspendDuration: 15, emailSuspendMessage: { en: 'Check your mail', fr: 'Vérifiez vos emails' } };
    const { action } = await runNode(emailSuspendNode, { config, services: t.services, shared: { objectAttributes: { mail: 'ANN@example.com' } }, request: { locales: ['fr'] } });
    const suspend = suspended(action);
    assert.equal(suspend.message, 'Vérifiez vos emails');
    assert.equal(suspend.durationMinutes, 15);
    await suspend.deliver(LINK);
    const [mail, ...others] = await outbox(t);
    assert.deepEqual(others, []);
    assert.deepEqual([mail?.template, mail?.locale, mail?.to, mail?.subject], ['resetPassword', 'fr', ['ann@example.com'], 'Réinitialisez votre mot de passe'], 'sent to the stored address');
    assert.ok(mail?.text.includes(`(${LINK})`), mail?.text);
  });

  it('gives the template the stored user with its id, never its password hash', async () => {
    const t = await nodeTestServices({ users: [ann], configs: revealing('resetPassword') });
    const suspend = suspended((await runNode(emailSuspendNode, { config: reset, services: t.services, shared: { objectAttributes: { mail: 'ann@example.com' } } })).action);
    await suspend.deliver(LINK);
    assert.deepEqual((await outbox(t)).map((mail) => mail.text), [`id=u1 user=ann name=Ann updates= password= link=${LINK}`]);
  });

  it('suspends with the same message but delivers nothing without a user or an address (no enumeration)', async () => {
    const cases: { config: Record<string, unknown>; shared: Record<string, unknown>; options?: NodeTestOptions }[] = [
      { config: reset, shared: { objectAttributes: { mail: 'nobody@example.com' } } },
      { config: reset, shared: {} },
      { config: {}, shared: {} },
      { config: {}, shared: { objectAttributes: { userName: 'ann', mail: '  ' } } },
      { config: { ...reset, emailAttribute: 'telephoneNumber' }, shared: { objectAttributes: { mail: 'ann@example.com' } } },
      { config: {}, shared: { objectAttributes: { userName: 'ann', mail: 'not an address' } } },
      { config: reset, shared: { objectAttributes: { mail: 'ann@example.com' } }, options: { withoutConfigs: ['emailTemplate/resetPassword'] } },
    ];
    for (const { config, shared, options } of cases) {
      const t = await nodeTestServices({ users: [ann], ...options });
      const suspend = suspended((await runNode(emailSuspendNode, { config, services: t.services, shared })).action);
      assert.equal(suspend.message, DEFAULT_SUSPEND_MESSAGE);
      await suspend.deliver(LINK);
      assert.deepEqual((await t.outbox()).filter((message) => message.status !== 'withheld'), [], JSON.stringify({ config, shared, options }));
    }
  });

  it('renders the same template for an address without an account and writes it withheld (never delivered), as much work as for an account', async () => {
    const t = await nodeTestServices({ users: [ann] });
    for (const mail of ['ann@example.com', 'nobody@example.com']) {
      const suspend = suspended((await runNode(emailSuspendNode, { config: reset, services: t.services, shared: { objectAttributes: { mail } } })).action);
      await suspend.deliver(LINK);
    }
    const outbox = await t.outbox();
    const known = outbox.find((message) => message.message.to[0] === 'ann@example.com');
    const unknown = outbox.find((message) => message.message.to[0] === 'nobody@example.com');
    assert.deepEqual([outbox.length, known?.status, unknown?.status], [2, 'stored', 'withheld']);
    assert.deepEqual([known?.template, unknown?.template, unknown?.message.to], ['resetPassword', 'resetPassword', ['nobody@example.com']]);
    assert.equal(known?.message.subject, unknown?.message.subject, 'the same template, rendered');
  });

  it('goes to outcome when the journey is resumed through the link, sending nothing', async () => {
    const t = await nodeTestServices({ users: [ann] });
    const { action } = await runNode(emailSuspendNode, { config: reset, services: t.services, shared: { objectAttributes: { mail: 'ann@example.com' } }, resumedFromSuspend: true, callbacks: [] });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(t.callNames(), []);
    assert.deepEqual(await t.outbox(), []);
  });

  it('suspends again on re-entry without values (not resumed), and refuses a bad duration', async () => {
    const { action } = await runNode(emailSuspendNode, { callbacks: [] });
    assert.equal(suspended(action).message, DEFAULT_SUSPEND_MESSAGE);
    await assert.rejects(runNode(emailSuspendNode, { config: { suspendDuration: 0 } }), /suspendDuration/);
    const empty = await runNode(emailSuspendNode, { config: { suspendDuration: null, emailSuspendMessage: {} } });
    assert.equal(suspended(empty.action).durationMinutes, undefined);
    assert.equal(suspended(empty.action).message, DEFAULT_SUSPEND_MESSAGE);
  });
});
