/**
 * Item 12: a client's mistake is a 4xx with a message, never a 500, on SQLite and PostgreSQL: a
 * malformed session cookie on every endpoint, JSON nested too deep for SQLite's JSON functions,
 * unpaired surrogates PostgreSQL's jsonb refuses, U+0000 in query parameters, headers and
 * encoded-word headers, a tampered paging cookie; and a 500 never carries an internal message.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { ADMIN_PASSWORD, onEveryDatabase } from './idm/testing/idm-test-platform.ts';

const ADMIN = { 'x-openidm-username': 'amadmin', 'x-openidm-password': ADMIN_PASSWORD };
const AM = '/am/json/realms/root/realms/alpha';
const JSON_TYPE = { 'content-type': 'application/json' };

/** Every endpoint that reads the session cookie, with the method it answers. */
const COOKIE_ENDPOINTS: [string, string][] = [
  ['POST', `${AM}/authenticate`],
  ['POST', `${AM}/authenticate?authIndexType=service&authIndexValue=Login`],
  ['POST', `${AM}/sessions?_action=validate`],
  ['POST', `${AM}/sessions?_action=getSessionInfo`],
  ['POST', `${AM}/sessions?_action=logout`],
  ['POST', `${AM}/users?_action=idFromSession`],
  ['POST', '/am/json/users?_action=idFromSession'],
  ['GET', `${AM}/realm-config/services/selfServiceTrees`],
  ['GET', '/openidm/info/login'],
  ['GET', '/openidm/managed/alpha_user?_queryFilter=true'],
  ['GET', '/openidm/config/managed'],
  ['GET', '/openidm/policy/managed/alpha_user'],
  ['GET', '/openidm/config/selfservice.kba'],
  ['GET', '/openidm/config/external.email'],
  ['GET', '/openidm/selfservice/terms'],
];

function assertClientError(response: LightMyRequestResponse, what: string): void {
  assert.ok(response.statusCode >= 400 && response.statusCode < 500, `${what}: ${response.statusCode} ${response.body}`);
  const body = response.json<{ code?: unknown; message?: unknown }>();
  assert.equal(body.code, response.statusCode, `${what}: ForgeRock's error body: ${response.body}`);
  assert.equal(typeof body.message, 'string', what);
}

onEveryDatabase('client input never gives a 500', (arbor) => {
  const create = (payload: string) => arbor().app.inject({ method: 'POST', url: '/openidm/managed/alpha_user?_action=create', headers: { ...ADMIN, ...JSON_TYPE }, payload });

  it('a malformed percent-encoded session cookie is no session, on every endpoint', async () => {
    for (const value of ['%E0%A4%A', '%', '%zz', '%C0%80']) {
      for (const [method, url] of COOKIE_ENDPOINTS) {
        const response = await arbor().app.inject({ method: method === 'GET' ? 'GET' : 'POST', url, headers: { cookie: `iPlanetDirectoryPro=${value}` } });
        assert.ok(response.statusCode < 500, `${method} ${url} with cookie ${value}: ${response.statusCode} ${response.body}`);
      }
    }
  });

  it('JSON nested deeper than 100 levels is a 400 naming the limit, and the store is left usable', async () => {
    for (const deep of [`${'['.repeat(1100)}${']'.repeat(1100)}`, `${'{"a":'.repeat(1100)}1${'}'.repeat(1100)}`, `${'['.repeat(101)}${']'.repeat(101)}`]) {
      const response = await create(`{"userName":"deep","givenName":"Qq","sn":"Zz","mail":"deep@example.com","password":"Passw0rd!x","custom":${deep}}`);
      assertClientError(response, 'deep create');
      assert.match(response.json<{ message: string }>().message, /nested deeper than 100/);
    }
    const query = await arbor().app.inject({ method: 'GET', url: `/openidm/managed/alpha_user?_queryFilter=${encodeURIComponent('sn eq "Zz"')}&_sortKeys=userName`, headers: ADMIN });
    assert.equal(query.statusCode, 200, query.body);
    const fine = await create(`{"userName":"shallow","givenName":"Qq","sn":"Zz","mail":"shallow@example.com","password":"Passw0rd!x","custom":${'['.repeat(99)}${']'.repeat(99)}}`);
    assert.equal(fine.statusCode, 201, fine.body);
  });

  it('an unpaired surrogate escape in a JSON body is a 400 naming where it is', async () => {
    const answers = [
      await create('{"userName":"sur","givenName":"Qq\\ud800","sn":"Zz","mail":"sur@example.com","password":"Passw0rd!x"}'),
      await arbor().app.inject({
        method: 'PUT',
        url: '/openidm/config/emailTemplate/surrogate',
        headers: { ...ADMIN, ...JSON_TYPE },
        payload: '{"enabled":true,"from":"a@example.com","subject":{"en":"\\ud800"},"message":{"en":"x"},"mimeType":"text/html"}',
      }),
      await arbor().app.inject({
        method: 'PUT',
        url: '/openidm/config/selfservice.kba',
        headers: { ...ADMIN, ...JSON_TYPE },
        payload: '{"kbaPropertyName":"kbaInfo","minimumAnswersToDefine":1,"minimumAnswersToVerify":1,"questions":{"1":{"en":"\\udc00?"}}}',
      }),
    ];
    for (const response of answers) {
      assertClientError(response, 'surrogate');
      assert.match(response.json<{ message: string }>().message, /unpaired surrogate/);
    }
  });

  it('U+0000 in a query parameter, a header or an encoded-word header is a 400', async () => {
    const answers = [
      await arbor().app.inject({ method: 'POST', url: `${AM}/authenticate?authIndexType=service&authIndexValue=Lo%00gin` }),
      await arbor().app.inject({ method: 'POST', url: `${AM}/authenticate?authIndexType=service&authIndexValue=Login`, headers: { 'x-openam-username': '=?UTF-8?B?YQBi?=', 'x-openam-password': 'x' } }),
      await arbor().app.inject({ method: 'POST', url: `${AM}/authenticate?authIndexType=service&authIndexValue=Login`, headers: { 'x-openam-username': 'bjensen', 'x-openam-password': '=?UTF-8?Q?a=00b?=' } }),
      await arbor().app.inject({ method: 'GET', url: '/openidm/info/login', headers: { 'x-openidm-username': 'am\u0000admin', 'x-openidm-password': 'x' } }),
      await arbor().app.inject({ method: 'GET', url: '/openidm/managed/alpha_user?_queryFilter=true&_pagedResultsCookie=%00' , headers: ADMIN }),
    ];
    for (const response of answers) {
      assertClientError(response, 'NUL');
      assert.match(response.json<{ message: string }>().message, /U\+0000/);
    }
  });

  it('a paging cookie tampered to carry U+0000 or an unpaired surrogate is a 400', async () => {
    for (const name of ['page1', 'page2']) assert.equal((await create(JSON.stringify({ userName: name, givenName: 'Qq', sn: 'Zz', mail: `${name}@example.com`, password: 'Passw0rd!x' }))).statusCode, 201);
    const first = await arbor().app.inject({ method: 'GET', url: '/openidm/managed/alpha_user?_queryFilter=true&_pageSize=1&_sortKeys=userName', headers: ADMIN });
    const cookie = first.json<{ pagedResultsCookie: string }>().pagedResultsCookie;
    const decoded = JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8')) as { k: string; v: unknown[] };
    for (const bad of ['a\u0000b', '\ud800']) {
      const values = [...decoded.v];
      values[values.length - 1] = bad; // the `_id`: always a string component
      const tampered = Buffer.from(JSON.stringify({ k: decoded.k, v: values })).toString('base64url');
      const response = await arbor().app.inject({ method: 'GET', url: `/openidm/managed/alpha_user?_queryFilter=true&_pageSize=1&_sortKeys=userName&_pagedResultsCookie=${tampered}`, headers: ADMIN });
      assertClientError(response, `cookie with ${JSON.stringify(bad)}`);
    }
  });

  it('a URL that is not valid UTF-8 is a 400 with the ForgeRock error body', async () => {
    const response = await arbor().app.inject({ method: 'GET', url: '/openidm/managed/alpha_user/%ED%A0%80', headers: ADMIN });
    assertClientError(response, 'bad URL');
  });

  it('a 500 answer never carries an internal message', async () => {
    const id = 'b5d2d5a0-5c3c-4d43-9d58-0d5a3c1b0001';
    await arbor().store.journeys.put('alpha', {
      tree: { _id: 'Spin', entryNodeId: id, nodes: { [id]: { nodeType: 'SetSuccessUrlNode', displayName: 'Spin', connections: { outcome: id } } }, staticNodes: {}, enabled: true },
      nodes: { [id]: { _id: id, _type: { _id: 'SetSuccessUrlNode', name: 'Success URL', collection: true }, successUrl: '/spin' } },
    });
    const response = await arbor().app.inject({ method: 'POST', url: `${AM}/authenticate?authIndexType=service&authIndexValue=Spin` });
    assert.equal(response.statusCode, 500);
    assert.deepEqual(response.json(), { code: 500, reason: 'Internal Server Error', message: 'Internal Server Error' });
  });
});
