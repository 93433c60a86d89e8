/**
 * The default alpha `Registration` journey driven by the ForgeRock SDK against a real Arbor on
 * loopback: its first step is the seed's documented step; a taken username and a weak password
 * come back as `failedPolicies` that the SDK parses; a complete submission creates the user with
 * hashed security answers, the accepted terms and the preferences, and signs them in.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { CallbackType, FRAuth, FRPolicy } from '@forgerock/javascript-sdk';
import type { ValidatedCreatePasswordCallback, ValidatedCreateUsernameCallback } from '@forgerock/javascript-sdk';
import type { RegistrationAnswers, RestApi, WireCallback } from '../helpers/self-service.ts';
import { addUser, adminClient, asStep, asSuccess, fillRegistration as fill, readUser, signInWithSdk, startStep, useTree, validateSession } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import { asArborAnswers } from '../../src/policy/testing/arbor-registration-step.ts';

const GOLDEN = new URL('../fixtures/forgerock/protocol/registration-first-step.json', import.meta.url);

describe('the default Registration journey with the ForgeRock SDK', () => {
  let server: TestServer;
  let admin: RestApi;
  const fay: RegistrationAnswers = {
    userName: 'fay',
    password: 'Str0ng-Passw0rd',
    profile: { givenName: 'Fay', sn: 'Ray', mail: 'fay@example.com' },
    preferences: { 'preferences/marketing': true, 'preferences/updates': false },
    answers: [' Dark Blue ', 'Acme Brewing'],
  };

  before(async () => {
    server = await startTestServer();
    admin = await adminClient(server);
    await addUser(server, 'alpha', 'taken', 'Secret-Passw0rd');
  });
  after(async () => server?.close());

  it('answers the first step of the seed’s documented example (only the authId differs)', async () => {
    // Arbor's one deliberate difference: mail is unique (asArborAnswers).
    const golden = asArborAnswers(JSON.parse(await readFile(GOLDEN, 'utf8')) as Record<string, unknown>);
    useTree(server, 'Registration');
    const first = await startStep();
    // The SDK adds `status` and `ok` to the payload it read.
    const { authId, status, ok, ...rest } = first.payload as typeof first.payload & { status?: number; ok?: boolean };
    assert.deepEqual([status, ok], [200, true]);
    assert.ok(typeof authId === 'string' && authId.length > 20);
    const { authId: _omitted, ...expected } = golden;
    assert.deepEqual(rest, expected);
    assert.equal(first.getHeader(), 'Sign Up');

    // On the wire, byte for byte the same keys: nothing but authId, callbacks, header, description.
    const raw = await fetch(`${server.baseUrl}/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Registration`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-api-version': 'protocol=1.0,resource=2.1' },
    });
    const wire = (await raw.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(wire).sort(), ['authId', 'callbacks', 'description', 'header']);
    assert.deepEqual({ ...wire, authId: golden.authId }, golden);
  });

  it('returns a taken username and a weak password as failedPolicies the SDK parses, and creates no user', async () => {
    useTree(server, 'Registration');
    const first = await startStep();
    fill(first, { ...fay, userName: 'taken', password: 'weak' });
    const again = asStep(await FRAuth.next(first));
    assert.equal(again.getHeader(), 'Sign Up', 'the same page again');

    const username = again.getCallbackOfType<ValidatedCreateUsernameCallback>(CallbackType.ValidatedCreateUsernameCallback);
    assert.deepEqual(username.getFailedPolicies(), [{ policyRequirement: 'UNIQUE' }]);
    assert.deepEqual(FRPolicy.parseFailedPolicyRequirement({ property: 'userName', policyRequirements: username.getFailedPolicies() }), ['userName must be unique']);

    const password = again.getCallbackOfType<ValidatedCreatePasswordCallback>(CallbackType.ValidatedCreatePasswordCallback);
    assert.deepEqual(password.getFailedPolicies(), [
      { policyRequirement: 'MIN_LENGTH', params: { minLength: 8 } },
      { policyRequirement: 'AT_LEAST_X_CAPITAL_LETTERS', params: { numCaps: 1 } },
      { policyRequirement: 'AT_LEAST_X_NUMBERS', params: { numNums: 1 } },
    ]);
    assert.deepEqual(FRPolicy.parseFailedPolicyRequirement({ property: 'password', policyRequirements: password.getFailedPolicies() }), [
      'password must be at least 8 characters',
      'password must contain at least 1 capital letter',
      'password must contain at least 1 numeric value',
    ]);
    // The wire carries them as JSON strings, as AM does.
    const callbacks = again.payload.callbacks as WireCallback[];
    const raw = callbacks.find((callback) => callback.type === 'ValidatedCreateUsernameCallback')?.output.find((output) => output.name === 'failedPolicies');
    assert.deepEqual(raw?.value, ['{"policyRequirement":"UNIQUE"}']);

    const users = await admin('GET', `/openidm/managed/alpha_user?_queryFilter=${encodeURIComponent('mail eq "fay@example.com"')}`);
    assert.equal(users.json.resultCount, 0);
  });

  it('creates the user with hashed KBA answers, the accepted terms and the preferences, and signs them in', async () => {
    useTree(server, 'Registration');
    const first = await startStep();
    fill(first, { ...fay, password: 'weak' });
    const corrected = asStep(await FRAuth.next(first));
    fill(corrected, fay);
    const before = Date.now();
    const success = asSuccess(await FRAuth.next(corrected));
    assert.equal(success.getRealm(), '/alpha');
    const token = success.getSessionToken();
    assert.ok(token !== undefined);
    const session = await validateSession(server, token);
    assert.equal(session.valid, true);
    assert.equal(session.uid, 'fay');

    // As IDM's REST API shows it to the administrator, private fields and metadata included.
    const user = await readUser(admin, 'alpha_user', 'fay');
    assert.equal(user.givenName, 'Fay');
    assert.equal(user.sn, 'Ray');
    assert.equal(user.mail, 'fay@example.com');
    assert.deepEqual(user.preferences, { marketing: true, updates: false });
    assert.equal(user.password, undefined, 'the password is never returned');

    assert.deepEqual(user.kbaInfo, [{ questionId: '1' }, { questionId: '2' }], 'the questions, never the answers');
    // The stored forms, as only an export with --include-password-hashes shows them.
    const exportFay = async (args: string[]) => {
      const exported = await server.cli(['users', 'export', '--realm', 'alpha', ...args]);
      assert.equal(exported.code, 0, exported.err);
      const line = exported.out.split('\n').find((text) => text.includes('"userName":"fay"'));
      assert.ok(line !== undefined, exported.out);
      return { line, fay: JSON.parse(line) as { kbaInfo: { questionId: string; answer?: { $crypto: { type: string; value: { algorithm: string; data: string } } } }[] } };
    };
    assert.deepEqual((await exportFay([])).fay.kbaInfo, [{ questionId: '1' }, { questionId: '2' }]);
    const { line, fay: exported } = await exportFay(['--include-password-hashes']);
    assert.deepEqual(exported.kbaInfo.map((entry) => entry.questionId), ['1', '2']);
    for (const entry of exported.kbaInfo) {
      assert.equal(entry.answer?.$crypto.type, 'salted-hash');
      assert.equal(entry.answer?.$crypto.value.algorithm, 'ARGON2ID');
      assert.match(entry.answer?.$crypto.value.data ?? '', /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    }
    assert.equal(line.toLowerCase().includes('dark blue'), false, 'no answer in clear');
    assert.equal(line.toLowerCase().includes('acme'), false, 'no answer in clear');

    const meta = user._meta as { termsAccepted?: { termsVersion: string; acceptDate: string }; loginCount?: number };
    assert.equal(meta.termsAccepted?.termsVersion, '0.0');
    const accepted = Date.parse(meta.termsAccepted?.acceptDate ?? '');
    assert.ok(accepted >= before - 1000 && accepted <= Date.now() + 1000, `acceptDate ${meta.termsAccepted?.acceptDate}`);
    assert.equal(meta.loginCount, 1, 'Increment Login Count ran');

    assert.equal((await signInWithSdk(server, 'fay', fay.password)).type, 'LoginSuccess', 'the new password signs in');
  });
});
