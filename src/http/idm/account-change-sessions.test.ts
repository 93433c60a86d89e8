/**
 * Account changes through the IDM REST API end every session of the account, over real HTTP on
 * SQLite, PostgreSQL and Redis: a password set by PUT, PATCH (the administrator's or the user's
 * own, with re-authentication) or PATCH by query, `accountStatus` set to inactive, and a delete.
 * Each test signs the user in twice (the second session is the "intruder" that must not survive),
 * makes the change, and checks both tokens everywhere. Changes that are not account changes (a
 * profile attribute, `accountStatus` left active, another user's password) end nothing, and a
 * sign-in after the change gets a working session.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, it } from 'node:test';
import type { ListeningPlatform } from '../../platform/testing/listening-platforms.ts';
import { LISTENING_ADMIN_PASSWORD, onEveryBackend } from '../../platform/testing/listening-platforms.ts';
import { cookieOf, requestJson, sessionWorks, signInOver } from '../testing/session-http.ts';

const USERS = '/openidm/managed/user';
const PASSWORD = 'First-Passw0rd';
const NEW_PASSWORD = 'Second-Passw0rd';

/** A user of the root realm with two live sessions: their own and an intruder's. */
interface SignedInTwice {
  id: string;
  userName: string;
  body: Record<string, unknown>;
  own: string;
  intruder: string;
}

onEveryBackend('account changes end the sessions of the account', (platform) => {
  let arbor: ListeningPlatform;
  let admin: Record<string, string>;

  before(async () => {
    arbor = platform();
    admin = cookieOf(await signInOver(arbor.baseUrl, 'root', 'amadmin', LISTENING_ADMIN_PASSWORD));
  });

  const send = (method: string, path: string, headers: Record<string, string>, body?: unknown) => requestJson(arbor.baseUrl, method, path, headers, body);

  /** Creates a root user through the administrator and signs them in twice. */
  async function signedInTwice(): Promise<SignedInTwice> {
    const userName = `u${randomUUID().slice(0, 8)}`;
    const body = { userName, password: PASSWORD, givenName: 'Ida', sn: 'Intruded', mail: `${userName}@example.com` };
    const created = await send('POST', `${USERS}?_action=create`, admin, body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = String((created.body as { _id: unknown })._id);
    const own = await signInOver(arbor.baseUrl, 'root', userName, PASSWORD);
    const intruder = await signInOver(arbor.baseUrl, 'root', userName, PASSWORD);
    assert.ok(await sessionWorks(arbor.baseUrl, intruder), 'the intruder session works before the change');
    return { id, userName, body, own, intruder };
  }

  /** Asserts that `change` succeeded and that neither session of `user` works any more. */
  async function assertSessionsEnded(user: SignedInTwice, change: { status: number; body: unknown }): Promise<void> {
    assert.equal(change.status, 200, JSON.stringify(change.body));
    assert.equal(await sessionWorks(arbor.baseUrl, user.intruder), false, 'the intruder session survived the change');
    assert.equal(await sessionWorks(arbor.baseUrl, user.own), false, 'the session the change did not come through survived it');
  }

  it('a password set by the administrator with PUT ends every session; the new password signs in to a working session', async () => {
    const user = await signedInTwice();
    await assertSessionsEnded(user, await send('PUT', `${USERS}/${user.id}`, admin, { ...user.body, password: NEW_PASSWORD }));
    assert.ok(await sessionWorks(arbor.baseUrl, await signInOver(arbor.baseUrl, 'root', user.userName, NEW_PASSWORD)));
  });

  it('a password set by the administrator with PATCH ends every session', async () => {
    const user = await signedInTwice();
    await assertSessionsEnded(user, await send('PATCH', `${USERS}/${user.id}`, admin, [{ operation: 'replace', field: '/password', value: NEW_PASSWORD }]));
  });

  it('a password set by PATCH by query ends every session of the matched account', async () => {
    const user = await signedInTwice();
    const filter = encodeURIComponent(`userName eq "${user.userName}"`);
    await assertSessionsEnded(user, await send('POST', `${USERS}?_action=patch&_queryFilter=${filter}`, admin, [{ operation: 'replace', field: 'password', value: NEW_PASSWORD }]));
  });

  it('the user changing their own password through their session ends every session, that one included', async () => {
    const user = await signedInTwice();
    const change = await send('PATCH', `${USERS}/${user.id}`, { ...cookieOf(user.own), 'x-openidm-reauth-password': PASSWORD }, [{ operation: 'replace', field: 'password', value: NEW_PASSWORD }]);
    await assertSessionsEnded(user, change);
    assert.ok(await sessionWorks(arbor.baseUrl, await signInOver(arbor.baseUrl, 'root', user.userName, NEW_PASSWORD)));
  });

  it('accountStatus set to inactive (PATCH, then PUT) ends every session', async () => {
    const patched = await signedInTwice();
    await assertSessionsEnded(patched, await send('PATCH', `${USERS}/${patched.id}`, admin, [{ operation: 'replace', field: 'accountStatus', value: 'inactive' }]));
    const put = await signedInTwice();
    await assertSessionsEnded(put, await send('PUT', `${USERS}/${put.id}`, admin, { ...put.body, accountStatus: 'inactive' }));
  });

  it('a delete ends every session', async () => {
    const user = await signedInTwice();
    await assertSessionsEnded(user, await send('DELETE', `${USERS}/${user.id}`, admin));
  });

  it('changes that are not account changes end nothing: a profile attribute, accountStatus left active, another user’s password', async () => {
    const user = await signedInTwice();
    const other = await signedInTwice();
    const changes = [
      await send('PATCH', `${USERS}/${user.id}`, admin, [{ operation: 'replace', field: 'givenName', value: 'Ada' }]),
      await send('PATCH', `${USERS}/${user.id}`, cookieOf(user.own), [{ operation: 'replace', field: 'sn', value: 'Kept' }]),
      await send('PATCH', `${USERS}/${user.id}`, admin, [{ operation: 'replace', field: 'accountStatus', value: 'active' }]),
      await send('PATCH', `${USERS}/${other.id}`, admin, [{ operation: 'replace', field: 'password', value: NEW_PASSWORD }]),
    ];
    assert.deepEqual(changes.map((change) => change.status), [200, 200, 200, 200], JSON.stringify(changes.map((change) => change.body)));
    assert.ok(await sessionWorks(arbor.baseUrl, user.own), 'the own session survives');
    assert.ok(await sessionWorks(arbor.baseUrl, user.intruder), 'the second session survives');
    assert.equal(await sessionWorks(arbor.baseUrl, other.intruder), false, 'the other user’s sessions ended');
  });
});
