/**
 * The `authId`: a readable HS256 JWS, as AM's, carrying the journey's index, realm, the id of the
 * server-side state and the step number. Signed with the realm's authId key.
 *
 * Signed and checked here with Node's HMAC, synchronously: a JWS of one algorithm needs no JOSE
 * library, and WebCrypto's asynchronous HMAC (a thread-pool job per signature) cost a journey step
 * several times the hash itself. The tokens are those `jose` writes and reads (its
 * `SignJWT`/`jwtVerify` with HS256): the same bytes, the same claims checked.
 */
import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';
import { isJsonObject } from '../../json/is-json-object.ts';
import { journeyError } from './errors.ts';

/** A symmetric key with its id: a secret `KeyObject` made once, or raw bytes. */
export interface KeyMaterial {
  kid: string;
  key: KeyObject | Uint8Array;
}

/** Supplies a realm's authId signing key and the keys still accepted. */
export interface AuthIdKeys {
  active(realm: string): Promise<KeyMaterial>;
  all(realm: string): Promise<KeyMaterial[]>;
}

/** The claims of an authId. */
export interface AuthIdClaims {
  authIndexType: string;
  authIndexValue: string;
  /** Realm path (`/alpha`). */
  realm: string;
  /** Id of the stored journey state. */
  sessionId: string;
  step: number;
}

/** Base64url without padding: the only text a JWS part may be. */
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function encodePart(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The JSON object a part holds; undefined for anything else. */
function decodePart(part: string): Record<string, unknown> | undefined {
  if (!BASE64URL.test(part)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function signature(signingInput: string, key: KeyObject | Uint8Array): string {
  return createHmac('sha256', key).update(signingInput).digest('base64url');
}

/** Signs an authId valid until `expiresAt` (ms). */
export async function signAuthId(claims: AuthIdClaims, realmName: string, keys: AuthIdKeys, nowMs: number, expiresAtMs: number): Promise<string> {
  const key = await keys.active(realmName);
  const signingInput = `${encodePart({ typ: 'JWT', alg: 'HS256', kid: key.kid })}.${encodePart({ ...claims, iat: Math.floor(nowMs / 1000), exp: Math.floor(expiresAtMs / 1000) })}`;
  return `${signingInput}.${signature(signingInput, key.key)}`;
}

function isClaims(payload: Record<string, unknown>): payload is Record<string, unknown> & AuthIdClaims {
  return (
    typeof payload.authIndexType === 'string' &&
    typeof payload.authIndexValue === 'string' &&
    typeof payload.realm === 'string' &&
    typeof payload.sessionId === 'string' &&
    typeof payload.step === 'number'
  );
}

/** Whether `given` is the signature `key` makes of `signingInput` (in constant time). */
function signedWith(signingInput: string, given: string, key: KeyObject | Uint8Array): boolean {
  const expected = Buffer.from(signature(signingInput, key));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Verifies an authId of `realmName`. Not a JWS → AUTH_ID_MALFORMED; bad signature or claims →
 * AUTH_ID_INVALID; expired → AUTH_ID_EXPIRED (checked after the signature, as `jwtVerify` does).
 */
export async function verifyAuthId(authId: string, realmName: string, keys: AuthIdKeys, nowMs: number): Promise<AuthIdClaims & { expiresAt: number }> {
  const parts = authId.split('.');
  const header = parts.length === 3 ? decodePart(parts[0] ?? '') : undefined;
  if (header === undefined || header.alg !== 'HS256') throw journeyError('AUTH_ID_MALFORMED', 'authId is not a valid JWS');
  const kid = header.kid;
  const [encodedHeader = '', encodedPayload = '', given = ''] = parts;
  const signingInput = `${encodedHeader}.${encodedPayload}`;
  // A header that asks for extensions (`crit`) or an unencoded payload (`b64`) is not one Arbor signs.
  const plain = header.crit === undefined && header.b64 === undefined;
  const candidates = (await keys.all(realmName)).filter((k) => kid === undefined || k.kid === kid);
  const key = candidates.find((candidate) => BASE64URL.test(given) && signedWith(signingInput, given, candidate.key));
  const payload = plain && key !== undefined ? decodePart(encodedPayload) : undefined;
  if (payload === undefined) throw journeyError('AUTH_ID_INVALID', 'authId signature or claims are invalid');
  // The registered time claims, as `jwtVerify` reads them (whole seconds, no tolerance).
  const now = Math.floor(nowMs / 1000);
  const { exp, iat, nbf } = payload;
  const times = [exp, iat, nbf].every((claim) => claim === undefined || (typeof claim === 'number' && Number.isFinite(claim)));
  if (!times || (typeof nbf === 'number' && nbf > now)) throw journeyError('AUTH_ID_INVALID', 'authId signature or claims are invalid');
  if (typeof exp === 'number' && exp <= now) throw journeyError('AUTH_ID_EXPIRED', 'Session has timed out');
  if (!isClaims(payload)) throw journeyError('AUTH_ID_INVALID', 'authId signature or claims are invalid');
  const { authIndexType, authIndexValue, realm, sessionId, step } = payload;
  return { authIndexType, authIndexValue, realm, sessionId, step, expiresAt: (typeof exp === 'number' ? exp : 0) * 1000 };
}
