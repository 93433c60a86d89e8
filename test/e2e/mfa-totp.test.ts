/**
 * The default `MFALogin` journey with an authenticator app, driven by the unmodified ForgeRock
 * JavaScript SDK against a real Arbor on loopback: a user without a device registers an app (the
 * `otpauth://` URI read with `FRQRCode.getQRCodeData`, the recovery codes with
 * `FRRecoveryCodes.getCodes`) and proves it with a code computed here from the secret; a code is
 * refused the second time; a code of the previous time step still works; a recovery code signs in
 * once. Afterwards the device REST lists the app, and neither it nor the user's IDM object shows
 * the secret.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CallbackType, FRAuth, FRQRCode, FRRecoveryCodes } from '@forgerock/javascript-sdk';
import type { ChoiceCallback, ConfirmationCallback, FRStep, NameCallback } from '@forgerock/javascript-sdk';
import { decodeBase32 } from '../../src/mfa/oath/base32.ts';
import { totp } from '../../src/mfa/oath/totp.ts';
import type { RestApi, StepResult } from '../helpers/self-service.ts';
import { addUser, adminClient, asFailure, asStep, asSuccess, callbackTypes, restClient, startStep, submitCredentials, useTree } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';

const PASSWORD = 'Secret-Passw0rd';

/** Signs `user` in to MFALogin with the password and picks `choice`; resolves to the next step. */
async function passwordThen(server: TestServer, user: string, choice: string): Promise<FRStep> {
  useTree(server, 'MFALogin');
  const page = await startStep();
  assert.equal(page.getHeader(), 'Sign In');
  const chooser = asStep(await submitCredentials(page, user, PASSWORD));
  const callback = chooser.getCallbackOfType<ChoiceCallback>(CallbackType.ChoiceCallback);
  assert.deepEqual(callback.getChoices(), ['Authenticator app', 'Security key or passkey', 'Email code']);
  callback.setChoiceValue(choice);
  return asStep(await FRAuth.next(chooser));
}

/** Answers the OATH Token Verifier's step with `code`. */
async function enterCode(step: FRStep, code: string): Promise<StepResult> {
  assert.deepEqual(callbackTypes(step), ['NameCallback', 'ConfirmationCallback']);
  const name = step.getCallbackOfType<NameCallback>(CallbackType.NameCallback);
  assert.equal(name.getPrompt(), 'Enter verification code');
  name.setName(code);
  step.getCallbackOfType<ConfirmationCallback>(CallbackType.ConfirmationCallback).setOptionIndex(0);
  return FRAuth.next(step);
}

/** True for the verifier's step (asked again after a refused code). */
function isCodeStep(result: StepResult): boolean {
  return result.type === 'Step' && callbackTypes(result as FRStep).join() === 'NameCallback,ConfirmationCallback';
}

/** Chooses "Use recovery code" at the verifier, then enters `code`. */
async function useRecoveryCode(step: FRStep, code: string): Promise<StepResult> {
  const confirmation = step.getCallbackOfType<ConfirmationCallback>(CallbackType.ConfirmationCallback);
  assert.deepEqual(confirmation.getOptions(), ['Submit', 'Use recovery code']);
  confirmation.setOptionIndex(1);
  const prompt = asStep(await FRAuth.next(step));
  assert.deepEqual(callbackTypes(prompt), ['NameCallback']);
  assert.equal(prompt.getCallbackOfType<NameCallback>(CallbackType.NameCallback).getPrompt(), 'Recovery Code');
  prompt.getCallbackOfType<NameCallback>(CallbackType.NameCallback).setName(code);
  return FRAuth.next(prompt);
}

describe('MFALogin with an authenticator app, through the ForgeRock SDK', () => {
  let server: TestServer;
  let admin: RestApi;
  let secret: Uint8Array;
  let secretText: string;
  let recoveryCodes: string[];
  let token: string;
  const codeAt = (timeMs: number) => totp({ secret, timeMs, periodSeconds: 30, digits: 6 });

  before(async () => {
    server = await startTestServer();
    admin = await adminClient(server);
    await addUser(server, 'alpha', 'tara', PASSWORD);
  });
  after(async () => server?.close());

  it('a user without a device registers an app from the QR code step, sees recovery codes once, and proves the app', async () => {
    const options = await passwordThen(server, 'tara', 'Authenticator app');
    assert.deepEqual(callbackTypes(options), ['TextOutputCallback', 'ConfirmationCallback']);
    const choices = options.getCallbackOfType<ConfirmationCallback>(CallbackType.ConfirmationCallback);
    assert.deepEqual(choices.getOptions(), ['Register Device', 'Get the App', 'Skip this step', 'Opt-out']);
    choices.setOptionIndex(0);

    const qr = asStep(await FRAuth.next(options));
    assert.equal(FRQRCode.isQRCodeStep(qr), true);
    const data = FRQRCode.getQRCodeData(qr);
    assert.equal(data.use, 'otp');
    assert.match(data.message, /Scan the QR code/);
    const uri = new URL(data.uri);
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.host, 'totp');
    assert.equal(decodeURIComponent(uri.pathname), '/Arbor:tara', 'the issuer and the account the app shows');
    secretText = uri.searchParams.get('secret') ?? '';
    secret = decodeBase32(secretText);
    assert.ok(secret.length >= 16, 'at least 32 hex characters of secret');
    qr.getCallbackOfType<ConfirmationCallback>(CallbackType.ConfirmationCallback).setOptionIndex(0);

    const display = asStep(await FRAuth.next(qr));
    assert.equal(FRRecoveryCodes.isDisplayStep(display), true);
    recoveryCodes = FRRecoveryCodes.getCodes(display);
    assert.equal(recoveryCodes.length, 10);
    assert.equal(new Set(recoveryCodes).size, 10);
    for (const code of recoveryCodes) assert.match(code, /^[A-Za-z0-9]{8,}$/);

    const verify = asStep(await FRAuth.next(display));
    assert.equal(FRRecoveryCodes.isDisplayStep(verify), false, 'the codes are shown once');
    const success = asSuccess(await enterCode(verify, codeAt(server.clock.now())));
    token = success.getSessionToken() ?? '';
    assert.ok(token.length > 20);
  });

  it('signs in again with the app; the same code a second time is refused', async () => {
    const used = codeAt(server.clock.now());
    const refused = await enterCode(await passwordThen(server, 'tara', 'Authenticator app'), used);
    assert.ok(isCodeStep(refused), 'the code used at registration is refused (asked again)');
    server.clock.advance(30_000);
    const fresh = codeAt(server.clock.now());
    asSuccess(await enterCode(refused as FRStep, fresh));
    const replay = await enterCode(await passwordThen(server, 'tara', 'Authenticator app'), fresh);
    assert.ok(isCodeStep(replay), 'a code that signed in is refused the second time');
  });

  it('accepts the code of the previous time step (a phone clock a little behind)', async () => {
    server.clock.advance(60_000);
    const previous = codeAt(server.clock.now() - 30_000);
    assert.notEqual(previous, codeAt(server.clock.now()));
    asSuccess(await enterCode(await passwordThen(server, 'tara', 'Authenticator app'), previous));
  });

  it('wrong codes are retried three times in all, counted on the user across journeys, then the sign-in fails (Retry Limit)', async () => {
    // The refused replay above was abandoned, not followed by a success: it still counts (AM's "Save Retry Limit to User").
    let step = await passwordThen(server, 'tara', 'Authenticator app');
    for (let attempt = 2; attempt <= 3; attempt += 1) step = asStep(await enterCode(step, '000000'));
    asFailure(await enterCode(step, '000000'));
    const fresh = await enterCode(await passwordThen(server, 'tara', 'Authenticator app'), '000000');
    assert.ok(isCodeStep(fresh), 'the rejection reset the count: a new sign-in may retry again');
    server.clock.advance(30_000);
    asSuccess(await enterCode(fresh as FRStep, codeAt(server.clock.now())));
  });

  it('a recovery code signs in once; the same code fails the second time', async () => {
    const [code] = recoveryCodes;
    assert.ok(code !== undefined);
    asSuccess(await useRecoveryCode(await passwordThen(server, 'tara', 'Authenticator app'), code));
    asFailure(await useRecoveryCode(await passwordThen(server, 'tara', 'Authenticator app'), code));
  });

  it('the device REST lists the app for its user, and neither it nor the IDM user shows the secret', async () => {
    const tara = restClient(server, { iplanetdirectorypro: token });
    const login = await tara('GET', '/openidm/info/login');
    assert.equal(login.status, 200, JSON.stringify(login.json));
    const id = (login.json.authorization as { id: string }).id;
    const listed = await tara('GET', `/am/json/realms/root/realms/alpha/users/${id}/devices/2fa/oath?_queryFilter=true`);
    assert.equal(listed.status, 200, JSON.stringify(listed.json));
    const devices = listed.json.result as Record<string, unknown>[];
    assert.equal(devices.length, 1, JSON.stringify(devices));
    assert.equal(devices[0]?.deviceName, 'OATH Device');
    const user = await admin('GET', `/openidm/managed/alpha_user/${id}`);
    assert.equal(user.status, 200);
    const hex = Buffer.from(secret).toString('hex');
    for (const shown of [JSON.stringify(listed.json), JSON.stringify(user.json)]) {
      for (const leak of [secretText, hex, hex.toUpperCase(), 'sharedSecret', ...recoveryCodes]) assert.ok(!shown.includes(leak), `${leak} shown`);
    }
  });
});
