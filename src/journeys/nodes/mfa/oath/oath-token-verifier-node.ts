/**
 * OATH Token Verifier (`OathTokenVerifierNode`): asks for the code of the user's authenticator
 * app as AM does (a NameCallback "Enter verification code" and a ConfirmationCallback "Submit",
 * plus "Use recovery code" when `isRecoveryCodeAllowed`) and checks it against the user's apps
 * (`src/mfa/oath/verify-oath.ts`): TOTP within `totpTimeSteps` steps of now and
 * `maximumAllowedClockDrift` of the server's clock, HOTP within `hotpWindowSize` counters. A code
 * of a TOTP step or HOTP counter at or below one already used is refused (AM refuses only the same
 * step). The step or counter used is written back with the device service's compare-and-set, so
 * two requests with the same code cannot both succeed: the one that loses the race fails.
 *
 * Outcomes as AM: `successOutcome`; `failureOutcome` (wrong, replayed, out of sync, or not 6 or 8
 * digits); `notRegisteredOutcome` when the user has no app (with `shared.mfaMethod = "oath"` for MFA
 * Registration Options); `recoveryCodeOutcome` for "Use recovery code" (only when allowed). A
 * device still pending from an OATH Registration with postponed storage is the one checked, and
 * its new step or counter stays pending with it. A journey without a known user fails (AM throws).
 */
import { recordAuthMethod } from '../../../engine/auth-methods.ts';
import { Type } from '@sinclair/typebox';
import type { Device, DeviceService } from '../../../../devices/device-service.ts';
import type { OathHash } from '../../../../mfa/oath/hotp.ts';
import { secretFromHex } from '../../../../mfa/oath/oath-secret.ts';
import { verifyHotp, verifyTotp } from '../../../../mfa/oath/verify-oath.ts';
import { fail, goTo, send } from '../../../engine/actions.ts';
import type { NodeAction } from '../../../engine/actions.ts';
import { confirmationCallback, nameCallback } from '../../../engine/callback-builders.ts';
import { defineNode } from '../../../engine/define-node.ts';
import { MFA_DEVICES } from '../mfa-devices.ts';
import { nameAnswer, selectedOption } from './mfa-callbacks.ts';
import { mfaUser } from './mfa-user.ts';
import type { OathDeviceData } from './oath-device.ts';
import { isOathApp, keepPendingDevice, MFA_METHOD_KEY, oathDataOf, pendingWantsRecoveryCodes, readPendingDevice, storedData } from './oath-device.ts';

/** AM's prompt and options. */
export const VERIFICATION_PROMPT = 'Enter verification code';
export const SUBMIT_OPTION = 'Submit';
export const RECOVERY_CODE_OPTION = 'Use recovery code';

const MAX_CODE_LENGTH = 16;

type VerifierConfig = {
  algorithm: 'TOTP' | 'HOTP';
  hotpWindowSize: number;
  totpTimeInterval: number;
  totpTimeSteps: number;
  totpHashAlgorithm: 'HMAC_SHA1' | 'HMAC_SHA256' | 'HMAC_SHA512';
  maximumAllowedClockDrift: number;
};

/** The device data after a right `code`, or undefined. */
function checked(config: VerifierConfig, secretHex: string, data: OathDeviceData, code: string, nowMs: number): OathDeviceData | undefined {
  const secret = secretFromHex(secretHex);
  if (config.algorithm === 'HOTP') {
    const result = verifyHotp({ secret, code, counter: data.counter, window: config.hotpWindowSize, checksum: data.checksumDigit, truncationOffset: data.truncationOffset });
    return result.ok ? { ...data, counter: result.nextCounter } : undefined;
  }
  const hash: OathHash = config.totpHashAlgorithm === 'HMAC_SHA256' ? 'SHA256' : config.totpHashAlgorithm === 'HMAC_SHA512' ? 'SHA512' : 'SHA1';
  const result = verifyTotp({
    secret,
    code,
    nowMs,
    periodSeconds: config.totpTimeInterval,
    hash,
    window: config.totpTimeSteps,
    maxDriftSteps: config.maximumAllowedClockDrift,
    lastStep: data.lastStep,
    driftSteps: data.driftSteps,
  });
  return result.ok ? { ...data, lastStep: result.step, driftSteps: result.driftSteps } : undefined;
}

/** Tries `code` on each stored app; true when one accepted it and its new state was saved first. */
async function verifyStored(devices: DeviceService, where: { realm: string; userId: string }, apps: Device[], config: VerifierConfig, code: string, nowMs: number): Promise<boolean> {
  for (const app of apps) {
    const secret = app.secret.sharedSecret;
    if (typeof secret !== 'string') continue;
    const next = checked(config, secret, oathDataOf(app.data), code, nowMs);
    if (next === undefined) continue;
    const saved = await devices.save(where.realm, where.userId, { ...app, data: { ...app.data, ...storedData(next) } });
    return saved !== undefined;
  }
  return false;
}

/** OATH Token Verifier: checks the app's code. */
export const oathTokenVerifierNode = defineNode({
  type: 'OathTokenVerifierNode',
  displayName: 'OATH Token Verifier',
  category: 'basic authentication',
  description: "Checks a one-time password from the user's authenticator app.",
  config: Type.Object({
    algorithm: Type.Union([Type.Literal('TOTP'), Type.Literal('HOTP')], { default: 'TOTP', description: 'Time-based or counter-based codes.' }),
    hotpWindowSize: Type.Integer({ default: 100, minimum: 1, maximum: 1000, description: 'HOTP counters tried after the expected one.' }),
    totpTimeInterval: Type.Integer({ default: 30, minimum: 1, maximum: 3600, description: 'TOTP period, seconds.' }),
    totpTimeSteps: Type.Integer({ default: 2, minimum: 1, maximum: 20, description: 'TOTP steps accepted either side of now.' }),
    totpHashAlgorithm: Type.Union([Type.Literal('HMAC_SHA1'), Type.Literal('HMAC_SHA256'), Type.Literal('HMAC_SHA512')], { default: 'HMAC_SHA1', description: 'TOTP hash.' }),
    maximumAllowedClockDrift: Type.Integer({ default: 5, minimum: 1, maximum: 100, description: "Steps a device's clock may drift from the server's." }),
    isRecoveryCodeAllowed: Type.Boolean({ default: false, description: 'Offer "Use recovery code".' }),
  }),
  outcomes: (config) =>
    config.isRecoveryCodeAllowed ? ['successOutcome', 'failureOutcome', 'notRegisteredOutcome', 'recoveryCodeOutcome'] : ['successOutcome', 'failureOutcome', 'notRegisteredOutcome'],
  async process(ctx): Promise<NodeAction> {
    const who = await mfaUser(ctx);
    if (who === undefined) return fail();
    const { config, state } = ctx;
    const devices = ctx.services.capabilities.get(MFA_DEVICES);
    const pending = readPendingDevice(state);
    const apps = pending === undefined ? (await devices.list(who.realm, who.userId, 'oath')).filter(isOathApp) : [];
    if (pending === undefined && apps.length === 0) {
      state.shared[MFA_METHOD_KEY] = 'oath';
      return goTo('notRegisteredOutcome');
    }
    if (config.isRecoveryCodeAllowed && selectedOption(ctx.callbacks) === 1) return goTo('recoveryCodeOutcome');

    const code = nameAnswer(ctx.callbacks);
    if (code === undefined) {
      const options = config.isRecoveryCodeAllowed ? [SUBMIT_OPTION, RECOVERY_CODE_OPTION] : [SUBMIT_OPTION];
      return send([nameCallback(VERIFICATION_PROMPT), confirmationCallback({ options, defaultOption: 0 })]);
    }
    if (code.length > MAX_CODE_LENGTH) return goTo('failureOutcome');
    const now = ctx.services.clock.now();
    if (pending !== undefined) {
      const next = checked(config, pending.sharedSecret, pending.data, code, now);
      if (next === undefined) return goTo('failureOutcome');
      keepPendingDevice(state, { ...pending, data: next }, pendingWantsRecoveryCodes(state));
      recordAuthMethod(ctx.state, 'otp');
      return goTo('successOutcome');
    }
    if (!(await verifyStored(devices, who, apps, config, code, now))) return goTo('failureOutcome');
    recordAuthMethod(ctx.state, 'otp');
    return goTo('successOutcome');
  },
});
