/**
 * The alpha `Login` journey driven by the unmodified ForgeRock JavaScript SDK against a real Arbor
 * server on loopback: success with a session the sessions endpoint accepts, a wrong password,
 * a replayed authId and account lockout — on SQLite, and on PostgreSQL when CI provides one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CallbackType, Config, FRAuth, StepType } from '@forgerock/javascript-sdk';
import type { FRLoginFailure, FRLoginSuccess, FRStep, NameCallback, PasswordCallback } from '@forgerock/javascript-sdk';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';

type StepResult = FRStep | FRLoginSuccess | FRLoginFailure;

function configure(server: TestServer): void {
  Config.set({ serverConfig: { baseUrl: `${server.baseUrl}/am/`, timeout: 10_000 }, realmPath: 'alpha', tree: 'Login' });
}

async function signIn(username: string, password: string): Promise<StepResult> {
  const first = await FRAuth.next();
  assert.equal(first.type, StepType.Step);
  const step = first as FRStep;
  step.getCallbackOfType<NameCallback>(CallbackType.NameCallback).setName(username);
  step.getCallbackOfType<PasswordCallback>(CallbackType.PasswordCallback).setPassword(password);
  return FRAuth.next(step);
}

async function validate(server: TestServer, tokenId: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.baseUrl}/am/json/realms/root/realms/alpha/sessions?_action=validate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-api-version': 'resource=2.1, protocol=1.0' },
    body: JSON.stringify({ tokenId }),
  });
  assert.equal(response.status, 200);
  return (await response.json()) as Record<string, unknown>;
}

function loginJourneySuite(name: string, postgresUrl: string | undefined): void {
  describe(name, { skip: postgresUrl === '' ? 'ARBOR_TEST_POSTGRES_URL is not set' : false }, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(postgresUrl === undefined || postgresUrl === '' ? {} : { postgresUrl });
      for (const user of ['alice', 'bob']) {
        const added = await server.cli(['user', 'add', '--realm', 'alpha', '--username', user, '--password', 'Secret-Passw0rd', '--set', `mail=${user}@example.com`, '--set', 'givenName=Test', '--set', 'sn=User']);
        assert.equal(added.code, 0, added.err);
        await server.acceptActiveTerms('alpha', user); // the terms step has its own test (login-terms.test.ts)
      }
    });
    after(async () => server?.close());

    it('signs in: the first step is the Sign In page, success carries a token that validate accepts', async () => {
      configure(server);
      const first = (await FRAuth.next()) as FRStep;
      assert.equal(first.type, StepType.Step);
      assert.equal(first.getHeader(), 'Sign In');
      assert.deepEqual(first.callbacks.map((c: { getType(): string }) => c.getType()), ['NameCallback', 'PasswordCallback']);
      first.getCallbackOfType<NameCallback>(CallbackType.NameCallback).setName('alice');
      first.getCallbackOfType<PasswordCallback>(CallbackType.PasswordCallback).setPassword('Secret-Passw0rd');
      const result = await FRAuth.next(first);
      assert.equal(result.type, StepType.LoginSuccess);
      const success = result as FRLoginSuccess;
      assert.equal(success.getRealm(), '/alpha');
      const token = success.getSessionToken();
      assert.ok(token !== undefined && token.length > 20);
      assert.deepEqual(await validate(server, token), { valid: true, sessionUid: (await validate(server, token)).sessionUid, uid: 'alice', realm: '/alpha' });
      assert.deepEqual(await validate(server, `${token}x`), { valid: false });
    });

    it('a wrong password ends in FRLoginFailure with 401', async () => {
      configure(server);
      const result = await signIn('alice', 'wrong-password');
      assert.equal(result.type, StepType.LoginFailure);
      const failure = result as FRLoginFailure;
      assert.equal(failure.getCode(), 401);
      assert.equal(failure.getMessage(), 'Login failure');
    });

    it('replaying an earlier authId fails with 401 and errorCode 110', async () => {
      configure(server);
      const first = (await FRAuth.next()) as FRStep;
      first.getCallbackOfType<NameCallback>(CallbackType.NameCallback).setName('alice');
      first.getCallbackOfType<PasswordCallback>(CallbackType.PasswordCallback).setPassword('Secret-Passw0rd');
      const replayable = JSON.parse(JSON.stringify(first.payload)) as FRStep['payload'];
      assert.equal((await FRAuth.next(first)).type, StepType.LoginSuccess);
      const { FRStep: StepClass } = await import('@forgerock/javascript-sdk');
      const replay = await FRAuth.next(new StepClass(replayable));
      assert.equal(replay.type, StepType.LoginFailure);
      const failure = replay as FRLoginFailure;
      assert.equal(failure.getCode(), 401);
      assert.deepEqual(failure.getDetail(), { errorCode: '110' });
    });

    it('locks the account after 5 failures: even the right password fails until the lockout ends', async () => {
      configure(server);
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        assert.equal((await signIn('bob', `wrong-${attempt}`)).type, StepType.LoginFailure);
      }
      const locked = await signIn('bob', 'Secret-Passw0rd');
      assert.equal(locked.type, StepType.LoginFailure);
      assert.equal((locked as FRLoginFailure).getMessage(), 'User Locked Out.');
      server.clock.advance(14 * 60_000);
      assert.equal((await signIn('bob', 'Secret-Passw0rd')).type, StepType.LoginFailure, 'still locked before 15 minutes');
      server.clock.advance(2 * 60_000);
      assert.equal((await signIn('bob', 'Secret-Passw0rd')).type, StepType.LoginSuccess, 'unlocked after the lockout duration');
    });
  });
}

loginJourneySuite('alpha Login with the ForgeRock SDK on SQLite', undefined);
loginJourneySuite('alpha Login with the ForgeRock SDK on PostgreSQL', process.env.ARBOR_TEST_POSTGRES_URL ?? '');
