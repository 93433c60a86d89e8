import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import type { NodeAction, SuspendAction } from '../engine/actions.ts';
import { fakeServices, runNode } from '../engine/node-testing.ts';
import { DEFAULT_SUSPEND_MESSAGE, emailSuspendNode } from './email-suspend-node.ts';

const LINK = 'https://id.example.com/am/XUI/?realm=/alpha&authIndexType=service&authIndexValue=ResetPassword&suspendedId=abc';
const ann = { _id: 'u1', attributes: { userName: 'ann', mail: 'ann@example.com', givenName: 'Ann' }, password: 'secret' };
const reset = { emailTemplateName: 'resetPassword', objectLookup: true, identityAttribute: 'mail' };

function suspended(action: NodeAction): SuspendAction {
  if (action.kind !== 'suspend') throw new Error(`expected a suspend action, got ${JSON.stringify(action)}`);
  return action;
}

describe('EmailSuspendNode', () => {
  it('suspends and, on delivery, emails the collected attributes with the resume link (registration)', async () => {
    const fakes = fakeServices();
    const { action } = await runNode(emailSuspendNode, {
      services: fakes,
      shared: { objectAttributes: { userName: 'ann', mail: ' ann@example.com ', preferences: { updates: true } } },
      transient: { objectAttributes: { password: 'Secret12' } },
      request: { locales: ['fr', 'en'] },
    });
    const suspend = suspended(action);
    assert.equal(suspend.message, DEFAULT_SUSPEND_MESSAGE);
    assert.equal(suspend.durationMinutes, undefined);
    assert.deepEqual(fakes.emails, [], 'nothing is sent before the runner has the link');
    await suspend.deliver(LINK);
    assert.deepEqual(fakes.emails, [
      { template: 'registration', to: 'ann@example.com', object: { userName: 'ann', mail: ' ann@example.com ', preferences: { updates: true }, resumeURI: LINK }, locales: ['fr', 'en'] },
    ]);
  });

  it('looks the user up with objectLookup, localizes the message and passes the duration', async () => {
    const fakes = fakeServices({ users: [ann] });
    const config = { ...reset, suspendDuration: 15, emailSuspendMessage: { en: 'Check your mail', fr: 'Vérifiez vos emails' } };
    const { action } = await runNode(emailSuspendNode, { config, services: fakes, shared: { objectAttributes: { mail: 'ANN@example.com' } }, request: { locales: ['fr'] } });
    const suspend = suspended(action);
    assert.equal(suspend.message, 'Vérifiez vos emails');
    assert.equal(suspend.durationMinutes, 15);
    await suspend.deliver(LINK);
    assert.deepEqual(fakes.emails, [{ template: 'resetPassword', to: 'ann@example.com', object: { ...ann.attributes, _id: 'u1', resumeURI: LINK }, locales: ['fr'] }]);
    assert.equal(JSON.stringify(fakes.emails).includes('secret'), false);
  });

  it('suspends with the same message but sends nothing without a user or an address (no enumeration)', async () => {
    const cases = [
      { config: reset, shared: { objectAttributes: { mail: 'nobody@example.com' } } },
      { config: reset, shared: {} },
      { config: {}, shared: {} },
      { config: {}, shared: { objectAttributes: { userName: 'ann', mail: '  ' } } },
      { config: { ...reset, emailAttribute: 'telephoneNumber' }, shared: { objectAttributes: { mail: 'ann@example.com' } } },
    ];
    for (const { config, shared } of cases) {
      const fakes = fakeServices({ users: [ann] });
      const suspend = suspended((await runNode(emailSuspendNode, { config, services: fakes, shared })).action);
      assert.equal(suspend.message, DEFAULT_SUSPEND_MESSAGE);
      await suspend.deliver(LINK);
      assert.deepEqual(fakes.emails, [], JSON.stringify({ config, shared }));
    }
  });

  it('goes to outcome when the journey is resumed through the link, sending nothing', async () => {
    const fakes = fakeServices({ users: [ann] });
    const { action } = await runNode(emailSuspendNode, { config: reset, services: fakes, shared: { objectAttributes: { mail: 'ann@example.com' } }, resumedFromSuspend: true, callbacks: [] });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(fakes.calls, []);
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
