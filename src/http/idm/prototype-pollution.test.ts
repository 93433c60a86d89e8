/**
 * Prototype pollution through the IDM REST API: `__proto__`, `constructor` and `prototype` in a
 * PATCH `field` or `from`, in `_fields`, `_sortKeys` and `_queryFilter`, or as a key of a JSON
 * body, are refused with a 400 CREST error; nothing reaches `Object.prototype`, and the server
 * goes on answering sign-ins and reads normally. `toString`/`valueOf`, which every object
 * inherits, are fields like any other: absent, never a 500.
 */
import assert from 'node:assert/strict';
import { afterEach, before, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { acceptActiveTerms } from '../testing/accept-active-terms.ts';
import { ADMIN_PASSWORD, call, onEveryDatabase, sessionCookie, signIn } from './testing/idm-test-platform.ts';

const USERS = '/openidm/managed/alpha_user';
const ADMIN = { 'x-openidm-username': 'amadmin', 'x-openidm-password': ADMIN_PASSWORD };
const person = (userName: string) => ({ userName, givenName: 'Polly', sn: 'Proto', mail: `${userName}@example.com`, password: 'Secret-Passw0rd' });
const SIGN_IN = '/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Login';

/** Inherited properties the attacks aim at, read from a fresh object. */
function pollution(): Record<string, unknown> {
  const probe: Record<string, unknown> = {};
  return { polluted: probe.polluted, successUrl: probe.successUrl, hasOwnProperty: typeof Object.prototype.hasOwnProperty };
}
const CLEAN = { polluted: undefined, successUrl: undefined, hasOwnProperty: 'function' };

onEveryDatabase('Prototype pollution over IDM REST', (platform) => {
  let arbor: TestPlatform;
  let pollyId: string;
  let polly: Record<string, string>;

  before(async () => {
    arbor = platform();
    const created = await call(arbor, 'POST', `${USERS}?_action=create`, ADMIN, person('polly'));
    assert.equal(created.statusCode, 201, created.body);
    pollyId = created.json<{ _id: string }>()._id;
    await acceptActiveTerms(arbor, 'alpha_user', 'polly');
    polly = sessionCookie(await signIn(arbor, 'alpha', 'polly', 'Secret-Passw0rd'));
  });

  // Undo whatever an attack on unfixed code did, so that one failure does not break the others.
  afterEach(() => {
    const prototype: Record<string, unknown> = Object.prototype as Record<string, unknown>;
    for (const name of ['polluted', 'successUrl']) delete prototype[name];
  });

  /** The server still signs users in and reads objects as before. */
  async function assertServerHealthy(): Promise<void> {
    assert.deepEqual(pollution(), CLEAN);
    const signedIn = await arbor.app.inject({ method: 'POST', url: SIGN_IN, headers: { 'x-openam-username': 'polly', 'x-openam-password': 'Secret-Passw0rd' } });
    assert.equal(signedIn.statusCode, 200, signedIn.body);
    // A session with the realm's own success URL, or (every third sign-in) the profile step.
    const { tokenId, authId, successUrl } = signedIn.json<{ tokenId?: unknown; authId?: unknown; successUrl?: unknown }>();
    assert.ok(typeof tokenId === 'string' || typeof authId === 'string', signedIn.body);
    assert.ok(successUrl === undefined || !String(successUrl).includes('evil'), signedIn.body);
    const started = await arbor.app.inject({ method: 'POST', url: SIGN_IN });
    assert.equal(started.statusCode, 200, started.body);
    assert.equal(typeof started.json<{ authId?: unknown }>().authId, 'string');
    const read = await call(arbor, 'GET', `${USERS}/${pollyId}`, polly);
    assert.equal(read.statusCode, 200, read.body);
    assert.equal(read.json<{ userName?: unknown }>().userName, 'polly');
  }

  function assertRefused(response: { statusCode: number; body: string }, pattern: RegExp): void {
    assert.equal(response.statusCode, 400, response.body);
    const body = JSON.parse(response.body) as { code?: unknown; reason?: unknown; message?: unknown };
    assert.equal(body.code, 400);
    assert.equal(body.reason, 'Bad Request');
    assert.match(String(body.message), pattern);
  }

  it("refuses an end user's PATCH whose field goes through __proto__, constructor or prototype", async () => {
    const attacks = [
      [{ operation: 'add', field: '/__proto__/successUrl', value: 'https://evil.example/' }],
      [{ operation: 'replace', field: '__proto__/polluted', value: 'yes' }],
      [{ operation: 'add', field: '/constructor/prototype/polluted', value: 'yes' }],
      [{ operation: 'replace', field: '/description/__proto__/polluted', value: 'yes' }],
      [{ operation: 'remove', field: '/__proto__/hasOwnProperty' }],
      [{ operation: 'increment', field: '/__proto__/polluted', value: 1 }],
      [{ operation: 'add', field: '/preferences/prototype', value: { polluted: 'yes' } }],
    ];
    for (const operations of attacks) {
      const response = await call(arbor, 'PATCH', `${USERS}/${pollyId}`, polly, operations);
      assertRefused(response, /__proto__|constructor|prototype/);
      assert.deepEqual(pollution(), CLEAN, JSON.stringify(operations));
    }
    await assertServerHealthy();
  });

  it('refuses copy and move from __proto__ (which would delete Object.prototype.hasOwnProperty)', async () => {
    const attacks = [
      [{ operation: 'move', from: '/__proto__/hasOwnProperty', field: '/description' }],
      [{ operation: 'copy', from: '/__proto__', field: '/description' }],
      [{ operation: 'copy', from: '/constructor', field: '/description' }],
    ];
    for (const operations of attacks) {
      assertRefused(await call(arbor, 'PATCH', `${USERS}/${pollyId}`, polly, operations), /__proto__|constructor/);
      assertRefused(await call(arbor, 'PATCH', `${USERS}/${pollyId}`, ADMIN, operations), /__proto__|constructor/);
    }
    await assertServerHealthy();
  });

  it('refuses the same operations in a patch by query', async () => {
    const filter = encodeURIComponent('userName eq "polly"');
    const response = await call(arbor, 'POST', `${USERS}?_action=patch&_queryFilter=${filter}`, ADMIN, [{ operation: 'add', field: '/__proto__/polluted', value: 'yes' }]);
    assertRefused(response, /__proto__/);
    await assertServerHealthy();
  });

  it('refuses JSON bodies with a __proto__ key (create, PUT, PATCH values, application/json-patch+json)', async () => {
    const raw = (method: 'POST' | 'PUT' | 'PATCH', url: string, headers: Record<string, string>, payload: string, type = 'application/json') =>
      arbor.app.inject({ method, url, headers: { ...headers, 'content-type': type }, payload });
    const body = JSON.stringify(person('proto-user')).replace(/}$/, ',"__proto__":{"polluted":"yes"}}');
    assertRefused(await raw('POST', `${USERS}?_action=create`, ADMIN, body), /__proto__/);
    assertRefused(await raw('PUT', `${USERS}/proto-user`, ADMIN, body), /__proto__/);
    const patch = '[{"operation":"replace","field":"/preferences","value":{"__proto__":{"polluted":"yes"}}}]';
    assertRefused(await raw('PATCH', `${USERS}/${pollyId}`, polly, patch), /__proto__/);
    assertRefused(await raw('PATCH', `${USERS}/${pollyId}`, polly, patch, 'application/json-patch+json'), /__proto__/);
    const nested = '[{"operation":"replace","field":"/preferences","value":{"a":[{"constructor":{"prototype":{"polluted":"yes"}}}]}}]';
    assertRefused(await raw('PATCH', `${USERS}/${pollyId}`, polly, nested), /constructor/);
    assert.equal((await call(arbor, 'GET', `${USERS}/proto-user`, ADMIN)).statusCode, 404, 'nothing was created');
    await assertServerHealthy();
  });

  it('answers _fields=toString,valueOf without them, and refuses _fields naming constructor or __proto__', async () => {
    for (const fields of ['toString', 'valueOf', 'hasOwnProperty', 'userName,toString,valueOf', 'preferences/toString']) {
      const response = await call(arbor, 'GET', `${USERS}/${pollyId}?_fields=${fields}`, polly);
      assert.equal(response.statusCode, 200, `${fields}: ${response.body}`);
      const body = response.json<Record<string, unknown>>();
      assert.ok(!Object.hasOwn(body, 'toString') && !Object.hasOwn(body, 'valueOf') && !Object.hasOwn(body, 'hasOwnProperty'), response.body);
    }
    for (const fields of ['constructor', '__proto__', 'userName,constructor/prototype', '_meta/__proto__', 'preferences/prototype']) {
      assertRefused(await call(arbor, 'GET', `${USERS}/${pollyId}?_fields=${encodeURIComponent(fields)}`, polly), /__proto__|constructor|prototype/);
      assertRefused(await call(arbor, 'GET', `${USERS}?_queryFilter=true&_fields=${encodeURIComponent(fields)}`, ADMIN), /__proto__|constructor|prototype/);
    }
    const written = await call(arbor, 'PATCH', `${USERS}/${pollyId}?_fields=toString`, polly, [{ operation: 'replace', field: 'description', value: 'hi' }]);
    assert.equal(written.statusCode, 200, written.body);
    await assertServerHealthy();
  });

  it('refuses _sortKeys and _queryFilter fields naming __proto__, constructor or prototype; toString sorts like a missing field', async () => {
    for (const keys of ['__proto__', '-constructor', '+prototype', 'userName,__proto__/x']) {
      assertRefused(await call(arbor, 'GET', `${USERS}?_queryFilter=true&_sortKeys=${encodeURIComponent(keys)}`, ADMIN), /__proto__|constructor|prototype/);
    }
    const sorted = await call(arbor, 'GET', `${USERS}?_queryFilter=true&_sortKeys=toString`, ADMIN);
    assert.equal(sorted.statusCode, 200, sorted.body);
    for (const filter of ['__proto__/polluted eq "x"', 'constructor pr', '/userName/prototype eq "x"']) {
      assertRefused(await call(arbor, 'GET', `${USERS}?_queryFilter=${encodeURIComponent(filter)}`, ADMIN), /__proto__|constructor|prototype/);
    }
    await assertServerHealthy();
  });
});
