import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../../platform/testing/node-test-services.ts';
import type { NodeTestOptions, NodeTestServices } from '../../../platform/testing/node-test-services.ts';
import { createSecretSealer } from '../../../secrets/secret-sealer.ts';
import { fail, goTo } from '../../engine/actions.ts';
import { runNode } from '../../engine/node-testing.ts';
import type { RunNodeOptions } from '../../engine/node-testing.ts';
import { builtinNodes, createNodeRegistry } from '../registry.ts';
import { sealSecretConfig, withoutSecretConfig } from '../../trees/secret-config.ts';
import { buildJourney, S } from '../../trees/testing/build-journey.ts';
import { NOBODY_ADDRESS, oneTimePasswordSmtpSenderNode } from './one-time-password-smtp-sender-node.ts';

const CODE = '40213377';
const withCode = { oneTimePassword: CODE, oneTimePasswordTimestamp: 1_735_732_800 };
/** The sample tree's node config (AM's export of Google-DynamicAccountCreation). */
const SAMPLE = {
  emailAttribute: 'mail',
  emailContent: { en: "Here is your One Time Password: '{{OTP}}'.</p><p>If you did not request this, please contact support." },
  emailSubject: { en: 'Your One Time Password' },
  fromEmailAddress: 'admin@example.com',
  hostName: 'mail.example.com',
  hostPort: 25,
  smsGatewayImplementationClass: 'com.sun.identity.authentication.modules.hotp.DefaultSMSGatewayImpl',
  sslOption: 'SSL',
  username: 'admin@example.com',
};
const ann = { _id: 'u1', attributes: { userName: 'ann', mail: 'ann@example.com', givenName: 'Ann' } };
const noMail = { _id: 'u2', attributes: { userName: 'cy' } };

async function services(options: NodeTestOptions = {}): Promise<NodeTestServices> {
  return nodeTestServices({ users: [ann, noMail], ...options });
}

async function sendCode(t: NodeTestServices, options: RunNodeOptions = {}) {
  return runNode(oneTimePasswordSmtpSenderNode, { services: t.services, config: SAMPLE, ...options, transient: { ...withCode, ...options.transient } });
}

async function outbox(t: NodeTestServices) {
  return (await t.outbox()).map(({ status, message }) => ({ status, from: message.from, to: message.to, subject: message.subject, text: message.text, html: message.html }));
}

describe('OneTimePasswordSmtpSenderNode', () => {
  it("mails the code to shared.emailAddress (a legacy social node's) with the node's subject, body and sender, through the outbox", async () => {
    const t = await services();
    const { action, state } = await sendCode(t, { shared: { emailAddress: 'bo@example.org' } });
    assert.deepEqual(action, goTo('outcome'));
    const [mail, ...others] = await outbox(t);
    assert.deepEqual(others, []);
    assert.deepEqual(
      { status: mail?.status, from: mail?.from, to: mail?.to, subject: mail?.subject, html: mail?.html },
      {
        status: 'stored',
        from: 'admin@example.com',
        to: ['bo@example.org'],
        subject: 'Your One Time Password',
        html: "Here is your One Time Password: '40213377'.</p><p>If you did not request this, please contact support.",
      },
    );
    assert.match(String(mail?.text), /Here is your One Time Password: '40213377'\./);
    assert.deepEqual(state.shared, { emailAddress: 'bo@example.org' });
    assert.equal(state.transient.oneTimePassword, CODE, 'the collector still has the code');
  });

  it('keeps the code out of the store in clear: the outbox body is sealed', async () => {
    const t = await services();
    await sendCode(t, { shared: { emailAddress: 'bo@example.org' } });
    const [raw] = await t.store.outbox.list({ limit: 10 });
    assert.ok(raw !== undefined);
    assert.ok(!JSON.stringify(raw).includes(CODE), 'no code in the stored row');
  });

  it("AM's defaults: subject \"One Time Password\", the code appended to a body without {{OTP}}, sent as text from the realm's sender", async () => {
    const t = await services();
    await runNode(oneTimePasswordSmtpSenderNode, { services: t.services, shared: { emailAddress: 'bo@example.org' }, transient: withCode });
    const [mail] = await outbox(t);
    assert.deepEqual(
      { from: mail?.from, subject: mail?.subject, text: mail?.text, html: mail?.html },
      { from: 'noreply@example.com', subject: 'One Time Password', text: `Your One Time Password: ${CODE}`, html: undefined },
    );
  });

  it('writes in the best locale of the request', async () => {
    const t = await services();
    const config = { ...SAMPLE, emailSubject: { en: 'Your code', fr: 'Votre code' }, emailContent: { en: 'Code: {{OTP}}', fr: 'Code : {{OTP}} ({{OTP}})' } };
    await sendCode(t, { config, shared: { emailAddress: 'bo@example.org' }, request: { locales: ['fr-BE', 'en'] } });
    const [mail] = await outbox(t);
    assert.deepEqual([mail?.subject, mail?.text], ['Votre code', `Code : ${CODE} (${CODE})`]);
  });

  it('finds the address in objectAttributes, else on the identified user (by _id, else user name) and keeps it in shared.emailAddress', async () => {
    const t = await services();
    await sendCode(t, { shared: { objectAttributes: { mail: 'new@example.org' } } });
    t.clock.advance(1000); // the outbox lists by time
    const byId = await sendCode(t, { shared: { _id: 'u1' } });
    assert.deepEqual(byId.state.shared, { _id: 'u1', emailAddress: 'ann@example.com' });
    t.clock.advance(1000);
    const byName = await sendCode(t, { shared: { username: 'ann' } });
    assert.equal(byName.state.shared.emailAddress, 'ann@example.com');
    assert.deepEqual((await outbox(t)).map((mail) => [mail.status, mail.to]), [
      ['stored', ['new@example.org']],
      ['stored', ['ann@example.com']],
      ['stored', ['ann@example.com']],
    ]);
  });

  it('for no account, or an account without an address, answers and works as for an account: the mail is written withheld', async () => {
    const known = await services();
    const sent = await sendCode(known, { shared: { username: 'ann' } });
    const unknown = await services();
    const withheld = await sendCode(unknown, { shared: { username: 'nobody@example.org' } });
    const bare = await services();
    const noAddress = await sendCode(bare, { shared: { username: 'cy' } });
    assert.deepEqual([withheld.action, noAddress.action], [sent.action, sent.action]);
    assert.deepEqual(unknown.callNames(), known.callNames(), 'the same service calls');
    assert.deepEqual(bare.callNames(), known.callNames());
    assert.deepEqual((await outbox(unknown)).map((mail) => [mail.status, mail.to]), [['withheld', ['nobody@example.org']]]);
    assert.deepEqual((await outbox(bare)).map((mail) => [mail.status, mail.to]), [['withheld', [NOBODY_ADDRESS]]]);
    assert.equal(withheld.state.shared.emailAddress, undefined);
  });

  it('ends the journey in failure without a code to send (a tree without a HOTP Generator first)', async () => {
    const t = await services();
    const { action } = await runNode(oneTimePasswordSmtpSenderNode, { services: t.services, config: SAMPLE, shared: { emailAddress: 'bo@example.org' } });
    assert.deepEqual(action, fail());
    assert.deepEqual(await t.outbox(), []);
  });

  it("accepts AM's mail server keys and seals its password at rest, never exporting it", () => {
    const registry = createNodeRegistry(builtinNodes);
    const journey = buildJourney('Otp', 'n1', { n1: { type: 'OneTimePasswordSmtpSenderNode', config: { ...SAMPLE, password: 'Sm7p-Secret' }, connections: { outcome: S } } });
    const sealed = sealSecretConfig(journey, { registry, realm: 'alpha', sealer: createSecretSealer(randomBytes(32)), stored: undefined });
    assert.ok(!JSON.stringify(sealed).includes('Sm7p-Secret'));
    assert.equal(sealed.nodes.n1?.hostName, 'mail.example.com', 'the other keys are kept as they are');
    assert.equal(Object.hasOwn(withoutSecretConfig(sealed, registry).nodes.n1 ?? {}, 'password'), false);
  });
});
