/**
 * Account changes made by journeys end every session of the account, over real HTTP on SQLite,
 * PostgreSQL and Redis: the default `ResetPassword` (emailed link, then Patch Object) and
 * `UpdatePassword` (run with the user's session, then Patch Object) journeys, and the login
 * failure lockout, timed (a lock for a duration) and persistent (`accountStatus: inactive`). Each
 * test signs the user in twice first; the second session is the "intruder" that must not survive.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, it } from 'node:test';
import type { ListeningPlatform } from '../../platform/testing/listening-platforms.ts';
import { onEveryBackend } from '../../platform/testing/listening-platforms.ts';
import { amRealmPath, cookieOf, requestJson, sessionWorks, signInOver } from '../testing/session-http.ts';

const PASSWORD = 'First-Passw0rd';
const NEW_PASSWORD = 'Second-Passw0rd';
const AUTHENTICATE = `${amRealmPath('root')}/authenticate`;
/** Past the realm cache (5 seconds), so that a realm change is seen. */
const REALM_CACHE_MS = 6_000;

/** A step of a journey as the wire carries it. */
interface Step {
  authId?: string;
  tokenId?: string;
  callbacks?: { type: string; input?: { name: string; value: unknown }[] }[];
}

/** A root user with two live sessions: their own and an intruder's. */
interface SignedInTwice {
  id: string;
  userName: string;
  mail: string;
  own: string;
  intruder: string;
}

onEveryBackend('journeys and the lockout end the sessions of the account', (platform) => {
  let arbor: ListeningPlatform;

  before(() => {
    arbor = platform();
  });

  async function signedInTwice(): Promise<SignedInTwice> {
    const userName = `u${randomUUID().slice(0, 8)}`;
    const mail = `${userName}@example.com`;
    const user = await arbor.identity.createUser('user', { userName, password: PASSWORD, givenName: 'Ida', sn: 'Intruded', mail });
    const own = await signInOver(arbor.baseUrl, 'root', userName, PASSWORD);
    const intruder = await signInOver(arbor.baseUrl, 'root', userName, PASSWORD);
    assert.ok(await sessionWorks(arbor.baseUrl, intruder), 'the intruder session works before the change');
    return { id: user._id, userName, mail, own, intruder };
  }

  async function assertSessionsEnded(user: SignedInTwice): Promise<void> {
    assert.equal(await sessionWorks(arbor.baseUrl, user.intruder), false, 'the intruder session survived the change');
    assert.equal(await sessionWorks(arbor.baseUrl, user.own), false, 'the user’s earlier session survived the change');
  }

  /** Sends a journey step (or starts `tree` with `{}`), filling the first input of each callback with `values`. */
  async function submit(path: string, step: Step, values: string[] = [], headers: Record<string, string> = {}): Promise<Step> {
    const answer: Step = structuredClone(step);
    for (const [i, value] of values.entries()) {
      const input = answer.callbacks?.[i]?.input?.[0];
      assert.ok(input !== undefined, `callback ${i} has an input: ${JSON.stringify(step)}`);
      input.value = value;
    }
    const reply = await requestJson(arbor.baseUrl, 'POST', path, headers, answer);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body as Step;
  }

  const types = (step: Step): string[] => (step.callbacks ?? []).map((callback) => callback.type);

  it('the ResetPassword journey (emailed link, new password) ends every session', async () => {
    const user = await signedInTwice();
    const tree = `${AUTHENTICATE}?authIndexType=service&authIndexValue=ResetPassword`;
    const first = await submit(tree, {});
    assert.deepEqual(types(first), ['StringAttributeInputCallback']);
    const suspended = await submit(AUTHENTICATE, first, [user.mail]);
    assert.deepEqual(types(suspended), ['SuspendedTextOutputCallback']);
    const messages = await arbor.store.outbox.list({ limit: 1000 });
    const mail = messages.find((message) => message.message.to.includes(user.mail));
    assert.ok(mail !== undefined, 'the reset email is in the outbox');
    const text = arbor.openMail(mail.message)?.text ?? '';
    const suspendedId = /suspendedId=([A-Za-z0-9_-]+)/.exec(text)?.[1];
    assert.ok(suspendedId !== undefined, `a resume link in: ${text}`);
    const newPassword = await submit(`${AUTHENTICATE}?suspendedId=${suspendedId}`, {});
    assert.deepEqual(types(newPassword), ['ValidatedCreatePasswordCallback']);
    const done = await submit(AUTHENTICATE, newPassword, [NEW_PASSWORD]);
    assert.equal(done.authId, undefined, `the journey ended: ${JSON.stringify(done)}`);
    await assertSessionsEnded(user);
    assert.ok(await sessionWorks(arbor.baseUrl, await signInOver(arbor.baseUrl, 'root', user.userName, NEW_PASSWORD)));
  });

  it('the UpdatePassword journey run with the user’s session ends every earlier session; the session it creates works', async () => {
    const user = await signedInTwice();
    const tree = `${AUTHENTICATE}?authIndexType=service&authIndexValue=UpdatePassword`;
    const withSession = cookieOf(user.own);
    const verify = await submit(tree, {}, [], withSession);
    assert.deepEqual(types(verify), ['PasswordCallback']);
    const update = await submit(AUTHENTICATE, verify, [PASSWORD], withSession);
    assert.deepEqual(types(update), ['ValidatedCreatePasswordCallback']);
    const done = await submit(AUTHENTICATE, update, [NEW_PASSWORD], withSession);
    assert.equal(typeof done.tokenId, 'string', `the journey ended with a session: ${JSON.stringify(done)}`);
    await assertSessionsEnded(user);
    assert.ok(await sessionWorks(arbor.baseUrl, String(done.tokenId)), 'the session the journey created works');
  });

  /** Fails `count` sign-ins of `userName` with a wrong password. */
  async function failSignIns(userName: string, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const reply = await requestJson(arbor.baseUrl, 'POST', `${AUTHENTICATE}?authIndexType=service&authIndexValue=Login`, { 'x-openam-username': userName, 'x-openam-password': 'Wrong-Passw0rd' });
      assert.equal(reply.status, 401, JSON.stringify(reply.body));
    }
  }

  it('a lock by the login failure lockout (five failures, a 15-minute lock) ends every session', async () => {
    const user = await signedInTwice();
    await failSignIns(user.userName, 4);
    assert.ok(await sessionWorks(arbor.baseUrl, user.intruder), 'four failures lock nothing');
    await failSignIns(user.userName, 1);
    const locked = await requestJson(arbor.baseUrl, 'POST', `${AUTHENTICATE}?authIndexType=service&authIndexValue=Login`, { 'x-openam-username': user.userName, 'x-openam-password': PASSWORD });
    assert.equal(locked.status, 401, `the account is locked: the right password is refused: ${JSON.stringify(locked.body)}`);
    await assertSessionsEnded(user);
  });

  it('a persistent lockout (duration 0: accountStatus inactive) ends every session', async () => {
    const root = await arbor.store.realms.get('root');
    assert.ok(root !== undefined);
    await arbor.store.realms.put({ ...root, lockout: { ...root.lockout, durationMinutes: 0 } });
    arbor.clock.advance(REALM_CACHE_MS);
    try {
      const user = await signedInTwice();
      await failSignIns(user.userName, 5);
      assert.equal((await arbor.identity.getUser('user', user.id))?.attributes.accountStatus, 'inactive');
      await assertSessionsEnded(user);
    } finally {
      await arbor.store.realms.put(root);
      arbor.clock.advance(REALM_CACHE_MS);
    }
  });
});
