/**
 * Secrets stay secret over the IDM REST API. Security answers are text from users, hashed by the
 * server: a user cannot store a hash of their choosing (a 1 GiB, t=8 argon2id envelope would make
 * every verification a denial of service). Private properties (the password hash), the security
 * answers and, for an end user, the properties they may not view are read by no operation: a
 * PATCH `copy`/`move` from them, a `remove` by value, a sort key or a filter on them is refused,
 * and the renamed KBA property of `selfservice.kba` is hashed and hidden like `kbaInfo`.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { acceptActiveTerms } from '../testing/accept-active-terms.ts';
import { ADMIN_PASSWORD, call, onEveryDatabase, sessionCookie, signIn } from './testing/idm-test-platform.ts';

const USERS = '/openidm/managed/alpha_user';
const ADMIN = { 'x-openidm-username': 'amadmin', 'x-openidm-password': ADMIN_PASSWORD };
const person = (userName: string) => ({ userName, givenName: 'Sam', sn: 'Stone', mail: `${userName}@example.com`, password: 'Secret-Passw0rd' });
const SALT = 'c29tZXNhbHRzb21lc2FsdA';
const HASH = 'aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g';
/** An argon2id envelope whose verification would take 1 GiB and 8 passes. */
const COSTLY = { $crypto: { type: 'salted-hash', value: { algorithm: 'ARGON2ID', data: `$argon2id$v=19$m=1048576,t=8,p=1$${SALT}$${HASH}` } } };
/** A cheap, well-formed IDM salted SHA-256 envelope: still not a user's to choose. */
const SALTED = { $crypto: { type: 'salted-hash', value: { algorithm: 'SHA-256', data: Buffer.alloc(48, 7).toString('base64') } } };

onEveryDatabase('Private fields and security answers over IDM REST', (platform) => {
  let arbor: TestPlatform;
  let samId: string;
  let sam: Record<string, string>;
  const storedOf = async (id: string) => (await arbor.store.managedObjects.get('alpha_user', id))?.data ?? {};

  before(async () => {
    arbor = platform();
    const created = await call(arbor, 'POST', `${USERS}?_action=create`, ADMIN, { ...person('sam'), kbaInfo: [{ questionId: '1', answer: 'red' }], profileImage: 'https://img.example/sam.png' });
    assert.equal(created.statusCode, 201, created.body);
    samId = created.json<{ _id: string }>()._id;
    await acceptActiveTerms(arbor, 'alpha_user', 'sam');
    sam = sessionCookie(await signIn(arbor, 'alpha', 'sam', 'Secret-Passw0rd'));
  });

  it('refuses an end user storing a hashed answer of their choice (PATCH, PUT), and stores nothing', async () => {
    const before = await storedOf(samId);
    for (const answer of [COSTLY, SALTED, 42, null, { answer: 'red' }]) {
      const patched = await call(arbor, 'PATCH', `${USERS}/${samId}`, sam, [{ operation: 'replace', field: '/kbaInfo', value: [{ questionId: '1', answer }] }]);
      assert.equal(patched.statusCode, 400, `${JSON.stringify(answer)}: ${patched.body}`);
      assert.match(patched.json<{ message: string }>().message, /kbaInfo: Security answers must be sent as text/);
      const appended = await call(arbor, 'PATCH', `${USERS}/${samId}`, sam, [{ operation: 'add', field: '/kbaInfo/-', value: { questionId: '2', answer } }]);
      assert.equal(appended.statusCode, 400, appended.body);
    }
    const current = (await call(arbor, 'GET', `${USERS}/${samId}`, ADMIN)).json<Record<string, unknown>>();
    const put = await call(arbor, 'PUT', `${USERS}/${samId}`, ADMIN, { ...current, kbaInfo: [{ questionId: '1', answer: COSTLY }] });
    assert.equal(put.statusCode, 400, put.body);
    assert.deepEqual(await storedOf(samId), before, 'nothing changed');
    // Text is an answer, whatever it looks like: hashed with the server's own parameters.
    const text = await call(arbor, 'PATCH', `${USERS}/${samId}`, sam, [{ operation: 'replace', field: '/kbaInfo', value: [{ questionId: '1', answer: COSTLY.$crypto.value.data }] }]);
    assert.equal(text.statusCode, 200, text.body);
    const [entry] = (await storedOf(samId)).kbaInfo as { answer: { $crypto: { value: { data: string } } } }[];
    assert.match(entry?.answer.$crypto.value.data ?? '', /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('refuses copy and move from the answers, the password or a property the caller cannot view (403), leaking nothing', async () => {
    const before = await storedOf(samId);
    const attacks: [Record<string, string>, Record<string, unknown>][] = [
      [sam, { operation: 'copy', from: '/kbaInfo', field: '/description' }],
      [sam, { operation: 'move', from: '/kbaInfo', field: '/description' }],
      [sam, { operation: 'copy', from: 'password', field: '/description' }],
      [sam, { operation: 'copy', from: '/password', field: '/kbaInfo/-' }],
      [sam, { operation: 'copy', from: '/profileImage', field: '/description' }],
      [sam, { operation: 'remove', field: '/kbaInfo', value: [{ questionId: '1' }] }],
      [ADMIN, { operation: 'copy', from: '/kbaInfo', field: '/description' }],
      [ADMIN, { operation: 'move', from: '/kbaInfo', field: '/city' }],
      [ADMIN, { operation: 'copy', from: '/password', field: '/description' }],
    ];
    for (const [caller, operation] of attacks) {
      const response = await call(arbor, 'PATCH', `${USERS}/${samId}`, caller, [operation]);
      assert.equal(response.statusCode, 403, `${JSON.stringify(operation)}: ${response.body}`);
      assert.match(response.json<{ message: string }>().message, /^Access denied: cannot (copy|move|remove by value)/);
      assert.ok(!response.body.includes('argon2'), response.body);
    }
    const filter = encodeURIComponent('userName eq "sam"');
    const byQuery = await call(arbor, 'POST', `${USERS}?_action=patch&_queryFilter=${filter}`, ADMIN, [{ operation: 'copy', from: '/kbaInfo', field: '/description' }]);
    assert.equal(byQuery.statusCode, 403, byQuery.body);
    assert.deepEqual(await storedOf(samId), before, 'nothing changed');
    const allowed = await call(arbor, 'PATCH', `${USERS}/${samId}`, sam, [{ operation: 'copy', from: '/givenName', field: '/description' }]);
    assert.equal(allowed.statusCode, 200, 'copying what one can read still works');
  });

  it('refuses sorting or filtering by the password or the answers, even when marked searchable', async () => {
    for (const keys of ['password', '-password', 'kbaInfo', 'kbaInfo/answer', 'userName,-kbaInfo']) {
      const response = await call(arbor, 'GET', `${USERS}?_queryFilter=true&_sortKeys=${encodeURIComponent(keys)}`, ADMIN);
      assert.equal(response.statusCode, 400, `${keys}: ${response.body}`);
      assert.match(response.json<{ message: string }>().message, /^Cannot sort by \/(password|kbaInfo)/);
    }
    const config = (await call(arbor, 'GET', '/openidm/config/managed', ADMIN)).json<{ objects: { name: string; schema: { properties: Record<string, Record<string, unknown>> } }[] }>();
    const alpha = config.objects.find((object) => object.name === 'alpha_user');
    assert.ok(alpha !== undefined);
    for (const name of ['password', 'kbaInfo']) alpha.schema.properties[name] = { ...alpha.schema.properties[name], searchable: true };
    assert.equal((await call(arbor, 'PUT', '/openidm/config/managed', ADMIN, config)).statusCode, 200);
    for (const filter of ['password sw "$argon2id$v=19$m=19456"', 'password pr', '/kbaInfo/answer pr', 'userName eq "sam" and kbaInfo pr']) {
      const response = await call(arbor, 'GET', `${USERS}?_queryFilter=${encodeURIComponent(filter)}`, ADMIN);
      assert.equal(response.statusCode, 400, `${filter}: ${response.body}`);
      assert.match(response.json<{ message: string }>().message, /^Cannot filter on (password|kbaInfo): it cannot be read/);
    }
  });

  it('hashes and hides the answers under the property selfservice.kba names', async () => {
    const kba = (await call(arbor, 'GET', '/openidm/config/selfservice.kba', ADMIN)).json<Record<string, unknown>>();
    const renamed = await call(arbor, 'PUT', '/openidm/config/selfservice.kba', ADMIN, { ...kba, kbaPropertyName: 'securityAnswers' });
    assert.equal(renamed.statusCode, 200, renamed.body);
    try {
      const created = await call(arbor, 'POST', `${USERS}?_action=create`, ADMIN, { ...person('rena'), securityAnswers: [{ questionId: '1', answer: 'Red' }] });
      assert.equal(created.statusCode, 201, created.body);
      assert.deepEqual(created.json<{ securityAnswers: unknown }>().securityAnswers, [{ questionId: '1' }]);
      const id = created.json<{ _id: string }>()._id;
      const stored = (await storedOf(id)).securityAnswers as { answer?: { $crypto?: { value?: { algorithm?: string } } } }[];
      assert.equal(stored[0]?.answer?.$crypto?.value?.algorithm, 'ARGON2ID', JSON.stringify(stored));
      for (const url of [`${USERS}/${id}?_fields=securityAnswers`, `${USERS}?_queryFilter=true&_fields=securityAnswers`]) {
        const response = await call(arbor, 'GET', url, ADMIN);
        assert.equal(response.statusCode, 200, response.body);
        assert.ok(response.body.includes('securityAnswers') && !response.body.includes('answer"'), response.body);
      }
      const copied = await call(arbor, 'PATCH', `${USERS}/${id}`, ADMIN, [{ operation: 'copy', from: '/securityAnswers', field: '/description' }]);
      assert.equal(copied.statusCode, 403, copied.body);
      const chosen = await call(arbor, 'PATCH', `${USERS}/${id}`, ADMIN, [{ operation: 'replace', field: '/securityAnswers', value: [{ questionId: '1', answer: COSTLY }] }]);
      assert.equal(chosen.statusCode, 400, chosen.body);
    } finally {
      await call(arbor, 'PUT', '/openidm/config/selfservice.kba', ADMIN, kba);
    }
  });
});
