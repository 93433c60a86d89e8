/**
 * WebAuthn Registration (`WebAuthnRegistrationNode`): registers a security key or passkey for the
 * journey's user, driven unchanged by the ForgeRock SDK's `FRWebAuthn.register`. It sends the
 * creation options (a MetadataCallback, or AM's script when `asScript`) and the HiddenValueCallback
 * `webAuthnOutcome`, then verifies the attestation (challenge, origin, rp id, flags, algorithm,
 * statement) and keeps the credential as the user's `webauthn` device (or, with
 * `postponeDeviceProfileStorage`, in transient state for the WebAuthn Device Storage node), with
 * ten new recovery codes when `generateRecoveryCodes`. Outcomes as AM: `unsupported` (no WebAuthn
 * in the browser), `success`, `failure` (unknown user, answer not verified), `error` (the browser
 * refused: the DOM exception goes to shared `WebAuthenticationDOMException`) and
 * `exceedDeviceLimit` (the user already has `maxSavedDevices` devices).
 */
import { findJourneyUser } from '../../identified-user.ts';
import { Type } from '@sinclair/typebox';
import { generateRecoveryCodes, RECOVERY_CODES_KEY, storeRecoveryCodes } from '../../../../devices/recovery-codes.ts';
import { COSE_ALGORITHMS, type CoseAlgorithmName, newChallenge, registrationMetadata } from '../../../../mfa/webauthn/ceremony-options.ts';
import { parseRegistrationAnswer, readClientOutcome } from '../../../../mfa/webauthn/client-outcome.ts';
import { credentialData, credentialOf, userHandleOf } from '../../../../mfa/webauthn/webauthn-credential.ts';
import { isWebAuthnError } from '../../../../mfa/webauthn/webauthn-errors.ts';
import { verifyRegistration } from '../../../../mfa/webauthn/verify-registration.ts';
import { goTo, send, type NodeAction } from '../../../engine/actions.ts';
import { defineNode } from '../../../engine/define-node.ts';
import { REGISTRATION_SCRIPT } from './webauthn-client-scripts.ts';
import {
  AAGUID_KEY,
  ATTESTATION_INFO_KEY,
  ATTESTATION_TYPE_KEY,
  CHALLENGE_KEY,
  ceremonyCallbacks,
  DEFAULT_DEVICE_NAME,
  DEVICE_DATA_KEY,
  deviceRealm,
  devicesOf,
  DOM_EXCEPTION_KEY,
  RECOVERY_CODE_DEVICE_NAME_KEY,
  relyingPartyOf,
  STATE_DATA_KEY,
  submittedOutcome,
  userNameOf,
  userVerificationOf,
  userVerificationSchema,
} from './webauthn-node-support.ts';

const ALGORITHM_NAMES = Object.keys(COSE_ALGORITHMS) as CoseAlgorithmName[];

/** AM's outcome ids, in AM's order. */
export const REGISTRATION_OUTCOMES = ['unsupported', 'success', 'failure', 'error', 'exceedDeviceLimit'] as const;

/** WebAuthn Registration. */
export const webAuthnRegistrationNode = defineNode({
  type: 'WebAuthnRegistrationNode',
  displayName: 'WebAuthn Registration Node',
  category: 'basic authentication',
  description: 'Registers a security key or passkey for the user.',
  config: Type.Object({
    relyingPartyName: Type.String({ default: 'ForgeRock', minLength: 1, maxLength: 200, description: 'The name the authenticator shows.' }),
    relyingPartyDomain: Type.Optional(Type.String({ maxLength: 253, description: "The rp id; the host of the server's public URL when empty." })),
    origins: Type.Array(Type.String({ maxLength: 2048 }), { default: [], maxItems: 50, description: "Accepted origins; the public URL's origin when empty." }),
    userVerificationRequirement: userVerificationSchema,
    attestationPreference: Type.Union([Type.Literal('NONE'), Type.Literal('INDIRECT'), Type.Literal('DIRECT')], { default: 'NONE', description: 'The attestation asked for.' }),
    acceptedSigningAlgorithms: Type.Array(Type.Union(ALGORITHM_NAMES.map((name) => Type.Literal(name))), { default: ['ES256', 'RS256'], minItems: 1, description: 'COSE algorithms accepted.' }),
    authenticatorAttachment: Type.Union([Type.Literal('UNSPECIFIED'), Type.Literal('PLATFORM'), Type.Literal('CROSS_PLATFORM')], { default: 'UNSPECIFIED', description: 'Built-in (platform) or roaming (cross-platform) authenticators only.' }),
    trustStoreAlias: Type.Optional(Type.String({ description: "AM's trust store for CA attestation (accepted, not used: attestation certificates are not checked against a store)." })),
    enforceRevocationCheck: Type.Boolean({ default: false, description: 'AM: check attestation certificates for revocation (accepted, not used).' }),
    timeout: Type.Integer({ default: 60, minimum: 1, maximum: 3600, description: 'Seconds the browser waits for the authenticator.' }),
    excludeCredentials: Type.Boolean({ default: false, description: "Refuse an authenticator that already holds one of the user's credentials." }),
    generateRecoveryCodes: Type.Boolean({ default: true, description: 'Make ten recovery codes (transient `recoveryCodes`).' }),
    storeAttestationDataInTransientState: Type.Boolean({ default: false, description: 'Leave the answer, attestation format and AAGUID in transient state.' }),
    postponeDeviceProfileStorage: Type.Boolean({ default: false, description: 'Leave the device in transient state for the WebAuthn Device Storage node.' }),
    requiresResidentKey: Type.Boolean({ default: false, description: 'Ask for a discoverable credential (a passkey: sign-in without a username).' }),
    displayNameSharedState: Type.Optional(Type.String({ maxLength: 200, description: "The shared state key holding the user's display name." })),
    asScript: Type.Boolean({ default: true, description: "Send AM's client script (a TextOutputCallback) instead of a MetadataCallback." }),
    maxSavedDevices: Type.Integer({ default: 0, minimum: 0, description: 'Most WebAuthn devices a user may have; 0 is no limit.' }),
    validateFidoU2fAaguid: Type.Boolean({ default: true, description: 'AM: check the AAGUID of FIDO U2F attestations (accepted, not used).' }),
    fidoCertificationLevel: Type.String({ default: 'OFF', description: 'AM: the FIDO certification level required (accepted, not used).' }),
  }),
  outcomes: (config) => REGISTRATION_OUTCOMES.filter((outcome) => outcome !== 'exceedDeviceLimit' || (!config.postponeDeviceProfileStorage && config.maxSavedDevices > 0)),
  async process(ctx): Promise<NodeAction> {
    const { config, state } = ctx;
    const user = await findJourneyUser(ctx);
    if (user === undefined) return goTo('failure');
    const devices = devicesOf(ctx);
    const realm = deviceRealm(ctx.request.realm);

    const outcome = readOutcome(submittedOutcome(ctx.callbacks));
    if (outcome === undefined) {
      delete state.transient[CHALLENGE_KEY];
      return goTo('failure');
    }
    if (outcome.kind === 'none') {
      const existing = await devices.list(realm, user._id, 'webauthn');
      if (!config.postponeDeviceProfileStorage && config.maxSavedDevices > 0 && existing.length >= config.maxSavedDevices) return goTo('exceedDeviceLimit');
      const challenge = newChallenge();
      state.transient[CHALLENGE_KEY] = challenge;
      const userName = userNameOf(user);
      const displayName = config.displayNameSharedState === undefined ? undefined : state.shared[config.displayNameSharedState];
      const metadata = registrationMetadata({
        rp: relyingPartyOf(ctx, config),
        rpName: config.relyingPartyName,
        challenge,
        userHandle: userHandleOf(user._id),
        userName,
        displayName: typeof displayName === 'string' && displayName !== '' ? displayName : userName,
        attestation: config.attestationPreference === 'DIRECT' ? 'direct' : config.attestationPreference === 'INDIRECT' ? 'indirect' : 'none',
        userVerification: userVerificationOf(config.userVerificationRequirement),
        ...(config.authenticatorAttachment === 'PLATFORM' ? { attachment: 'platform' } : config.authenticatorAttachment === 'CROSS_PLATFORM' ? { attachment: 'cross-platform' } : {}),
        residentKeyRequired: config.requiresResidentKey,
        algorithms: config.acceptedSigningAlgorithms.map((name) => COSE_ALGORITHMS[name]),
        timeoutSeconds: config.timeout,
        exclude: config.excludeCredentials ? existing.flatMap((device) => credentialIdOf(device.data)) : [],
      });
      return send(ceremonyCallbacks(config.asScript, metadata, REGISTRATION_SCRIPT));
    }

    const challenge = state.transient[CHALLENGE_KEY];
    delete state.transient[CHALLENGE_KEY];
    if (outcome.kind === 'unsupported') return goTo('unsupported');
    if (outcome.kind === 'error') {
      state.shared[DOM_EXCEPTION_KEY] = outcome.error;
      return goTo('error');
    }
    if (typeof challenge !== 'string') return goTo('failure');

    let verified: Awaited<ReturnType<typeof verifyRegistration>>;
    let deviceName: string;
    try {
      const answer = parseRegistrationAnswer(outcome.legacyData);
      verified = await verifyRegistration(answer, {
        challenge,
        rp: relyingPartyOf(ctx, config),
        requireUserVerification: config.userVerificationRequirement === 'REQUIRED',
        algorithms: config.acceptedSigningAlgorithms.map((name) => COSE_ALGORITHMS[name]),
      });
      deviceName = answer.deviceName ?? DEFAULT_DEVICE_NAME;
    } catch (error) {
      if (isWebAuthnError(error)) return goTo('failure');
      throw error;
    }
    const existing = await devices.list(realm, user._id, 'webauthn');
    if (existing.some((device) => credentialIdOf(device.data).includes(verified.credential.credentialId))) return goTo('failure');

    state.transient[ATTESTATION_INFO_KEY] = { flags: verified.flags, ...(outcome.authenticatorAttachment === undefined ? {} : { authenticatorAttachment: outcome.authenticatorAttachment }) };
    if (config.storeAttestationDataInTransientState) {
      state.transient[STATE_DATA_KEY] = outcome.legacyData;
      state.transient[ATTESTATION_TYPE_KEY] = verified.attestationType;
      state.transient[AAGUID_KEY] = verified.credential.aaguid;
    }
    const data = credentialData(verified.credential);
    if (config.postponeDeviceProfileStorage) {
      state.transient[DEVICE_DATA_KEY] = { deviceName, data };
      return goTo('success');
    }
    await devices.add(realm, user._id, 'webauthn', { deviceName, data });
    if (config.generateRecoveryCodes) {
      const codes = generateRecoveryCodes();
      await storeRecoveryCodes(devices, realm, user._id, 'webauthn', codes);
      state.transient[RECOVERY_CODES_KEY] = codes;
      state.transient[RECOVERY_CODE_DEVICE_NAME_KEY] = deviceName;
    }
    return goTo('success');
  },
});

/** The client's answer, undefined when it is malformed. */
function readOutcome(value: unknown): ReturnType<typeof readClientOutcome> | undefined {
  try {
    return readClientOutcome(value);
  } catch (error) {
    if (isWebAuthnError(error)) return undefined;
    throw error;
  }
}

/** The credential id of a stored device, none when its data is no credential. */
function credentialIdOf(data: Record<string, unknown>): string[] {
  try {
    return [credentialOf(data).credentialId];
  } catch {
    return [];
  }
}
