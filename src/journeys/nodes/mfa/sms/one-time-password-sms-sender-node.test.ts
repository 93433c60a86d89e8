import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSmsGateway } from '../../../../platform/mfa/sms-gateway-adapter.ts';
import type { SmsLogEntry } from '../../../../platform/mfa/sms-gateway-adapter.ts';
import { nodeTestServices } from '../../../../platform/testing/node-test-services.ts';
import type { WebhookTestServer } from '../../../../mfa/sms/testing/webhook-test-server.ts';
import { startWebhookTestServer } from '../../../../mfa/sms/testing/webhook-test-server.ts';
import { fail, goTo } from '../../../engine/actions.ts';
import { createCapabilityRegistry } from '../../../engine/capabilities.ts';
import type { NodeServices } from '../../../engine/node-context.ts';
import { runNode } from '../../../engine/node-testing.ts';
import { parseNodeConfig } from '../../../engine/parse-node-config.ts';
import { oneTimePasswordSmsSenderNode } from './one-time-password-sms-sender-node.ts';
import { SMS_GATEWAY } from './sms-gateway.ts';

const CODE = '40213377';
const PHONE = '+32 470 12 34 56';
const withCode = { oneTimePassword: CODE, oneTimePasswordTimestamp: 1_735_732_800 };
/** AM's export of the node: its SMTP keys are kept and not used. */
const AM_CONFIG = {
  fromEmailAddress: 'admin@example.com',
  hostName: 'mail.example.com',
  hostPort: 25,
  username: 'admin@example.com',
  password: null,
  sslOption: 'SSL',
  smsGatewayImplementationClass: 'com.sun.identity.authentication.modules.hotp.DefaultSMSGatewayImpl',
  mobilePhoneAttributeName: 'telephoneNumber',
  mobileCarrierAttributeName: null,
  smsSubject: { en: 'Your code' },
  smsContent: { en: 'Your sign-in code is {{OTP}}. It works once.', fr: 'Votre code est {{OTP}}.' },
};

let server: WebhookTestServer;
before(async () => {
  server = await startWebhookTestServer();
});
after(() => server.close());

async function setUp(sms: Record<string, unknown> = { webhookUrl: server.url, allowLoopbackHttp: true }) {
  const t = await nodeTestServices({
    users: [
      { _id: 'u1', attributes: { userName: 'ann', telephoneNumber: PHONE, mobile: '+44 7700 900123' } },
      { _id: 'u2', attributes: { userName: 'cy' } },
    ],
  });
  const alpha = await t.store.realms.get('alpha');
  assert.ok(alpha);
  await t.store.realms.put({ ...alpha, sms });
  const lines: SmsLogEntry[] = [];
  const registry = createCapabilityRegistry();
  registry.register(SMS_GATEWAY, createSmsGateway({ realms: t.store.realms, fetch, log: (entry) => lines.push(entry) }));
  const services: NodeServices = { ...t.services, capabilities: registry.seal() };
  server.received.length = 0;
  server.status = 200;
  return { services, lines };
}

describe('OneTimePasswordSmsSenderNode', () => {
  it("texts the code to the user's telephoneNumber through the realm's webhook, then leaves by outcome", async () => {
    const { services } = await setUp();
    const { action } = await runNode(oneTimePasswordSmsSenderNode, { services, config: AM_CONFIG, shared: { username: 'ann' }, transient: withCode });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(server.received.map((request) => request.body), [{ to: PHONE, message: `Your sign-in code is ${CODE}. It works once.`, realm: 'alpha', subject: 'Your code' }]);
  });

  it("uses the user's language, AM's default text with the code appended, and mobilePhoneAttributeName", async () => {
    const { services } = await setUp();
    await runNode(oneTimePasswordSmsSenderNode, { services, config: AM_CONFIG, shared: { _id: 'u1' }, transient: withCode, request: { locales: ['fr-BE'] } });
    await runNode(oneTimePasswordSmsSenderNode, { services, config: { mobilePhoneAttributeName: 'mobile' }, shared: { _id: 'u1' }, transient: withCode });
    assert.deepEqual(
      server.received.map((request) => request.body),
      [
        { to: PHONE, message: `Votre code est ${CODE}.`, realm: 'alpha', subject: 'Your code' },
        { to: '+44 7700 900123', message: `Your One Time Password: ${CODE}`, realm: 'alpha', subject: 'One Time Password' },
      ],
    );
  });

  it('ends the journey when the webhook fails, as AM does when its gateway fails', async () => {
    const { services } = await setUp();
    server.status = 500;
    const { action } = await runNode(oneTimePasswordSmsSenderNode, { services, config: AM_CONFIG, shared: { _id: 'u1' }, transient: withCode });
    assert.deepEqual(action, fail());
    assert.equal(server.received.length, 1);
  });

  it('ends the journey when the realm has no webhook, or only a plain-http one', async () => {
    const none = await setUp({});
    assert.deepEqual((await runNode(oneTimePasswordSmsSenderNode, { services: none.services, shared: { _id: 'u1' }, transient: withCode })).action, fail());
    const plain = await setUp({ webhookUrl: server.url });
    assert.deepEqual((await runNode(oneTimePasswordSmsSenderNode, { services: plain.services, shared: { _id: 'u1' }, transient: withCode })).action, fail());
    assert.equal(server.received.length, 0);
  });

  it('ends the journey without a code, without a user, or without a phone number, sending nothing', async () => {
    const { services } = await setUp();
    assert.deepEqual((await runNode(oneTimePasswordSmsSenderNode, { services, shared: { _id: 'u1' } })).action, fail());
    assert.deepEqual((await runNode(oneTimePasswordSmsSenderNode, { services, shared: { username: 'nobody' }, transient: withCode })).action, fail());
    assert.deepEqual((await runNode(oneTimePasswordSmsSenderNode, { services, shared: { _id: 'u2' }, transient: withCode })).action, fail());
    assert.equal(server.received.length, 0);
  });

  it('never logs the code or the full number, whether the message went or not', async () => {
    const { services, lines } = await setUp();
    await runNode(oneTimePasswordSmsSenderNode, { services, config: AM_CONFIG, shared: { _id: 'u1' }, transient: withCode });
    server.status = 502;
    await runNode(oneTimePasswordSmsSenderNode, { services, config: AM_CONFIG, shared: { _id: 'u1' }, transient: withCode });
    assert.equal(lines.length, 2);
    assert.deepEqual(lines.map((line) => [line.level, line.code, line.to]), [['info', undefined, '*********56'], ['warn', 'SMS_WEBHOOK_REJECTED', '*********56']]);
    const logged = JSON.stringify(lines);
    assert.ok(!logged.includes(CODE) && !logged.includes('470') && !logged.includes('12 34'));
  });

  it("imports AM's export unchanged, keeping its SMTP keys", () => {
    const parsed = parseNodeConfig(oneTimePasswordSmsSenderNode, AM_CONFIG);
    assert.ok(parsed.ok);
    assert.equal(parsed.config.hostName, 'mail.example.com');
    assert.equal(parsed.config.smsGatewayImplementationClass, AM_CONFIG.smsGatewayImplementationClass);
  });
});
