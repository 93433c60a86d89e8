/**
 * WebAuthn Authentication (`WebAuthnAuthenticationNode`): signs the user in with a registered
 * security key or passkey, driven unchanged by the ForgeRock SDK's `FRWebAuthn.authenticate`. With
 * a known user it allows that user's credentials (`noDevice` when there are none); with
 * `requiresResidentKey` no username is needed: the browser offers its discoverable credentials and
 * the user is the one the answer's user handle names (their `_id`, base64url), which the node then
 * sets in shared state (`_id`, `username`). The assertion is verified against the stored public
 * key, and the signature counter must increase when non-zero: a counter that went backwards
 * (a cloned authenticator) is `failure`, or AM's `successSignCountMismatch` when
 * `detectSignCountMismatch` asks for it. The new counter is written with a compare-and-set, so two
 * concurrent sign-ins cannot both pass with the same counter. With `isRecoveryCodeAllowed` a
 * ConfirmationCallback ("Use Recovery Code") leads to `recoveryCode`.
 */
import { findJourneyUser } from '../../identified-user.ts';
import { recordAuthMethod } from '../../../engine/auth-methods.ts';
import { Type } from '@sinclair/typebox';
import type { Device, DeviceService } from '../../../../devices/device-service.ts';
import { authenticationMetadata, newChallenge } from '../../../../mfa/webauthn/ceremony-options.ts';
import { type AuthenticationAnswer, type ClientOutcome, parseAuthenticationAnswer, readClientOutcome } from '../../../../mfa/webauthn/client-outcome.ts';
import { counterIncreased, type VerifiedAuthentication, verifyAuthentication } from '../../../../mfa/webauthn/verify-authentication.ts';
import { credentialData, credentialOf, userIdOfHandle, type WebAuthnCredentialData } from '../../../../mfa/webauthn/webauthn-credential.ts';
import { isWebAuthnError } from '../../../../mfa/webauthn/webauthn-errors.ts';
import { goTo, send, type NodeAction } from '../../../engine/actions.ts';
import { confirmationCallback } from '../../../engine/callback-builders.ts';
import type { Callback } from '../../../engine/callbacks.ts';
import { defineNode } from '../../../engine/define-node.ts';
import type { ManagedUserView } from '../../../engine/node-context.ts';
import { AUTHENTICATION_SCRIPT } from './webauthn-client-scripts.ts';
import {
  ASSERTION_INFO_KEY,
  CHALLENGE_KEY,
  ceremonyCallbacks,
  DEVICE_NAME_KEY,
  DEVICE_UUID_KEY,
  deviceRealm,
  devicesOf,
  DOM_EXCEPTION_KEY,
  relyingPartyOf,
  submittedOutcome,
  userNameOf,
  userVerificationOf,
  userVerificationSchema,
} from './webauthn-node-support.ts';

/** AM's outcome ids, in AM's order. */
export const AUTHENTICATION_OUTCOMES = ['unsupported', 'noDevice', 'success', 'failure', 'error', 'recoveryCode', 'successSignCountMismatch'] as const;

/** AM's label of the recovery code button. */
export const RECOVERY_CODE_BUTTON = 'Use Recovery Code';
/** AM's ConfirmationCallback index for the button, and the value it holds until pressed. */
const RECOVERY_PRESSED = 0;
const RECOVERY_NOT_PRESSED = 100;

/** AM's ConfirmationCallback for "Use Recovery Code". */
export function recoveryCodeCallback(): Callback {
  const callback = confirmationCallback({ options: [RECOVERY_CODE_BUTTON], messageType: 0, defaultOption: RECOVERY_PRESSED });
  return { ...callback, inputs: [{ suffix: '', value: RECOVERY_NOT_PRESSED, kind: 'number' }] };
}

/** A device with its credential. */
interface CredentialDevice {
  device: Device;
  credential: WebAuthnCredentialData;
}

function withCredentials(devices: Device[]): CredentialDevice[] {
  return devices.flatMap((device) => {
    try {
      return [{ device, credential: credentialOf(device.data) }];
    } catch {
      return [];
    }
  });
}

/** WebAuthn Authentication. */
export const webAuthnAuthenticationNode = defineNode({
  type: 'WebAuthnAuthenticationNode',
  displayName: 'WebAuthn Authentication Node',
  category: 'basic authentication',
  description: 'Signs the user in with a security key or passkey.',
  config: Type.Object({
    relyingPartyDomain: Type.Optional(Type.String({ maxLength: 253, description: "The rp id; the host of the server's public URL when empty." })),
    origins: Type.Array(Type.String({ maxLength: 2048 }), { default: [], maxItems: 50, description: "Accepted origins; the public URL's origin when empty." }),
    userVerificationRequirement: userVerificationSchema,
    isRecoveryCodeAllowed: Type.Boolean({ default: false, description: 'Offer "Use Recovery Code" (outcome `recoveryCode`).' }),
    timeout: Type.Integer({ default: 60, minimum: 1, maximum: 3600, description: 'Seconds the browser waits for the authenticator.' }),
    requiresResidentKey: Type.Boolean({ default: false, description: 'Usernameless: the passkey names the user.' }),
    asScript: Type.Boolean({ default: true, description: "Send AM's client script (a TextOutputCallback) instead of a MetadataCallback." }),
    detectSignCountMismatch: Type.Boolean({ default: false, description: 'A counter that did not increase leaves through `successSignCountMismatch` instead of `failure`.' }),
  }),
  outcomes: (config) =>
    AUTHENTICATION_OUTCOMES.filter((outcome) => (outcome !== 'recoveryCode' || config.isRecoveryCodeAllowed) && (outcome !== 'successSignCountMismatch' || config.detectSignCountMismatch)),
  async process(ctx): Promise<NodeAction> {
    const { config, state } = ctx;
    const devices = devicesOf(ctx);
    const realm = deviceRealm(ctx.request.realm);

    let user: ManagedUserView | undefined;
    let candidates: CredentialDevice[] = [];
    if (!config.requiresResidentKey) {
      user = await findJourneyUser(ctx);
      if (user === undefined) return goTo('failure');
      candidates = withCredentials(await devices.list(realm, user._id, 'webauthn'));
      if (candidates.length === 0) return goTo('noDevice');
    }

    if (config.isRecoveryCodeAllowed) {
      const confirmation = ctx.callbacks?.find((callback) => callback.type === 'ConfirmationCallback');
      if (confirmation?.inputs[''] === RECOVERY_PRESSED) {
        delete state.transient[CHALLENGE_KEY];
        return goTo('recoveryCode');
      }
    }

    let outcome: ClientOutcome;
    try {
      outcome = readClientOutcome(submittedOutcome(ctx.callbacks));
    } catch (error) {
      if (!isWebAuthnError(error)) throw error;
      delete state.transient[CHALLENGE_KEY];
      return goTo('failure');
    }
    if (outcome.kind === 'none') {
      const challenge = newChallenge();
      state.transient[CHALLENGE_KEY] = challenge;
      const metadata = authenticationMetadata({
        rp: relyingPartyOf(ctx, config),
        challenge,
        userVerification: userVerificationOf(config.userVerificationRequirement),
        timeoutSeconds: config.timeout,
        allow: candidates.map((candidate) => candidate.credential.credentialId),
      });
      return send(ceremonyCallbacks(config.asScript, metadata, AUTHENTICATION_SCRIPT, config.isRecoveryCodeAllowed ? [recoveryCodeCallback()] : []));
    }

    const challenge = state.transient[CHALLENGE_KEY];
    delete state.transient[CHALLENGE_KEY];
    if (outcome.kind === 'unsupported') return goTo('unsupported');
    if (outcome.kind === 'error') {
      state.shared[DOM_EXCEPTION_KEY] = outcome.error;
      return goTo('error');
    }
    if (typeof challenge !== 'string') return goTo('failure');

    let answer: AuthenticationAnswer;
    try {
      answer = parseAuthenticationAnswer(outcome.legacyData);
    } catch (error) {
      if (isWebAuthnError(error)) return goTo('failure');
      throw error;
    }
    if (config.requiresResidentKey) {
      const userId = answer.userHandle === undefined ? undefined : userIdOfHandle(answer.userHandle);
      user = userId === undefined ? undefined : await ctx.services.identity.getUser(ctx.identityResource, userId);
      if (user === undefined) return goTo('failure');
      candidates = withCredentials(await devices.list(realm, user._id, 'webauthn'));
      if (candidates.length === 0) return goTo('noDevice');
    }
    if (user === undefined) return goTo('failure');
    const chosen = candidates.find((candidate) => candidate.credential.credentialId === answer.credentialId);
    if (chosen === undefined) return goTo('failure');

    let verified: VerifiedAuthentication;
    try {
      verified = await verifyAuthentication(answer, {
        challenge,
        rp: relyingPartyOf(ctx, config),
        requireUserVerification: config.userVerificationRequirement === 'REQUIRED',
        credential: chosen.credential,
        counterMismatch: config.detectSignCountMismatch ? 'report' : 'refuse',
      });
    } catch (error) {
      if (isWebAuthnError(error)) return goTo('failure');
      throw error;
    }
    const saved = await saveCounter(devices, realm, user._id, chosen, verified, config.detectSignCountMismatch);
    if (saved === undefined) return goTo('failure');

    state.shared[DEVICE_UUID_KEY] = saved.id;
    state.shared[DEVICE_NAME_KEY] = saved.deviceName;
    state.transient[ASSERTION_INFO_KEY] = { flags: verified.flags, ...(outcome.authenticatorAttachment === undefined ? {} : { authenticatorAttachment: outcome.authenticatorAttachment }) };
    if (config.requiresResidentKey) {
      state.shared._id = user._id;
      state.shared.username = userNameOf(user);
    }
    recordAuthMethod(ctx.state, 'hwk');
    return goTo(verified.signCountMismatch ? 'successSignCountMismatch' : 'success');
  },
});

/**
 * Writes the new counter (and last access) with compare-and-set; when another sign-in changed the
 * device meanwhile, reads it again and writes only while the counter still increases. Undefined
 * when the counter no longer increases (a concurrent use of a cloned key) or the device is gone.
 */
async function saveCounter(devices: DeviceService, realm: string, userId: string, chosen: CredentialDevice, verified: VerifiedAuthentication, reportMismatch: boolean): Promise<Device | undefined> {
  let current = chosen;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const keepsRising = counterIncreased(current.credential.counter, verified.newCounter);
    if (!keepsRising && !reportMismatch) return undefined;
    const counter = Math.max(current.credential.counter, verified.newCounter);
    const stored = await devices.save(realm, userId, { ...current.device, data: { ...current.device.data, ...credentialData({ ...current.credential, counter }) } });
    if (stored !== undefined) return stored;
    const again = withCredentials(await devices.list(realm, userId, 'webauthn')).find((candidate) => candidate.device.id === chosen.device.id);
    if (again === undefined) return undefined;
    current = again;
  }
  return undefined;
}
