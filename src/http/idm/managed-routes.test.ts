/** CREST verbs on `/openidm/managed/<type>[/<id>]` over HTTP: statuses, headers, revisions, `_fields`, `_meta`, private fields. */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { ADMIN_PASSWORD, call, onEveryDatabase, sessionCookie, signIn } from './testing/idm-test-platform.ts';

const USERS = '/openidm/managed/alpha_user';
const BABS = { userName: 'bjensen', givenName: 'Babs', sn: 'Jensen', mail: 'babs@example.com', password: 'Secret-Passw0rd' };

onEveryDatabase('managed objects over CREST', (platform) => {
  let arbor: TestPlatform;
  let admin: Record<string, string>;
  const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) =>
    call(arbor, method, url, { ...admin, ...headers }, body);

  before(async () => {
    arbor = platform();
    admin = sessionCookie(await signIn(arbor, 'root', 'amadmin', ADMIN_PASSWORD));
  });

  it('creates with _action=create: 201, Location, ETag, a UUID, defaults, no password', async () => {
    const response = await send('POST', `${USERS}?_action=create`, { ...BABS, _id: 'mine', _rev: '7' });
    assert.equal(response.statusCode, 201, response.body);
    const body = response.json<Record<string, unknown>>();
    assert.match(String(body._id), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(response.headers.location, `http://localhost:80${USERS}/${String(body._id)}`);
    assert.equal(response.headers.etag, `"${String(body._rev)}"`);
    assert.equal(body.accountStatus, 'active');
    assert.equal(body.password, undefined);
    assert.equal(body._meta, undefined);
    assert.deepEqual(body.effectiveRoles, []);
  });

  it('reads with ETag, answers 304 to a matching If-None-Match, projects _fields and returns _meta only when asked', async () => {
    const created = (await send('POST', `${USERS}?_action=create`, { ...BABS, userName: 'reader', mail: 'reader@example.com', preferences: { marketing: true, updates: false } })).json<{ _id: string; _rev: string }>();
    const read = await send('GET', `${USERS}/${created._id}`);
    assert.equal(read.statusCode, 200);
    assert.equal(read.headers.etag, `"${created._rev}"`);
    assert.equal(read.json<Record<string, unknown>>().userName, 'reader');
    assert.equal((await send('GET', `${USERS}/${created._id}`, undefined, { 'if-none-match': `"${created._rev}"` })).statusCode, 304);
    assert.equal((await send('GET', `${USERS}/${created._id}`, undefined, { 'if-none-match': '"0"' })).statusCode, 200);
    const projected = await send('GET', `${USERS}/${created._id}?_fields=userName,preferences/marketing,password`);
    assert.deepEqual(projected.json(), { _id: created._id, _rev: created._rev, userName: 'reader', preferences: { marketing: true } });
    const meta = (await send('GET', `${USERS}/${created._id}?_fields=_meta/*`)).json<{ _meta: Record<string, unknown> }>();
    assert.match(String(meta._meta.createDate), /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(Object.keys(meta._meta.lastChanged as object), ['date']);
    const createDate = (await send('GET', `${USERS}/${created._id}?_fields=_meta/createDate`)).json<Record<string, unknown>>();
    assert.deepEqual(createDate, { _id: created._id, _rev: created._rev, _meta: { createDate: meta._meta.createDate } });
  });

  it('PUT with If-Match replaces (412 when stale); If-None-Match: * creates once (412 after); other If-None-Match is 400; no precondition upserts', async () => {
    const id = 'client-assigned-1';
    const created = await send('PUT', `${USERS}/${id}`, { ...BABS, userName: 'putter', mail: 'putter@example.com', description: 'first' }, { 'if-none-match': '*' });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.headers.location, `http://localhost:80${USERS}/${id}`);
    const rev = created.json<{ _rev: string }>()._rev;
    assert.equal((await send('PUT', `${USERS}/${id}`, { ...BABS, userName: 'putter', mail: 'putter@example.com' }, { 'if-none-match': '*' })).statusCode, 412);
    assert.equal((await send('PUT', `${USERS}/${id}`, { ...BABS, userName: 'putter', mail: 'putter@example.com' }, { 'if-none-match': `"${rev}"` })).statusCode, 400);
    const { password: _password, ...noPassword } = BABS;
    const replaced = await send('PUT', `${USERS}/${id}`, { ...noPassword, userName: 'putter', mail: 'putter@example.com' }, { 'if-match': `"${rev}"` });
    assert.equal(replaced.statusCode, 200, replaced.body);
    assert.equal(replaced.json<Record<string, unknown>>().description, undefined, 'omitted properties are removed');
    assert.notEqual(replaced.json<{ _rev: string }>()._rev, rev);
    const stale = await send('PUT', `${USERS}/${id}`, { ...noPassword, userName: 'putter', mail: 'putter@example.com' }, { 'if-match': `"${rev}"` });
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.json<{ reason: string }>().reason, 'Precondition Failed');
    assert.equal(await arbor.identity.verifyPassword('alpha_user', id, BABS.password), true, 'the password hash survived the PUT');
    const upserted = await send('PUT', `${USERS}/client-assigned-2`, { ...BABS, userName: 'upserted', mail: 'upserted@example.com' });
    assert.equal(upserted.statusCode, 201);
    const updated = await send('PUT', `${USERS}/client-assigned-2`, { ...noPassword, userName: 'upserted', mail: 'upserted@example.com', sn: 'Changed' });
    assert.equal(updated.statusCode, 200);
    assert.equal(updated.json<{ sn: string }>().sn, 'Changed');
    assert.equal((await send('PUT', `${USERS}/missing`, BABS, { 'if-match': '*' })).statusCode, 404);
  });

  it('PATCH applies operations in order with If-Match; list indexes are 400 naming the pointer; json-patch+json is accepted', async () => {
    const created = (await send('POST', `${USERS}?_action=create`, { ...BABS, userName: 'patcher', mail: 'patcher@example.com', aliasList: ['a', 'b', 'a'] })).json<{ _id: string; _rev: string }>();
    const url = `${USERS}/${created._id}`;
    const patched = await send('PATCH', url, [
      { operation: 'replace', field: '/telephoneNumber', value: '+1 408 555 9999' },
      { operation: 'add', field: '/aliasList/-', value: 'c' },
      { operation: 'remove', field: 'aliasList', value: 'a' },
      { operation: 'copy', from: '/mail', field: '/description' },
      { operation: 'move', from: '/description', field: '/city' },
      { operation: 'copy', from: '/city', field: 'description' },
    ], { 'if-match': `"${created._rev}"` });
    assert.equal(patched.statusCode, 200, patched.body);
    const body = patched.json<Record<string, unknown>>();
    assert.equal(body.telephoneNumber, '+1 408 555 9999');
    assert.deepEqual((await send('GET', `${url}?_fields=aliasList`)).json<{ aliasList: string[] }>().aliasList, ['b', 'c']);
    assert.equal(body.description, 'patcher@example.com');
    assert.equal(body.city, 'patcher@example.com');
    assert.equal(patched.headers.etag, `"${String(body._rev)}"`);
    assert.equal((await send('PATCH', url, [{ operation: 'replace', field: 'sn', value: 'X' }], { 'if-match': `"${created._rev}"` })).statusCode, 412);
    const indexed = await send('PATCH', url, [{ operation: 'replace', field: '/aliasList/0', value: 'z' }]);
    assert.equal(indexed.statusCode, 400);
    assert.match(indexed.json<{ message: string }>().message, /\/aliasList\/0/);
    const jsonPatch = await arbor.app.inject({ method: 'PATCH', url, headers: { ...admin, 'content-type': 'application/json-patch+json' }, payload: JSON.stringify([{ operation: 'increment', field: 'loginTries', value: 1 }]) });
    assert.equal(jsonPatch.statusCode, 400, 'increment of a missing field');
    assert.match(jsonPatch.json<{ message: string }>().message, /loginTries/);
  });

  it('DELETE returns the deleted object (412 on a stale If-Match), then 404', async () => {
    const created = (await send('POST', `${USERS}?_action=create`, { ...BABS, userName: 'deleted', mail: 'deleted@example.com' })).json<{ _id: string; _rev: string }>();
    const url = `${USERS}/${created._id}`;
    assert.equal((await send('DELETE', url, undefined, { 'if-match': '"12345"' })).statusCode, 412);
    const deleted = await send('DELETE', url, undefined, { 'if-match': `"${created._rev}"` });
    assert.equal(deleted.statusCode, 200);
    assert.equal(deleted.json<{ userName: string }>().userName, 'deleted');
    assert.equal(deleted.json<Record<string, unknown>>().password, undefined);
    const gone = await send('GET', url);
    assert.equal(gone.statusCode, 404);
    assert.deepEqual(Object.keys(gone.json()), ['code', 'reason', 'message']);
    assert.equal((await send('DELETE', url)).statusCode, 404);
  });

  it('policy failures are 403 "Policy validation failed" with the result as detail', async () => {
    const response = await send('POST', `${USERS}?_action=create`, { ...BABS, userName: 'weak', password: 'short', mail: 'not-an-email' });
    assert.equal(response.statusCode, 403);
    const body = response.json<{ code: number; reason: string; message: string; detail: { result: boolean; failedPolicyRequirements: { property: string }[] } }>();
    assert.equal(body.reason, 'Forbidden');
    assert.equal(body.message, 'Policy validation failed');
    assert.equal(body.detail.result, false);
    assert.ok(body.detail.failedPolicyRequirements.some((failure) => failure.property === 'password'));
    assert.ok(body.detail.failedPolicyRequirements.some((failure) => failure.property === 'mail'));
    const tooLong = await send('POST', `${USERS}?_action=create`, { ...BABS, userName: 'long', mail: 'long@example.com', password: `Aa1${'x'.repeat(300)}` });
    assert.equal(tooLong.statusCode, 400);
    assert.match(tooLong.json<{ message: string }>().message, /256 bytes/);
  });

  it('answers the CREST error statuses: 404 unknown type, 405, 415, 400 for bad JSON, bodies and actions', async () => {
    const unknown = await send('GET', '/openidm/managed/nothing/123');
    assert.equal(unknown.statusCode, 404);
    assert.equal((await send('GET', '/openidm/managed/nothing?_queryFilter=true')).statusCode, 404);
    const notAllowed = await send('DELETE', USERS);
    assert.equal(notAllowed.statusCode, 405);
    assert.deepEqual(Object.keys(notAllowed.json()), ['code', 'reason', 'message']);
    assert.equal(notAllowed.json<{ reason: string }>().reason, 'Method Not Allowed');
    const text = await arbor.app.inject({ method: 'POST', url: `${USERS}?_action=create`, headers: { ...admin, 'content-type': 'text/plain' }, payload: 'userName=x' });
    assert.equal(text.statusCode, 415);
    assert.equal(text.json<{ reason: string }>().reason, 'Unsupported Media Type');
    const malformed = await arbor.app.inject({ method: 'POST', url: `${USERS}?_action=create`, headers: { ...admin, 'content-type': 'application/json' }, payload: '{"userName":' });
    assert.equal(malformed.statusCode, 400);
    assert.equal((await send('POST', `${USERS}?_action=create`, ['not', 'an', 'object'])).statusCode, 400);
    assert.equal((await send('POST', `${USERS}?_action=explode`, BABS)).statusCode, 400);
    assert.equal((await send('POST', USERS, BABS)).statusCode, 400);
    assert.equal((await send('PATCH', `${USERS}/whoever`, { operation: 'replace' })).statusCode, 400);
  });

  it('_prettyPrint=true indents the answer', async () => {
    const response = await send('GET', `${USERS}?_queryFilter=userName+eq+"nobody"&_prettyPrint=true`);
    assert.equal(response.statusCode, 200, response.body);
    assert.match(response.body, /^\{\n {2}"result": \[\],\n/);
  });
});
