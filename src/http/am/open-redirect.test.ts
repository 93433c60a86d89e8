/**
 * Item 8: no open redirect. Every way a target a browser may follow reaches Arbor is checked the
 * same way (the WHATWG URL parser, against ARBOR_PUBLIC_URL, ARBOR_CORS_ORIGINS and the realm's
 * `validGotoDestinations`): `goto`/`gotoOnFail` (the `successUrl` and `failureUrl` the answers
 * carry), the Success URL node's configuration, and the realm's `externalLoginUrl`, the base of
 * emailed links (checked when written, and again when a link is built).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform } from '../../platform/testing/in-memory-platform.ts';

const PUBLIC = 'https://id.example.com';
const APP = 'https://app.example.com';
const ROOT = '/am/json/realms/root';
const ALPHA = `${ROOT}/realms/alpha`;
const ADMIN = { 'x-openidm-username': 'amadmin', 'x-openidm-password': 'Admin-Passw0rd!' };

/** Targets that browsers (or a client decoding once more) would follow off-site, or run as script. */
const BYPASSES = [
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r/evil.example',
  '\t//evil.example',
  '\\\\evil.example',
  '/\\evil.example',
  '\\/evil.example',
  '//evil.example',
  '///evil.example',
  '//evil.example/%2F..',
  'https:evil.example',
  'https:/evil.example',
  'https:\\\\evil.example',
  'javascript:alert(document.domain)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '/%09/evil.example',
  '/%0a/evil.example',
  '%2F%2Fevil.example',
  '/%2F/evil.example',
  '/%5Cevil.example',
  '/%5C%5Cevil.example',
  '%09//evil.example',
  '/%252F%252Fevil.example',
  'https://id.example.com@evil.example',
  'https://id.example.com:443@evil.example/',
  'https://id.example.com%40evil.example',
  'https://evil.example\\@id.example.com',
  'https://evil.example#@id.example.com',
  'https://user:pass@id.example.com/',
  'https://id.example.com.evil.example/',
  'http://id.example.com/',
  'https://evil.example/?https://id.example.com',
  '/\u3000/evil.example',
  '/\u2028/evil.example',
  '/\u202e/evil.example',
  'evil.example',
  './/evil.example',
  '?next=//evil.example',
  'https://partner.example.org/elsewhere',
];

/** Targets that stay allowed, and what the answers carry for them. */
const ALLOWED: [string, string][] = [
  ['/enduser/?realm=/alpha#profile', '/enduser/?realm=/alpha#profile'],
  ['/a/../b?x=1', '/b?x=1'],
  [`${PUBLIC}/enduser/`, `${PUBLIC}/enduser/`],
  [`${APP}/callback?state=1`, `${APP}/callback?state=1`],
  ['https://App.Example.com:443/cb', `${APP}/cb`],
  ['https://partner.example.org/return/done', 'https://partner.example.org/return/done'],
];

describe('goto, gotoOnFail, Success URL and externalLoginUrl never lead off-site', () => {
  let arbor: TestPlatform;
  let client = 0;
  /** Each request from its own client address, so that the failures below are never throttled. */
  const post = (url: string, headers: Record<string, string> = {}) => arbor.app.inject({ method: 'POST', url, headers, remoteAddress: `10.0.${Math.floor(++client / 250)}.${client % 250}` });
  const admin = (method: 'GET' | 'PUT', url: string, body?: unknown) =>
    arbor.app.inject({ method, url, headers: { ...ADMIN, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });

  before(async () => {
    arbor = await inMemoryPlatform({ ARBOR_PUBLIC_URL: PUBLIC, ARBOR_CORS_ORIGINS: APP });
    await arbor.identity.createUser('user', { userName: 'carol', password: 'Secret-Passw0rd', givenName: 'Carol', sn: 'Doe', mail: 'carol@example.com' });
    const allowList = await admin('PUT', `${ALPHA}/realm-config/services/validation`, { validGotoDestinations: ['https://partner.example.org/return/*'] });
    assert.equal(allowList.statusCode, 200, allowList.body);
    const rootList = await admin('PUT', `${ROOT}/realm-config/services/validation`, { validGotoDestinations: ['https://partner.example.org/return/*'] });
    assert.equal(rootList.statusCode, 200, rootList.body);
    arbor.clock.advance(6_000); // past the realm cache (5 s)
  });
  after(async () => arbor?.close());

  const signIn = (goto: string) => post(`${ROOT}/authenticate?authIndexType=service&authIndexValue=Login&goto=${encodeURIComponent(goto)}`, { 'x-openam-username': 'carol', 'x-openam-password': 'Secret-Passw0rd' });
  const failSignIn = (gotoOnFail: string) => post(`${ROOT}/authenticate?authIndexType=service&authIndexValue=Login&gotoOnFail=${encodeURIComponent(gotoOnFail)}`, { 'x-openam-username': 'nobody', 'x-openam-password': 'wrong' });

  it('answers the realm default successUrl and an empty failureUrl for every bypass', async () => {
    for (const target of BYPASSES) {
      const success = await signIn(target);
      assert.equal(success.statusCode, 200, `${JSON.stringify(target)}: ${success.body}`);
      assert.equal(success.json<{ successUrl: string }>().successUrl, '/enduser/?realm=/', `goto ${JSON.stringify(target)}`);
      const failure = await failSignIn(target);
      assert.equal(failure.statusCode, 401, failure.body);
      assert.equal(failure.json<{ detail: { failureUrl: string } }>().detail.failureUrl, '', `gotoOnFail ${JSON.stringify(target)}`);
    }
  });

  it('keeps own paths, the public origin, the CORS origins and the realm allow-list, normalized', async () => {
    for (const [target, expected] of ALLOWED) {
      assert.equal((await signIn(target)).json<{ successUrl: string }>().successUrl, expected, target);
      assert.equal((await failSignIn(target)).json<{ detail: { failureUrl: string } }>().detail.failureUrl, expected, target);
    }
  });

  it("checks a Success URL node's target as it checks goto", async () => {
    const node = 'c0ffee00-0000-4000-8000-000000000001';
    for (const [successUrl, expected] of [
      ['//evil.example', '/enduser/?realm=/alpha'],
      ['javascript:alert(1)', '/enduser/?realm=/alpha'],
      ['/\t/evil.example', '/enduser/?realm=/alpha'],
      ['https://partner.example.org/return/ok', 'https://partner.example.org/return/ok'],
      ['/welcome', '/welcome'],
    ]) {
      await arbor.store.journeys.put('alpha', {
        tree: { _id: 'GoSomewhere', entryNodeId: node, nodes: { [node]: { nodeType: 'SetSuccessUrlNode', displayName: 'Success URL', connections: { outcome: '70e691a5-1e33-4ac3-a356-e7b6d60d92e0' } } }, staticNodes: {}, enabled: true },
        nodes: { [node]: { _id: node, _type: { _id: 'SetSuccessUrlNode', name: 'Success URL', collection: true }, successUrl } },
      });
      const response = await post(`${ALPHA}/authenticate?authIndexType=service&authIndexValue=GoSomewhere&noSession=true`);
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json<{ successUrl: string }>().successUrl, expected, successUrl);
    }
  });

  it('refuses an allow-list entry that is not an absolute http(s) URL, naming it', async () => {
    for (const entry of ['//evil.example', 'javascript:alert(1)', 'https://*.example.org/', 'https://user@partner.example.org/', 'https://partner.example.org/\t', '*', 'https://partner.example.org/a*b']) {
      const response = await admin('PUT', `${ALPHA}/realm-config/services/validation`, { validGotoDestinations: [entry] });
      assert.equal(response.statusCode, 400, `${JSON.stringify(entry)}: ${response.body}`);
      assert.match(response.json<{ message: string }>().message, /validGotoDestinations\[0\]/);
    }
    const read = await admin('GET', `${ALPHA}/realm-config/services/validation`);
    assert.deepEqual(read.json<{ validGotoDestinations: string[] }>().validGotoDestinations, ['https://partner.example.org/return/*']);
  });

  it('refuses an externalLoginUrl off the allowed origins, or not absolute, when it is written', async () => {
    for (const url of ['https://evil.example/login', '/login', '//evil.example/', 'javascript:alert(1)', 'https://id.example.com@evil.example/', 'https://id.example.com/\t/x', 'http://id.example.com/login', 'https://id.example.com/login#x']) {
      const response = await admin('PUT', `${ALPHA}/realm-config/authentication`, { general: { externalLoginPageUrl: url } });
      assert.equal(response.statusCode, 400, `${JSON.stringify(url)}: ${response.body}`);
      assert.match(response.json<{ message: string }>().message, /externalLoginPageUrl/);
    }
    const allowed = await admin('PUT', `${ALPHA}/realm-config/authentication`, { general: { externalLoginPageUrl: `${APP}/resume` } });
    assert.equal(allowed.statusCode, 200, allowed.body);
    assert.equal(allowed.json<{ general: { externalLoginPageUrl: string } }>().general.externalLoginPageUrl, `${APP}/resume`);
    assert.equal((await arbor.store.realms.get('alpha'))?.externalLoginUrl, `${APP}/resume`);
  });

  it('emails no link built on an externalLoginUrl written around the check (SQL), and says nothing about why', async () => {
    await arbor.identity.createUser('alpha_user', { userName: 'dave', password: 'Secret-Passw0rd', givenName: 'Dave', sn: 'Doe', mail: 'dave@example.com' });
    const realm = await arbor.store.realms.get('alpha');
    assert.ok(realm !== undefined);
    await arbor.store.realms.put({ ...realm, externalLoginUrl: 'https://evil.example/steal' });
    arbor.clock.advance(6_000); // past the realm cache
    const before = (await arbor.store.outbox.list({ limit: 1000 })).length;
    const start = await post(`${ALPHA}/authenticate?authIndexType=service&authIndexValue=ResetPassword`);
    const step = start.json<{ authId: string; callbacks: { input: { value: unknown }[] }[] }>();
    const first = step.callbacks[0]?.input[0];
    assert.ok(first !== undefined);
    first.value = 'dave@example.com';
    const answer = await arbor.app.inject({ method: 'POST', url: `${ALPHA}/authenticate`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(step) });
    assert.equal(answer.statusCode, 500, answer.body);
    assert.deepEqual(answer.json(), { code: 500, reason: 'Internal Server Error', message: 'Internal Server Error' });
    assert.equal((await arbor.store.outbox.list({ limit: 1000 })).length, before);
    await arbor.store.realms.put(realm);
    arbor.clock.advance(6_000);
  });
});
