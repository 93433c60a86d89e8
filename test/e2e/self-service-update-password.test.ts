/**
 * The default alpha `UpdatePassword` journey with the ForgeRock SDK, acting with a session (the
 * `iPlanetDirectoryPro` header, added by an SDK middleware since Node's fetch keeps no cookies):
 * the current password is verified first (a wrong one fails), then the new one is set and works.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CallbackType, FRAuth } from '@forgerock/javascript-sdk';
import type { PasswordCallback, SuspendedTextOutputCallback, ValidatedCreatePasswordCallback } from '@forgerock/javascript-sdk';
import type { PolicyFailure } from '../helpers/self-service.ts';
import { addUser, asFailure, asStep, asSuccess, callbackTypes, outbox, signInWithSdk, startStep, useTree } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';

describe('the default UpdatePassword journey with a session', () => {
  let server: TestServer;
  let session: string;

  before(async () => {
    server = await startTestServer();
    // Preferences set and terms accepted, so that no sign-in is stopped by progressive profile or the terms step.
    await addUser(server, 'alpha', 'jo', 'Current-Passw0rd', { 'preferences/marketing': 'true', 'preferences/updates': 'true' }, { termsAccepted: true });
    const token = asSuccess(await signInWithSdk(server, 'jo', 'Current-Passw0rd')).getSessionToken();
    assert.ok(token !== undefined);
    session = token;
  });
  after(async () => server?.close());

  it('without a session finds no user: it suspends with the email message and sends nothing', async () => {
    useTree(server, 'UpdatePassword');
    const suspended = await startStep();
    assert.deepEqual(callbackTypes(suspended), ['SuspendedTextOutputCallback']);
    assert.match(suspended.getCallbackOfType<SuspendedTextOutputCallback>(CallbackType.SuspendedTextOutputCallback).getMessage(), /please verify your email address to update your password/);
    assert.deepEqual(await outbox(server), [], 'no email queued');
  });

  it('fails when the current password is wrong, and changes nothing', async () => {
    useTree(server, 'UpdatePassword', { session });
    const verify = await startStep();
    assert.equal(verify.getHeader(), 'Verify Existing Password');
    assert.deepEqual(callbackTypes(verify), ['PasswordCallback']);
    verify.getCallbackOfType<PasswordCallback>(CallbackType.PasswordCallback).setPassword('Wrong-Passw0rd');
    assert.equal(asFailure(await FRAuth.next(verify)).getCode(), 401);
    asSuccess(await signInWithSdk(server, 'jo', 'Current-Passw0rd'));
  });

  it('verifies the current password, then sets the new one, which signs in while the old does not', async () => {
    useTree(server, 'UpdatePassword', { session });
    const verify = await startStep();
    verify.getCallbackOfType<PasswordCallback>(CallbackType.PasswordCallback).setPassword('Current-Passw0rd');
    const update = asStep(await FRAuth.next(verify));
    assert.equal(update.getHeader(), 'Update Password');
    assert.deepEqual(callbackTypes(update), ['ValidatedCreatePasswordCallback']);
    const password = update.getCallbackOfType<ValidatedCreatePasswordCallback>(CallbackType.ValidatedCreatePasswordCallback);
    password.setPassword('short');
    const refused = asStep(await FRAuth.next(update));
    assert.deepEqual(
      refused.getCallbackOfType<ValidatedCreatePasswordCallback>(CallbackType.ValidatedCreatePasswordCallback).getFailedPolicies().map((policy: PolicyFailure) => policy.policyRequirement),
      ['MIN_LENGTH', 'AT_LEAST_X_CAPITAL_LETTERS', 'AT_LEAST_X_NUMBERS'],
    );
    refused.getCallbackOfType<ValidatedCreatePasswordCallback>(CallbackType.ValidatedCreatePasswordCallback).setPassword('Updated-Passw0rd');
    asSuccess(await FRAuth.next(refused));

    asSuccess(await signInWithSdk(server, 'jo', 'Updated-Passw0rd'));
    asFailure(await signInWithSdk(server, 'jo', 'Current-Passw0rd'));
  });
});
