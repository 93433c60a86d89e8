import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { guardedFetch } from '../../net/guarded-fetch.ts';
import { isSmsError } from './sms-errors.ts';
import { resolveSmsSettings } from './sms-settings.ts';
import { sendSmsThroughWebhook } from './sms-webhook-client.ts';
import type { WebhookTestServer } from './testing/webhook-test-server.ts';
import { startWebhookTestServer } from './testing/webhook-test-server.ts';

let server: WebhookTestServer;
before(async () => {
  server = await startWebhookTestServer();
});
after(() => server.close());

const body = { to: '+32470123456', message: 'Your code: 123456', realm: 'alpha' };

async function failureOf(run: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await run;
  } catch (error) {
    if (isSmsError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected an SMS error');
}

describe('sendSmsThroughWebhook', () => {
  it('POSTs the JSON body with the realm headers to the webhook', async () => {
    server.status = 200;
    server.received.length = 0;
    const settings = resolveSmsSettings({ webhookUrl: server.url, headers: { Authorization: 'Bearer t0ken' }, allowLoopbackHttp: true });
    await sendSmsThroughWebhook(settings, body, fetch);
    const [request] = server.received;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.path, '/sms');
    assert.equal(request?.headers['authorization'], 'Bearer t0ken');
    assert.equal(request?.headers['content-type'], 'application/json');
    assert.deepEqual(request?.body, body);
  });

  it('says SMS_WEBHOOK_REJECTED for a non-2xx answer, naming the status but neither the text nor the number', async () => {
    server.status = 503;
    const failure = await failureOf(sendSmsThroughWebhook(resolveSmsSettings({ webhookUrl: server.url, allowLoopbackHttp: true }), body, fetch));
    assert.equal(failure.code, 'SMS_WEBHOOK_REJECTED');
    assert.match(failure.message, /503/);
    assert.ok(!failure.message.includes('123456') && !failure.message.includes('470123'));
  });

  it('follows no redirect (the body holds a code)', async () => {
    server.status = 307;
    server.answerHeaders = { location: 'https://elsewhere.example.com/' };
    server.received.length = 0;
    const failure = await failureOf(sendSmsThroughWebhook(resolveSmsSettings({ webhookUrl: server.url, allowLoopbackHttp: true }), body, fetch));
    server.answerHeaders = {};
    assert.equal(failure.code, 'SMS_WEBHOOK_REJECTED');
    assert.equal(server.received.length, 1);
  });

  it('says SMS_WEBHOOK_TIMEOUT when the webhook does not answer within timeoutMs', async () => {
    server.status = 0;
    const failure = await failureOf(sendSmsThroughWebhook(resolveSmsSettings({ webhookUrl: server.url, timeoutMs: 100, allowLoopbackHttp: true }), body, fetch));
    server.status = 200;
    assert.equal(failure.code, 'SMS_WEBHOOK_TIMEOUT');
  });

  it('says SMS_WEBHOOK_UNREACHABLE when nothing listens', async () => {
    const closed = await startWebhookTestServer();
    await closed.close();
    const failure = await failureOf(sendSmsThroughWebhook(resolveSmsSettings({ webhookUrl: closed.url, allowLoopbackHttp: true }), body, fetch));
    assert.equal(failure.code, 'SMS_WEBHOOK_UNREACHABLE');
    assert.match(failure.message, /could not be reached$/);
  });

  it('says why ARBOR_OUTBOUND_NETWORKS refused the webhook’s address, keeping SMS_WEBHOOK_UNREACHABLE, without sending it', async () => {
    server.received.length = 0;
    const settings = resolveSmsSettings({ webhookUrl: server.url, allowLoopbackHttp: true });
    const failure = await failureOf(sendSmsThroughWebhook(settings, body, guardedFetch('public')));
    assert.equal(failure.code, 'SMS_WEBHOOK_UNREACHABLE');
    assert.match(failure.message, /^The SMS webhook at 127\.0\.0\.1:\d+ was refused: 127\.0\.0\.1 is .*, which ARBOR_OUTBOUND_NETWORKS=public does not allow$/);
    assert.equal(server.received.length, 0);
  });
});
