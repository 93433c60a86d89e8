import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultRealmConfig } from '../../config/realm-config.ts';
import type { RealmConfig } from '../../config/realm-config.ts';
import type { WebhookTestServer } from '../../mfa/sms/testing/webhook-test-server.ts';
import { startWebhookTestServer } from '../../mfa/sms/testing/webhook-test-server.ts';
import { createSmsGateway } from './sms-gateway-adapter.ts';
import type { SmsLogEntry } from './sms-gateway-adapter.ts';

let server: WebhookTestServer;
before(async () => {
  server = await startWebhookTestServer();
});
after(() => server.close());

function gateway(realms: Record<string, RealmConfig>, lines: SmsLogEntry[]) {
  return createSmsGateway({ realms: { get: async (name) => realms[name] }, fetch, log: (entry) => lines.push(entry) });
}

describe('createSmsGateway', () => {
  it("sends through the webhook of the request's realm, named by its AM path", async () => {
    const lines: SmsLogEntry[] = [];
    server.received.length = 0;
    server.status = 200;
    const root = { ...defaultRealmConfig('root'), sms: { webhookUrl: server.url, allowLoopbackHttp: true } };
    const result = await gateway({ root }, lines).send({ realm: '/', to: '+32470123456', message: 'Code 998877' });
    assert.deepEqual(result, { sent: true });
    assert.deepEqual(server.received[0]?.body, { to: '+32470123456', message: 'Code 998877', realm: 'root' });
    assert.equal(lines[0]?.host, new URL(server.url).host);
  });

  it('answers sent: false with the stable code (never throws) when the realm is not set up or the webhook fails', async () => {
    const lines: SmsLogEntry[] = [];
    const alpha = defaultRealmConfig('alpha');
    assert.deepEqual(await gateway({ alpha }, lines).send({ realm: '/alpha', to: '+32470123456', message: 'Code 998877' }), { sent: false, code: 'SMS_NOT_CONFIGURED' });
    server.status = 429;
    const busy = { ...alpha, sms: { webhookUrl: server.url, allowLoopbackHttp: true } };
    assert.deepEqual(await gateway({ alpha: busy }, lines).send({ realm: '/alpha', to: '+32470123456', message: 'Code 998877' }), { sent: false, code: 'SMS_WEBHOOK_REJECTED' });
    server.status = 200;
    assert.deepEqual(lines.map((line) => line.level), ['warn', 'warn']);
    assert.ok(!JSON.stringify(lines).includes('998877') && !JSON.stringify(lines).includes('3247012'));
  });
});
