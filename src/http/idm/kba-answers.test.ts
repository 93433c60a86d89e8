/**
 * Security answers over the IDM REST API: a clear `kbaInfo[].answer` written by create, PUT or
 * PATCH (administrator or end user) is stored hashed and verifies with the KBA service; a hash sent
 * in its place is refused; no read, query or write answer ever carries an answer.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { createKbaAnswerHasher } from '../../selfservice/kba/kba-answer-hasher.ts';
import { acceptActiveTerms } from '../testing/accept-active-terms.ts';
import { ADMIN_PASSWORD, call, onEveryDatabase, sessionCookie, signIn } from './testing/idm-test-platform.ts';

const USERS = '/openidm/managed/alpha_user';
const ADMIN = { 'x-openidm-username': 'amadmin', 'x-openidm-password': ADMIN_PASSWORD };
const ENVELOPE = { $crypto: { type: 'salted-hash', value: { algorithm: 'SHA-256', data: 'c29tZS1oYXNo' } } };
const person = (userName: string) => ({ userName, givenName: 'Kay', sn: 'Bee', mail: `${userName}@example.com`, password: 'Secret-Passw0rd' });

onEveryDatabase('KBA answers over IDM REST', (platform) => {
  let arbor: TestPlatform;
  const kbaOf = async (id: string) => (await arbor.store.managedObjects.get('alpha_user', id))?.data.kbaInfo as Record<string, unknown>[];
  const verifies = async (id: string, index: number, answer: string) => createKbaAnswerHasher().verify((await kbaOf(id))[index]?.answer, answer);
  const assertHashed = (value: unknown) => assert.equal((value as { $crypto?: { value?: { algorithm?: unknown } } }).$crypto?.value?.algorithm, 'ARGON2ID', JSON.stringify(value));

  before(() => {
    arbor = platform();
  });

  it('create (POST ?_action=create and PUT) stores hashes that verify, answers none', async () => {
    const created = await call(arbor, 'POST', `${USERS}?_action=create`, ADMIN, { ...person('kay'), kbaInfo: [{ questionId: '1', answer: ' Red ' }, { customQuestion: 'Pet?', answer: 'Rex' }] });
    assert.equal(created.statusCode, 201, created.body);
    assert.deepEqual(created.json<{ kbaInfo: unknown }>().kbaInfo, [{ questionId: '1' }, { customQuestion: 'Pet?' }]);
    const id = created.json<{ _id: string }>()._id;
    const stored = await kbaOf(id);
    stored.forEach((entry) => assertHashed(entry.answer));
    assert.equal(await verifies(id, 0, 'red'), true);
    assert.equal(await verifies(id, 1, 'rex'), true);
    assert.equal(await verifies(id, 0, 'blue'), false);

    const put = await call(arbor, 'PUT', `${USERS}/kay-put`, ADMIN, { ...person('kayput'), kbaInfo: [{ questionId: '2', answer: 'Acme' }] });
    assert.equal(put.statusCode, 201, put.body);
    assert.ok(!put.body.includes('answer'), put.body);
    assertHashed((await kbaOf('kay-put'))[0]?.answer);
    assert.equal(await verifies('kay-put', 0, 'acme'), true);
  });

  it('PUT and PATCH hash clear answers, refuse hashes sent in their place and keep answers a PUT echoes without', async () => {
    const id = (await call(arbor, 'POST', `${USERS}?_action=create`, ADMIN, person('lee'))).json<{ _id: string }>()._id;
    const hashed = await call(arbor, 'PATCH', `${USERS}/${id}`, ADMIN, [{ operation: 'add', field: 'kbaInfo', value: [{ questionId: '1', answer: 'green' }, { questionId: '2', answer: ENVELOPE }] }]);
    assert.equal(hashed.statusCode, 400, hashed.body);
    assert.match(hashed.json<{ message: string }>().message, /kbaInfo: Security answers must be sent as text/);
    const patched = await call(arbor, 'PATCH', `${USERS}/${id}`, ADMIN, [{ operation: 'add', field: 'kbaInfo', value: [{ questionId: '1', answer: 'green' }, { questionId: '2', answer: 'acme' }] }]);
    assert.equal(patched.statusCode, 200, patched.body);
    assert.deepEqual(patched.json<{ kbaInfo: unknown }>().kbaInfo, [{ questionId: '1' }, { questionId: '2' }]);
    const stored = await kbaOf(id);
    stored.forEach((entry) => assertHashed(entry.answer));
    assert.equal(await verifies(id, 0, 'Green'), true);

    const current = (await call(arbor, 'GET', `${USERS}/${id}`, ADMIN)).json<Record<string, unknown>>();
    const echoed = await call(arbor, 'PUT', `${USERS}/${id}`, ADMIN, { ...current, givenName: 'Leo' });
    assert.equal(echoed.statusCode, 200, echoed.body);
    assert.deepEqual(await kbaOf(id), stored, 'answers left out of a PUT keep the stored ones');

    const replaced = await call(arbor, 'PUT', `${USERS}/${id}`, ADMIN, { ...current, kbaInfo: [{ questionId: '1', answer: 'blue' }] });
    assert.equal(replaced.statusCode, 200, replaced.body);
    assert.equal(await verifies(id, 0, 'blue'), true);
    assert.equal(await verifies(id, 0, 'green'), false);
  });

  it("hashes an end user's own PATCH", async () => {
    const id = (await call(arbor, 'POST', `${USERS}?_action=create`, ADMIN, person('mia'))).json<{ _id: string }>()._id;
    await acceptActiveTerms(arbor, 'alpha_user', 'mia'); // so that the alpha Login's terms step does not ask
    const mia = sessionCookie(await signIn(arbor, 'alpha', 'mia', 'Secret-Passw0rd'));
    const patched = await call(arbor, 'PATCH', `${USERS}/${id}`, mia, [{ operation: 'replace', field: 'kbaInfo', value: [{ questionId: '1', answer: 'red' }] }]);
    assert.equal(patched.statusCode, 200, patched.body);
    assert.ok(!patched.body.includes('red'), patched.body);
    assertHashed((await kbaOf(id))[0]?.answer);
    assert.equal(await verifies(id, 0, 'red'), true);
  });

  it('refuses answers over the length limit with a 400 that says so', async () => {
    const response = await call(arbor, 'POST', `${USERS}?_action=create`, ADMIN, { ...person('long'), kbaInfo: [{ questionId: '1', answer: 'x'.repeat(257) }] });
    assert.equal(response.statusCode, 400, response.body);
    assert.match(response.json<{ message: string }>().message, /kbaInfo: Security answers are limited to 256 bytes/);
  });

  it('returns no answer from reads, field selections, queries, patch-by-query or delete', async () => {
    const id = (await call(arbor, 'POST', `${USERS}?_action=create`, ADMIN, { ...person('noa'), kbaInfo: [{ questionId: '1', answer: 'red' }] })).json<{ _id: string }>()._id;
    const responses = [
      await call(arbor, 'GET', `${USERS}/${id}`, ADMIN),
      await call(arbor, 'GET', `${USERS}/${id}?_fields=kbaInfo`, ADMIN),
      await call(arbor, 'GET', `${USERS}/${id}?_fields=kbaInfo/answer,*`, ADMIN),
      await call(arbor, 'GET', `${USERS}?_queryFilter=true&_fields=*,kbaInfo`, ADMIN),
      await call(arbor, 'POST', `${USERS}?_action=patch&_queryFilter=${encodeURIComponent(`_id eq "${id}"`)}`, ADMIN, [{ operation: 'replace', field: 'sn', value: 'Z' }]),
      await call(arbor, 'DELETE', `${USERS}/${id}`, ADMIN),
    ];
    for (const response of responses) {
      assert.equal(response.statusCode, 200, response.body);
      assert.ok(response.body.includes('kbaInfo') && !response.body.includes('answer'), response.body);
    }
  });
});
