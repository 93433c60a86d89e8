/**
 * The authenticate endpoint over HTTP (inject, in-memory store): the protocol details clients rely
 * on, and clear 4xx answers for every kind of bad input.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform } from '../../platform/testing/in-memory-platform.ts';

// The root realm's Login has no progressive-profile step, so repeated sign-ins always end in a session.
const ALPHA = '/am/json/realms/root/authenticate';
const LOGIN = `${ALPHA}?authIndexType=service&authIndexValue=Login`;
const JSON_HEADERS = { 'content-type': 'application/json', 'accept-api-version': 'resource=2.1, protocol=1.0' };

interface Step {
  authId: string;
  callbacks: { type: string; input: { name: string; value: unknown }[]; output: unknown[]; _id: number }[];
  header?: string;
}

describe('POST …/authenticate', () => {
  let arbor: TestPlatform;
  const post = (url: string, body?: unknown, headers: Record<string, string> = JSON_HEADERS) =>
    arbor.app.inject({ method: 'POST', url, headers, ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }) });
  const start = async (): Promise<Step> => {
    const response = await post(LOGIN);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<Step>();
  };
  const fill = (step: Step, username: string, password: string): Step => {
    const copy = structuredClone(step);
    copy.callbacks[0]!.input[0]!.value = username;
    copy.callbacks[1]!.input[0]!.value = password;
    return copy;
  };

  before(async () => {
    arbor = await inMemoryPlatform({ ARBOR_BODY_LIMIT: '4096' });
    await arbor.identity.createUser('user', { userName: 'carol', password: 'Secret-Passw0rd', givenName: 'Carol', sn: 'Doe', mail: 'carol@example.com' });
  });
  after(async () => arbor?.close());

  it('starts with an empty body, {} or an empty string, with or without /am', async () => {
    for (const body of [undefined, {}, '']) {
      const response = await post(LOGIN, body);
      assert.equal(response.statusCode, 200);
      const step = response.json<Step>();
      assert.equal(step.header, 'Sign In');
      assert.deepEqual(step.callbacks.map((c) => c.input.map((i) => i.name)), [['IDToken1'], ['IDToken2']]);
      assert.deepEqual(step.callbacks.map((c) => c._id), [0, 1]);
    }
    assert.equal((await post('/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Login')).statusCode, 200);
    assert.equal((await post('/json/authenticate?authIndexType=service&authIndexValue=Login')).statusCode, 200);
    assert.equal((await post(ALPHA)).statusCode, 200, 'no index: the realm default tree');
  });

  it('signs in and sets the session cookie; ignores status/ok and index parameters on continuation', async () => {
    const step = fill(await start(), 'carol', 'Secret-Passw0rd');
    const response = await post(`${ALPHA}?authIndexType=service&authIndexValue=Nonexistent`, { ...step, status: 200, ok: true });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json<{ tokenId: string; successUrl: string; realm: string }>();
    assert.deepEqual(Object.keys(body).sort(), ['realm', 'successUrl', 'tokenId']);
    assert.equal(body.realm, '/');
    assert.match(String(response.headers['set-cookie']), new RegExp(`^iPlanetDirectoryPro=${body.tokenId}; Path=/; HttpOnly; SameSite=Lax$`));
  });

  it('noSession=true answers successUrl and realm only, with no cookie', async () => {
    const first = await post(`${LOGIN}&noSession=true`);
    const response = await post(`${LOGIN}&noSession=true`, fill(first.json<Step>(), 'carol', 'Secret-Passw0rd'));
    assert.equal(response.statusCode, 200);
    assert.deepEqual(Object.keys(response.json()).sort(), ['realm', 'successUrl']);
    assert.equal(response.headers['set-cookie'], undefined);
  });

  it('zero-page login with X-OpenAM-Username / X-OpenAM-Password (also RFC 2047 encoded)', async () => {
    const plain = await post(LOGIN, undefined, { ...JSON_HEADERS, 'x-openam-username': 'carol', 'x-openam-password': 'Secret-Passw0rd' });
    assert.equal(plain.statusCode, 200, plain.body);
    assert.ok(plain.json<{ tokenId?: string }>().tokenId);
    const encoded = `=?UTF-8?B?${Buffer.from('Secret-Passw0rd').toString('base64')}?=`;
    const word = await post(LOGIN, undefined, { ...JSON_HEADERS, 'x-openam-username': 'carol', 'x-openam-password': encoded });
    assert.equal(word.statusCode, 200, word.body);
    const wrong = await post(LOGIN, undefined, { ...JSON_HEADERS, 'x-openam-username': 'carol', 'x-openam-password': 'nope' });
    assert.equal(wrong.statusCode, 401);
  });

  it('a wrong password is 401 Login failure with detail.failureUrl', async () => {
    const response = await post(LOGIN, fill(await start(), 'carol', 'wrong'));
    assert.equal(response.statusCode, 401);
    assert.deepEqual(response.json(), { code: 401, reason: 'Unauthorized', message: 'Login failure', detail: { failureUrl: '' } });
  });

  it('an unknown user gets exactly the same answer as a wrong password', async () => {
    const response = await post(LOGIN, fill(await start(), 'nobody-here', 'wrong'));
    assert.equal(response.statusCode, 401);
    assert.deepEqual(response.json(), { code: 401, reason: 'Unauthorized', message: 'Login failure', detail: { failureUrl: '' } });
  });

  it('malformed JSON is a 400 naming the problem', async () => {
    const response = await post(LOGIN, '{"authId": ');
    assert.equal(response.statusCode, 400);
    assert.equal(response.json<{ reason: string }>().reason, 'Bad Request');
    assert.match(response.json<{ message: string }>().message, /^Malformed JSON body/);
  });

  it('a body that is not an object, or callbacks without authId, is a 400', async () => {
    assert.match((await post(LOGIN, [1, 2])).json<{ message: string }>().message, /must be a JSON object/);
    const noAuthId = await post(LOGIN, { callbacks: [] });
    assert.equal(noAuthId.statusCode, 400);
    assert.match(noAuthId.json<{ message: string }>().message, /authId/);
  });

  it('wrong callback count or types is a 400, and the step can still be answered afterwards', async () => {
    const step = await start();
    const fewer = await post(LOGIN, { ...step, callbacks: step.callbacks.slice(0, 1) });
    assert.equal(fewer.statusCode, 400);
    assert.match(fewer.json<{ message: string }>().message, /expected 2 callbacks \(NameCallback, PasswordCallback\), got 1/);
    const swapped = await post(LOGIN, { ...step, callbacks: [step.callbacks[1], step.callbacks[0]] });
    assert.equal(swapped.statusCode, 400);
    assert.match(swapped.json<{ message: string }>().message, /expected type NameCallback/);
    const badValue = structuredClone(step);
    badValue.callbacks[0]!.input[0]!.value = { not: 'a string' };
    assert.match((await post(LOGIN, badValue)).json<{ message: string }>().message, /input IDToken1 must be a string/);
    assert.equal((await post(LOGIN, fill(step, 'carol', 'Secret-Passw0rd'))).statusCode, 200, 'a client mistake does not cost the journey');
  });

  it('an unknown tree is a 400 naming it; an unsupported authIndexType too', async () => {
    const response = await post(`${ALPHA}?authIndexType=service&authIndexValue=NoSuchTree`);
    assert.equal(response.statusCode, 400);
    assert.equal(response.json<{ message: string }>().message, 'No journey named NoSuchTree in realm /');
    assert.equal((await post(`${ALPHA}?authIndexType=resource&authIndexValue=x`)).statusCode, 400);
  });

  it('an unknown realm is a 404 naming it', async () => {
    const response = await post('/am/json/realms/root/realms/nowhere/authenticate');
    assert.equal(response.statusCode, 404);
    assert.deepEqual(response.json(), { code: 404, reason: 'Not Found', message: 'Realm /nowhere not found' });
  });

  it('an oversized body is a 413 with the limit', async () => {
    const response = await post(LOGIN, { authId: 'x'.repeat(5000) });
    assert.equal(response.statusCode, 413);
    assert.match(response.json<{ message: string }>().message, /larger than the limit of 4096 bytes/);
  });

  it('a tampered authId is refused: 401 with errorCode 110; garbage is a 400', async () => {
    const step = fill(await start(), 'carol', 'Secret-Passw0rd');
    const [header, payload, signature] = step.authId.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, step: 7 })).toString('base64url');
    const tampered = await post(LOGIN, { ...step, authId: `${header}.${forged}.${signature}` });
    assert.equal(tampered.statusCode, 401);
    assert.equal(tampered.json<{ detail: { errorCode: string } }>().detail.errorCode, '110');
    const garbage = await post(LOGIN, { ...step, authId: 'not-a-jws' });
    assert.equal(garbage.statusCode, 400);
    assert.equal(garbage.json<{ message: string }>().message, 'authId is not a valid JWS');
  });

  it('the authId is a readable HS256 JWS with AM claims', async () => {
    const step = await start();
    const [header, payload] = step.authId.split('.');
    assert.deepEqual(JSON.parse(Buffer.from(header!, 'base64url').toString()).alg, 'HS256');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    assert.equal(claims.authIndexType, 'service');
    assert.equal(claims.authIndexValue, 'Login');
    assert.equal(claims.realm, '/');
    assert.equal(typeof claims.sessionId, 'string');
    assert.equal((claims.exp as number) - (claims.iat as number), 300);
  });

  it('an expired step is 401 Session has timed out with errorCode 110', async () => {
    const step = fill(await start(), 'carol', 'Secret-Passw0rd');
    arbor.clock.advance(6 * 60_000);
    const response = await post(LOGIN, step);
    assert.equal(response.statusCode, 401);
    assert.deepEqual(response.json(), { code: 401, reason: 'Unauthorized', message: 'Session has timed out', detail: { errorCode: '110' } });
  });

  it('answers CORS preflights for configured origins only', async () => {
    const preflight = await arbor.app.inject({ method: 'OPTIONS', url: LOGIN, headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    assert.equal(preflight.headers['access-control-allow-origin'], undefined);
  });
});
