/**
 * What journey nodes learn of a request's headers, through `POST …/authenticate` on a whole Arbor:
 * a client sends every credential and session header it can (cookies, `Authorization`, the
 * zero-page and IDM password headers, the session header) and a forged `X-Forwarded-For`; the
 * request facts the journey engine hands to every node carry only the allowed headers
 * (`ARBOR_NODE_HEADERS`), `X-Forwarded-For` only behind a trusted proxy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RequestFacts } from '../journeys/engine/node-context.ts';
import type { TestPlatform } from '../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform } from '../platform/testing/in-memory-platform.ts';

const ROOT = '/am/json/realms/root/authenticate';
const LOGIN = `${ROOT}?authIndexType=service&authIndexValue=Login`;

/** Every header a hostile or careless client might send along. */
const SENT = {
  'content-type': 'application/json',
  cookie: 'iPlanetDirectoryPro=stolen-session; other=1',
  authorization: 'Bearer secret-bearer',
  'proxy-authorization': 'Basic c2VjcmV0',
  'x-openam-username': 'amadmin',
  'x-openam-password': 'Zero-Page-Passw0rd',
  'x-openidm-username': 'amadmin',
  'x-openidm-password': 'Idm-Passw0rd',
  'x-openidm-reauth-password': 'Reauth-Passw0rd',
  iplanetdirectorypro: 'session-in-a-header',
  'x-forwarded-for': '203.0.113.7',
  'x-brand': 'yellow',
  'x-api-key': 'k',
  'user-agent': 'ScanBrowser/1.0',
  'accept-language': 'fr-BE, fr;q=0.8',
};

/** Arbor with `env`, and the request facts of every journey call it makes. */
async function spiedPlatform(env: Record<string, string> = {}): Promise<{ arbor: TestPlatform; seen: RequestFacts[] }> {
  const arbor = await inMemoryPlatform(env);
  const seen: RequestFacts[] = [];
  const { journeys } = arbor;
  const start = journeys.start.bind(journeys);
  const next = journeys.continue.bind(journeys);
  const resume = journeys.resume.bind(journeys);
  journeys.start = (input) => (seen.push(input.request), start(input));
  journeys.continue = (input) => (seen.push(input.request), next(input));
  journeys.resume = (input) => (seen.push(input.request), resume(input));
  return { arbor, seen };
}

interface Step {
  authId: string;
  callbacks: { type: string; input: { name: string; value: unknown }[] }[];
}

describe('request headers journey nodes see', () => {
  describe('with the default settings', () => {
    let arbor: TestPlatform;
    let seen: RequestFacts[];
    before(async () => ({ arbor, seen } = await spiedPlatform()));
    after(async () => arbor?.close());

    it('start (a zero-page login), continue and resume: only accept-language and user-agent; locales still read', async () => {
      const zeroPage = await arbor.app.inject({ method: 'POST', url: LOGIN, headers: SENT, payload: '{}' });
      assert.equal(zeroPage.statusCode, 401, 'the zero-page credentials were used (and are wrong)');
      const { 'x-openam-username': _user, 'x-openam-password': _password, ...withoutZeroPage } = SENT;
      const first = await arbor.app.inject({ method: 'POST', url: LOGIN, headers: withoutZeroPage, payload: '{}' });
      const step = first.json<Step>();
      const filled = { ...step, callbacks: step.callbacks.map((callback, index) => ({ ...callback, input: [{ name: `IDToken${index + 1}`, value: index === 0 ? 'amadmin' : 'Admin-Passw0rd!' }] })) };
      const signedIn = await arbor.app.inject({ method: 'POST', url: ROOT, headers: SENT, payload: JSON.stringify(filled) });
      assert.equal(signedIn.statusCode, 200, signedIn.body);
      const resumed = await arbor.app.inject({ method: 'POST', url: `${LOGIN}&suspendedId=unknown`, headers: SENT, payload: '{}' });
      assert.equal(resumed.statusCode, 401);

      assert.ok(seen.length >= 4, `every journey call was seen (${seen.length})`);
      for (const facts of seen) {
        assert.deepEqual(facts.headers, { 'accept-language': 'fr-BE, fr;q=0.8', 'user-agent': 'ScanBrowser/1.0' });
        assert.deepEqual(facts.locales, ['fr-BE', 'fr']);
        assert.doesNotMatch(JSON.stringify(facts), /stolen-session|secret-bearer|c2VjcmV0|Passw0rd|session-in-a-header|203\.0\.113\.7/);
        // Cookies are read one by name, never the session cookie (whatever the case of the name).
        assert.equal(facts.cookie?.('other'), '1');
        assert.equal(facts.cookie?.('iPlanetDirectoryPro'), undefined);
        assert.equal(facts.cookie?.('iplanetdirectorypro'), undefined);
      }
    });
  });

  describe('behind a trusted proxy, with headers an operator added', () => {
    let arbor: TestPlatform;
    let seen: RequestFacts[];
    before(async () => ({ arbor, seen } = await spiedPlatform({ ARBOR_TRUST_PROXY: 'true', ARBOR_NODE_HEADERS: 'X-Brand, x-forwarded-for' })));
    after(async () => arbor?.close());

    it('gives nodes exactly the listed headers, X-Forwarded-For included', async () => {
      const response = await arbor.app.inject({ method: 'POST', url: LOGIN, headers: SENT, payload: '{}' });
      assert.equal(response.statusCode, 401);
      assert.ok(seen.length > 0);
      for (const facts of seen) {
        assert.deepEqual(facts.headers, { 'x-brand': 'yellow', 'x-forwarded-for': '203.0.113.7' });
        assert.deepEqual(facts.locales, ['fr-BE', 'fr'], 'locales come from Accept-Language even when nodes do not see it');
      }
    });
  });

  describe('without a trusted proxy', () => {
    let arbor: TestPlatform;
    let seen: RequestFacts[];
    before(async () => ({ arbor, seen } = await spiedPlatform({ ARBOR_NODE_HEADERS: 'x-forwarded-for,forwarded,x-brand' })));
    after(async () => arbor?.close());

    it('never passes forwarding headers a client can forge, even when listed', async () => {
      await arbor.app.inject({ method: 'POST', url: LOGIN, headers: { ...SENT, forwarded: 'for=203.0.113.7' }, payload: '{}' });
      assert.ok(seen.length > 0);
      for (const facts of seen) assert.deepEqual(facts.headers, { 'x-brand': 'yellow' });
    });
  });
});
