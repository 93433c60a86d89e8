/**
 * Password guessing past the lockout (security review, item 5), over real HTTP on SQLite,
 * PostgreSQL and Redis: for every way a password arrives (the `Login` journey's callbacks,
 * zero-page login headers, `X-OpenIDM-Username`/`X-OpenIDM-Password`, and
 * `X-OpenIDM-Reauth-Password` with a stolen session), 100 parallel wrong passwords and then the
 * right one, at an account with the default lockout (5 failures). The real argon2id hasher sits
 * behind a counting proxy whose gate holds every verification until the right password has been
 * sent, so the order is fixed: at most 5 passwords may be verified and the right one must not
 * get in. The client-address throttle is turned off here (it would refuse the burst by itself:
 * see `throttling.test.ts`) so that the account's own limit is what is tested. The guesses beyond
 * the budget, and the right password, arrive while the budget's guesses are still being checked:
 * they are told to retry (429), verifying nothing; once those fail, the account is locked.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { ListeningPlatform } from '../../src/platform/testing/listening-platforms.ts';
import { onEveryBackend } from '../../src/platform/testing/listening-platforms.ts';
import { cookieOf, requestJson, signInOver } from '../../src/http/testing/session-http.ts';
import { countingHasher } from '../helpers/counting-hasher.ts';
import { answerLogin, configureRealm, createUser, heldBurst, startLogin, USER_PASSWORD, zeroPage } from '../helpers/guard-http.ts';

const BURST = 100;
const LOCKED_OUT = { code: 401, reason: 'Unauthorized', message: 'User Locked Out.', detail: { failureUrl: '' } };
const hasher = countingHasher();

/**
 * The guesses of a burst: those the budget let through failed (401, or 403 for a re-authentication);
 * the rest, counted while those still ran, were told to retry (429) without anything verified.
 */
function assertRefusedBurst(replies: readonly { status: number }[]): void {
  const statuses = new Set(replies.map((reply) => reply.status));
  for (const status of statuses) assert.ok([401, 403, 429].includes(status), `a guess answered ${status}`);
  assert.ok(replies.filter((reply) => reply.status === 429).length >= replies.length - 5, 'at most the budget answered other than 429');
}

onEveryBackend(
  'password guessing stops at the lockout, whatever the path and the concurrency',
  (platform) => {
    let arbor: ListeningPlatform;
    before(async () => {
      arbor = platform();
      await configureRealm(arbor, 'root', { throttling: { clientFailures: 0 } });
    });

    it('the Login journey: 100 parallel wrong passwords and the right one verify at most 5, none gets in, the account is locked', async () => {
      const { userName } = await createUser(arbor, 'user');
      const steps = await Promise.all(Array.from({ length: BURST + 1 }, () => startLogin(arbor, 'root')));
      const result = await heldBurst(
        hasher,
        BURST,
        (index) => answerLogin(arbor, 'root', steps[index + 1] ?? steps[0]!, userName, `wrong-${index}`),
        () => answerLogin(arbor, 'root', steps[0]!, userName, USER_PASSWORD),
      );
      assert.ok(result.verifications <= 5, `${result.verifications} passwords were verified`);
      assert.equal(result.right.status, 429, 'the right password, sent while the guesses used the budget, is told to retry: nothing verified');
      assertRefusedBurst(result.wrong);
      assert.deepEqual((await zeroPage(arbor, 'root', userName, USER_PASSWORD)).body, LOCKED_OUT, 'the account is locked out now');
    });

    it('zero-page login headers: the same', async () => {
      const { userName } = await createUser(arbor, 'user');
      const result = await heldBurst(
        hasher,
        BURST,
        (index) => zeroPage(arbor, 'root', userName, `wrong-${index}`),
        () => zeroPage(arbor, 'root', userName, USER_PASSWORD),
      );
      assert.ok(result.verifications <= 5, `${result.verifications} passwords were verified`);
      assert.equal(result.right.status, 429);
      assertRefusedBurst(result.wrong);
      assert.deepEqual((await zeroPage(arbor, 'root', userName, USER_PASSWORD)).body, LOCKED_OUT, 'the account is locked out now');
    });

    it('X-OpenIDM-Username/X-OpenIDM-Password: the same, every answer 401 Access Denied', async () => {
      const { userName } = await createUser(arbor, 'user');
      const idm = (password: string) => requestJson(arbor.baseUrl, 'GET', '/openidm/info/login', { 'x-openidm-username': userName, 'x-openidm-password': password });
      const result = await heldBurst(hasher, BURST, (index) => idm(`wrong-${index}`), () => idm(USER_PASSWORD));
      assert.ok(result.verifications <= 5, `${result.verifications} passwords were verified`);
      assert.equal(result.right.status, 429);
      assertRefusedBurst(result.wrong);
      assert.equal((await idm(USER_PASSWORD)).status, 401, 'locked out now');
    });

    it('X-OpenIDM-Reauth-Password with a stolen session: the same; the right current password changes nothing', async () => {
      const { id, userName } = await createUser(arbor, 'user');
      const stolen = cookieOf(await signInOver(arbor.baseUrl, 'root', userName, USER_PASSWORD));
      const before = (await arbor.store.managedObjects.get('user', id))?.data.password;
      const change = (current: string) =>
        requestJson(arbor.baseUrl, 'PATCH', `/openidm/managed/user/${id}`, { ...stolen, 'x-openidm-reauth-password': current }, [{ operation: 'replace', field: 'password', value: 'Attacker-Passw0rd' }]);
      const result = await heldBurst(hasher, BURST, (index) => change(`wrong-${index}`), () => change(USER_PASSWORD));
      assert.ok(result.verifications <= 5, `${result.verifications} passwords were verified`);
      assert.equal(result.right.status, 429, JSON.stringify(result.right.body));
      assert.equal((await arbor.store.managedObjects.get('user', id))?.data.password, before, 'the password is unchanged');
      assert.deepEqual((await zeroPage(arbor, 'root', userName, 'Attacker-Passw0rd')).body, LOCKED_OUT);
      assert.equal((await change(USER_PASSWORD)).status, 401, 'the lock ended the stolen session');
    });
  },
  // Enough hashing slots that every verification the guard lets through reaches the gate (the bound is tested elsewhere).
  { env: { ARBOR_TRUST_PROXY: 'true', ARBOR_HASH_CONCURRENCY: '256' }, passwordHasher: hasher.hasher },
);
