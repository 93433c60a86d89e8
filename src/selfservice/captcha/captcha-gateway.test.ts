/** CAPTCHA verification against a local verifier on loopback: the sealed key opened, the form sent, the answers read, failures as values. */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createSecretSealer } from '../../secrets/secret-sealer.ts';
import { createCaptchaGateway } from './captcha-gateway.ts';

interface Received {
  method: string;
  contentType: string;
  form: Record<string, string>;
}

describe('CAPTCHA gateway', () => {
  let server: Server;
  let base: string;
  const received: Received[] = [];
  let respond: (response: ServerResponse, form: Record<string, string>) => void = () => {};
  const pending: ServerResponse[] = [];

  before(async () => {
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const form = Object.fromEntries(new URLSearchParams(body));
        received.push({ method: request.method ?? '', contentType: request.headers['content-type'] ?? '', form });
        respond(response, form);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const response of pending) response.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const json = (status: number, body: unknown) => (response: ServerResponse) => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const sealer = createSecretSealer(randomBytes(32));
  const purpose = 'journey node secret ["alpha","CaptchaNode","n1","secretKey"]';
  const captcha = createCaptchaGateway({ fetch, sealer });
  const request = { secret: { sealed: sealer.seal('shh-secret', purpose), purpose }, response: 'token-123', remoteIp: '203.0.113.7' };

  it('POSTs secret, response and remoteip as a form and reads success and score', async () => {
    received.length = 0;
    respond = (response, form) => json(200, { success: form.secret === 'shh-secret' && form.response === 'token-123', score: 0.9, hostname: 'example.com' })(response);
    assert.deepEqual(await captcha.verify({ verifyUrl: `${base}/recaptcha/api/siteverify`, ...request }), { success: true, score: 0.9 });
    assert.deepEqual(received, [
      { method: 'POST', contentType: 'application/x-www-form-urlencoded', form: { secret: 'shh-secret', response: 'token-123', remoteip: '203.0.113.7' } },
    ]);
  });

  it('sends a key stored in clear before keys were sealed as it is', async () => {
    received.length = 0;
    respond = (response, form) => json(200, { success: form.secret === 'shh-secret' })(response);
    assert.deepEqual(await captcha.verify({ verifyUrl: `${base}/siteverify`, ...request, secret: { sealed: 'shh-secret', purpose } }), { success: true });
    assert.equal(received[0]?.form.secret, 'shh-secret');
  });

  it('fails without asking, and tells why, when the key does not open: another master key, another node, damaged', async () => {
    received.length = 0;
    const told: { verifyUrl: string; reason: string }[] = [];
    const watched = createCaptchaGateway({ fetch, sealer, onFailure: (failure) => told.push(failure) });
    const other = createSecretSealer(randomBytes(32));
    const sealed = request.secret.sealed;
    const damaged = `${sealed.slice(0, -4)}${sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    for (const secret of [{ sealed: other.seal('shh-secret', purpose), purpose }, { sealed, purpose: purpose.replace('n1', 'n2') }, { sealed: damaged, purpose }]) {
      assert.deepEqual(await watched.verify({ verifyUrl: `${base}/siteverify`, ...request, secret }), { success: false });
    }
    assert.equal(received.length, 0, 'the provider is not asked');
    assert.deepEqual(told, [
      { verifyUrl: `${base}/siteverify`, reason: "the node's secret key could not be opened (MASTER_KEY_MISMATCH: it was sealed with another master key; set secretKey again)" },
      { verifyUrl: `${base}/siteverify`, reason: "the node's secret key could not be opened (CIPHERTEXT_INVALID: it is damaged or sealed for another node; set secretKey again)" },
      { verifyUrl: `${base}/siteverify`, reason: "the node's secret key could not be opened (CIPHERTEXT_INVALID: it is damaged or sealed for another node; set secretKey again)" },
    ]);
  });

  it('answers the provider’s refusal, with or without a score (hCaptcha has none)', async () => {
    respond = json(200, { success: false, 'error-codes': ['invalid-input-response'] });
    assert.deepEqual(await captcha.verify({ verifyUrl: `${base}/siteverify`, ...request }), { success: false });
    respond = json(200, { success: true });
    assert.deepEqual(await captcha.verify({ verifyUrl: `${base}/siteverify`, ...request }), { success: true });
  });

  it('fails on errors, unreadable answers and a non-boolean success', async () => {
    for (const answer of [json(500, { success: true }), json(200, { success: 'true' }), json(200, ['success']), (response: ServerResponse) => response.writeHead(200).end('<html>ok</html>')]) {
      respond = answer;
      assert.deepEqual(await captcha.verify({ verifyUrl: `${base}/siteverify`, ...request }), { success: false });
    }
  });

  it('fails without asking when the token is empty or the URL is not http(s)', async () => {
    received.length = 0;
    assert.deepEqual(await captcha.verify({ verifyUrl: `${base}/siteverify`, ...request, response: '' }), { success: false });
    assert.deepEqual(await captcha.verify({ verifyUrl: 'file:///etc/passwd', ...request }), { success: false });
    assert.equal(received.length, 0);
  });

  it('fails on a network error (nothing listening)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    assert.deepEqual(await captcha.verify({ verifyUrl: `http://127.0.0.1:${port}/siteverify`, ...request }), { success: false });
  });

  it('gives up when the provider does not answer in time', async () => {
    const controller = new AbortController();
    let askedFor: number | undefined;
    respond = (response) => {
      pending.push(response);
      controller.abort(new DOMException('timed out', 'TimeoutError'));
    };
    const slow = createCaptchaGateway({ fetch, sealer, timeoutMs: 1234, timeoutSignal: (ms) => ((askedFor = ms), controller.signal) });
    assert.deepEqual(await slow.verify({ verifyUrl: `${base}/siteverify`, ...request }), { success: false });
    assert.equal(askedFor, 1234);
  });

  it('tells why a verification could not be made, with the verify URL without its query, never the secret or the token', async () => {
    const told: { verifyUrl: string; reason: string }[] = [];
    const controller = new AbortController();
    const watched = createCaptchaGateway({ fetch, sealer, timeoutMs: 1234, timeoutSignal: () => controller.signal, onFailure: (failure) => told.push(failure) });
    const verify = (verifyUrl: string) => watched.verify({ verifyUrl, ...request });
    respond = json(200, { success: false, 'error-codes': ['invalid-input-response'] });
    await verify(`${base}/siteverify`);
    await watched.verify({ verifyUrl: `${base}/siteverify`, ...request, response: '' });
    assert.deepEqual(told, [], 'a refused or empty token is no failure to tell');
    respond = json(503, {});
    await verify(`${base}/siteverify?k=v`);
    respond = (response: ServerResponse) => response.writeHead(200).end('<html>ok</html>');
    await verify(`${base}/siteverify`);
    respond = json(200, ['success']);
    await verify(`${base}/siteverify`);
    await verify('ftp://captcha.example/siteverify');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await verify(`http://127.0.0.1:${port}/siteverify`);
    respond = (response) => {
      pending.push(response);
      controller.abort(new DOMException('timed out', 'TimeoutError'));
    };
    await verify(`${base}/slow`);
    assert.deepEqual(told, [
      { verifyUrl: `${base}/siteverify`, reason: 'the provider answered HTTP 503' },
      { verifyUrl: `${base}/siteverify`, reason: "the provider's answer is not JSON" },
      { verifyUrl: `${base}/siteverify`, reason: "the provider's answer is not a JSON object" },
      { verifyUrl: 'ftp://captcha.example/siteverify', reason: 'the verify URL is not an http(s) URL' },
      { verifyUrl: `http://127.0.0.1:${port}/siteverify`, reason: 'the provider could not be reached (ECONNREFUSED)' },
      { verifyUrl: `${base}/slow`, reason: 'the provider did not answer within 1234 ms' },
    ]);
    assert.equal(JSON.stringify(told).includes('shh-secret') || JSON.stringify(told).includes('token-123'), false);
  });
});
