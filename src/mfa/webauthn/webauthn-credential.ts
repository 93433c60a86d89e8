/**
 * A WebAuthn credential as Arbor keeps it in a `webauthn` device's `data` (none of it is secret: a
 * public key is public): the credential id and COSE public key (base64url), the signature counter,
 * the transports, the authenticator's AAGUID and the COSE algorithm. Also the user handle of
 * discoverable credentials (passkeys): the user's `_id`, base64url-encoded.
 */
import { webAuthnError } from './webauthn-errors.ts';

/** The credential fields of a `webauthn` device's `data`. */
export interface WebAuthnCredentialData {
  /** base64url. */
  credentialId: string;
  /** The COSE_Key, base64url. */
  publicKey: string;
  /** The last signature counter seen (0: the authenticator keeps none). */
  counter: number;
  transports: string[];
  aaguid: string;
  /** COSE algorithm number (-7 ES256, -257 RS256…), when known. */
  algorithm?: number;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The credential of a device's `data`; WEBAUTHN_DEVICE_INVALID when it is not one. */
export function credentialOf(data: Record<string, unknown>): WebAuthnCredentialData {
  const own = (key: string): unknown => (Object.hasOwn(data, key) ? data[key] : undefined);
  const credentialId = own('credentialId');
  const publicKey = own('publicKey');
  const counter = own('counter');
  const transports = own('transports');
  const aaguid = own('aaguid');
  const algorithm = own('algorithm');
  if (typeof credentialId !== 'string' || !BASE64URL.test(credentialId) || typeof publicKey !== 'string' || !BASE64URL.test(publicKey)) {
    throw webAuthnError('WEBAUTHN_DEVICE_INVALID', 'The device holds no WebAuthn credential');
  }
  if (typeof counter !== 'number' || !Number.isInteger(counter) || counter < 0) throw webAuthnError('WEBAUTHN_DEVICE_INVALID', 'The device has no valid counter');
  return {
    credentialId,
    publicKey,
    counter,
    transports: Array.isArray(transports) ? transports.filter((transport): transport is string => typeof transport === 'string') : [],
    aaguid: typeof aaguid === 'string' ? aaguid : '',
    ...(typeof algorithm === 'number' ? { algorithm } : {}),
  };
}

/** The device `data` of a credential. */
export function credentialData(credential: WebAuthnCredentialData): Record<string, unknown> {
  return { ...credential, transports: [...credential.transports] };
}

/** The user handle of a user: their `_id`, base64url-encoded (what `user.id` holds at registration). */
export function userHandleOf(userId: string): string {
  return Buffer.from(userId, 'utf8').toString('base64url');
}

/** The `_id` a user handle names, undefined when it is not a base64url user handle. */
export function userIdOfHandle(handle: string): string | undefined {
  if (!BASE64URL.test(handle) || handle.length > 512) return undefined;
  const id = Buffer.from(handle, 'base64url').toString('utf8');
  return id !== '' && userHandleOf(id) === handle ? id : undefined;
}
