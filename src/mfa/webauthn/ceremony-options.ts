/**
 * What a ceremony asks of the browser, in the shape AM's WebAuthn nodes give the ForgeRock SDK (the
 * MetadataCallback `data`, also AM's client-script `scriptContext`): a fresh challenge, the relying
 * party, the accepted algorithms, the authenticator selection and the credentials to allow or
 * exclude. Strings and numbers where AM sends strings (`timeout`, `authenticatorSelection`,
 * `pubKeyCredParams`), and the `_`-prefixed JSON twins newer AM versions add.
 */
import { randomBytes } from 'node:crypto';
import type { RelyingParty } from './relying-party.ts';

/** COSE algorithm numbers by AM's names (`acceptedSigningAlgorithms`). */
export const COSE_ALGORITHMS = { ES256: -7, ES384: -35, ES512: -36, RS1: -65535, RS256: -257, RS384: -258, RS512: -259, EDDSA: -8 } as const;

export type CoseAlgorithmName = keyof typeof COSE_ALGORITHMS;
export type UserVerification = 'required' | 'preferred' | 'discouraged';

/** A new challenge: 32 random bytes, base64url (as `clientDataJSON.challenge` carries it). */
export function newChallenge(): string {
  return randomBytes(32).toString('base64url');
}

/** A credential id (base64url) as AM lists it for the SDK: its bytes, signed. */
function signedBytes(base64url: string): number[] {
  return Array.from(new Int8Array(Buffer.from(base64url, 'base64url')));
}

/** AM's JavaScript form of credential descriptors, which the SDK parses (`new Int8Array([…]).buffer`). */
function descriptorsAsScript(credentialIds: readonly string[]): string {
  return credentialIds.map((id) => `{"type":"public-key","id":new Int8Array(${JSON.stringify(signedBytes(id))}).buffer}`).join(',');
}

/** What a registration asks. */
export interface RegistrationRequest {
  rp: RelyingParty;
  rpName: string;
  /** base64url. */
  challenge: string;
  /** The user handle (`userHandleOf(_id)`). */
  userHandle: string;
  userName: string;
  displayName: string;
  attestation: 'none' | 'indirect' | 'direct';
  userVerification: UserVerification;
  attachment?: 'platform' | 'cross-platform';
  residentKeyRequired: boolean;
  algorithms: readonly number[];
  timeoutSeconds: number;
  /** Credential ids the user already has, when they are to be excluded. */
  exclude: readonly string[];
}

/** The registration metadata (AM's `scriptContext` for `webauthn_registration`). */
export function registrationMetadata(request: RegistrationRequest): Record<string, unknown> {
  const selection: Record<string, unknown> = { userVerification: request.userVerification };
  if (request.attachment !== undefined) selection.authenticatorAttachment = request.attachment;
  selection.residentKey = request.residentKeyRequired ? 'required' : 'discouraged';
  if (request.residentKeyRequired) selection.requireResidentKey = true;
  const params = request.algorithms.map((alg) => ({ type: 'public-key', alg }));
  return {
    _action: 'webauthn_registration',
    challenge: Buffer.from(request.challenge, 'base64url').toString('base64'),
    attestationPreference: request.attestation,
    userName: request.userName,
    userId: request.userHandle,
    relyingPartyName: request.rpName,
    authenticatorSelection: JSON.stringify(selection),
    _authenticatorSelection: selection,
    pubKeyCredParams: JSON.stringify(params),
    _pubKeyCredParams: params,
    timeout: String(request.timeoutSeconds * 1000),
    excludeCredentials: descriptorsAsScript(request.exclude),
    _excludeCredentials: request.exclude.map((id) => ({ type: 'public-key', id: signedBytes(id) })),
    displayName: request.displayName,
    relyingPartyId: `id: "${request.rp.id}",`,
    _relyingPartyId: request.rp.id,
    extensions: {},
  };
}

/** What an authentication asks. */
export interface AuthenticationRequest {
  rp: RelyingParty;
  /** base64url. */
  challenge: string;
  userVerification: UserVerification;
  timeoutSeconds: number;
  /** The user's credential ids; empty for a discoverable credential (no username known). */
  allow: readonly string[];
}

/** The authentication metadata (AM's `scriptContext` for `webauthn_authentication`). */
export function authenticationMetadata(request: AuthenticationRequest): Record<string, unknown> {
  return {
    _action: 'webauthn_authentication',
    challenge: Buffer.from(request.challenge, 'base64url').toString('base64'),
    allowCredentials: request.allow.length === 0 ? '' : `allowCredentials: [${descriptorsAsScript(request.allow)}]`,
    _allowCredentials: request.allow.map((id) => ({ type: 'public-key', id: signedBytes(id) })),
    timeout: String(request.timeoutSeconds * 1000),
    userVerification: request.userVerification,
    relyingPartyId: `rpId: "${request.rp.id}",`,
    _relyingPartyId: request.rp.id,
    extensions: {},
  };
}
