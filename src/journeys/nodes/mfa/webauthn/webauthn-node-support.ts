/**
 * What the WebAuthn nodes share: AM's state keys, the callbacks the ForgeRock SDK's FRWebAuthn
 * looks for (a MetadataCallback whose `data` has `relyingPartyId`, or AM's script as a
 * TextOutputCallback, and the HiddenValueCallback `webAuthnOutcome`), the realm's relying party,
 * the device service, the journey's user and the realm name of device calls.
 */
import { Type } from '@sinclair/typebox';
import type { Callback, SubmittedCallback } from '../../../engine/callbacks.ts';
import { outputValue } from '../../../engine/callbacks.ts';
import { textOutputCallback, hiddenValueCallback } from '../../../engine/callback-builders.ts';
import type { ManagedUserView, NodeContext } from '../../../engine/node-context.ts';
import { metadataCallback } from '../../platform/metadata-node.ts';
import { relyingPartyFor, type RelyingParty } from '../../../../mfa/webauthn/relying-party.ts';
import type { UserVerification } from '../../../../mfa/webauthn/ceremony-options.ts';
import type { DeviceService } from '../../../../devices/device-service.ts';
import { MFA_DEVICES } from '../mfa-devices.ts';
import { WEBAUTHN_SERVER } from './webauthn-server.ts';

/** The HiddenValueCallback id the SDK fills (AM's `OUTCOME`). */
export const WEBAUTHN_OUTCOME_ID = 'webAuthnOutcome';
/** Where the current challenge (base64url) waits for the answer; transient, used once. */
export const CHALLENGE_KEY = 'web-authn-challenge';
/** Shared: the DOM exception the browser reported (AM's key). */
export const DOM_EXCEPTION_KEY = 'WebAuthenticationDOMException';
/** Shared: the device used to sign in. */
export const DEVICE_UUID_KEY = 'webauthnDeviceUuid';
export const DEVICE_NAME_KEY = 'webauthnDeviceName';
/** Transient: a device whose storage was postponed to the WebAuthn Device Storage node. */
export const DEVICE_DATA_KEY = 'webauthnDeviceData';
/** Transient: flags of the registration / the assertion, for later nodes. */
export const ATTESTATION_INFO_KEY = 'webauthnAttestationInfo';
export const ASSERTION_INFO_KEY = 'webauthnAssertionInfo';
/** Transient (`storeAttestationDataInTransientState`). */
export const STATE_DATA_KEY = 'webauthnData';
export const ATTESTATION_TYPE_KEY = 'webauthnAttestationType';
export const AAGUID_KEY = 'webauthnDeviceAaguid';
/** Transient: the device name the Recovery Code Display node shows with the codes (AM's key). */
export const RECOVERY_CODE_DEVICE_NAME_KEY = 'recoveryCodeDeviceName';

/** AM's name for a device the client did not name. */
export const DEFAULT_DEVICE_NAME = 'New Security Key';

/** AM's `userVerificationRequirement` values. */
export const userVerificationSchema = Type.Union([Type.Literal('REQUIRED'), Type.Literal('PREFERRED'), Type.Literal('DISCOURAGED')], {
  default: 'PREFERRED',
  description: 'Whether the authenticator must verify the user (PIN, biometrics).',
});

/** The browser's value of AM's `userVerificationRequirement`. */
export function userVerificationOf(value: 'REQUIRED' | 'PREFERRED' | 'DISCOURAGED'): UserVerification {
  return value === 'REQUIRED' ? 'required' : value === 'DISCOURAGED' ? 'discouraged' : 'preferred';
}

/** The realm name of device calls: `/alpha` → `alpha`, `/` → `root`. */
export function deviceRealm(realmPath: string): string {
  const trimmed = realmPath.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? 'root' : trimmed;
}

/** The device service (CAPABILITY_MISSING when the MFA capability is not installed). */
export function devicesOf(ctx: Pick<NodeContext<unknown>, 'services'>): DeviceService {
  return ctx.services.capabilities.get(MFA_DEVICES);
}

/** The relying party of the realm, with the node's overrides. */
export function relyingPartyOf(ctx: Pick<NodeContext<unknown>, 'services'>, config: { relyingPartyDomain?: string | undefined; origins: readonly string[] }): RelyingParty {
  const domain = config.relyingPartyDomain?.trim() ?? '';
  if (domain !== '' && config.origins.length > 0 && !ctx.services.capabilities.has(WEBAUTHN_SERVER)) {
    return relyingPartyFor(config.origins[0] ?? `https://${domain}`, config);
  }
  return relyingPartyFor(ctx.services.capabilities.get(WEBAUTHN_SERVER).publicUrl, config);
}

/** The user's name as the authenticator shows it. */
export function userNameOf(user: ManagedUserView): string {
  const name = user.attributes.userName;
  return typeof name === 'string' && name !== '' ? name : user._id;
}

/** The submitted `webAuthnOutcome` value, undefined when it was not sent. */
export function submittedOutcome(callbacks: SubmittedCallback[] | undefined): unknown {
  const hidden = callbacks?.find((callback) => callback.type === 'HiddenValueCallback' && outputValue(callback, 'id') === WEBAUTHN_OUTCOME_ID);
  return hidden?.inputs[''];
}

/** JSON that stays inert inside a script or an HTML page (`<`, `>`, `&`, U+2028, U+2029 escaped). */
function inertJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The callbacks of a ceremony: with `asScript`, AM's script as a TextOutputCallback (type 4) whose
 * first line is `var scriptContext = <metadata>` (the SDK reads it from there); otherwise the
 * MetadataCallback with `_type: 'WebAuthn'`, the challenge in base64 and `supportsJsonResponse`.
 * Then the HiddenValueCallback the answer comes back in.
 */
export function ceremonyCallbacks(asScript: boolean, metadata: Record<string, unknown>, clientScript: string, extra: Callback[] = []): Callback[] {
  const first = asScript
    ? textOutputCallback(`var scriptContext = ${inertJson(metadata)}\n${clientScript}`, '4')
    : metadataCallback({ ...metadata, _type: 'WebAuthn', supportsJsonResponse: true });
  return [first, hiddenValueCallback(WEBAUTHN_OUTCOME_ID, 'false'), ...extra];
}
