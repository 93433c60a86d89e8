/**
 * The `authId`: a readable HS256 JWS, as AM's, carrying the journey's index, realm, the id of the
 * server-side state and the step number. Signed with the realm's authId key.
 */
import { SignJWT, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { journeyError } from './errors.ts';

/** A symmetric key with its id: an HMAC SHA-256 `CryptoKey` imported once (sign and verify), or raw bytes, imported on every use. */
export interface KeyMaterial {
  kid: string;
  key: CryptoKey | Uint8Array;
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

/** Signs an authId valid until `expiresAt` (ms). */
export async function signAuthId(claims: AuthIdClaims, realmName: string, keys: AuthIdKeys, nowMs: number, expiresAtMs: number): Promise<string> {
  const key = await keys.active(realmName);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ typ: 'JWT', alg: 'HS256', kid: key.kid })
    .setIssuedAt(Math.floor(nowMs / 1000))
    .setExpirationTime(Math.floor(expiresAtMs / 1000))
    .sign(key.key);
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

/**
 * Verifies an authId of `realmName`. Not a JWS → AUTH_ID_MALFORMED; bad signature or claims →
 * AUTH_ID_INVALID; expired → AUTH_ID_EXPIRED.
 */
export async function verifyAuthId(authId: string, realmName: string, keys: AuthIdKeys, nowMs: number): Promise<AuthIdClaims & { expiresAt: number }> {
  let kid: string | undefined;
  try {
    const header = decodeProtectedHeader(authId);
    if (header.alg !== 'HS256') throw new Error('alg');
    kid = header.kid;
  } catch {
    throw journeyError('AUTH_ID_MALFORMED', 'authId is not a valid JWS');
  }
  const candidates = (await keys.all(realmName)).filter((k) => kid === undefined || k.kid === kid);
  for (const candidate of candidates) {
    try {
      const { payload } = await jwtVerify(authId, candidate.key, { algorithms: ['HS256'], currentDate: new Date(nowMs) });
      if (!isClaims(payload)) break;
      const { authIndexType, authIndexValue, realm, sessionId, step } = payload;
      return { authIndexType, authIndexValue, realm, sessionId, step, expiresAt: (typeof payload.exp === 'number' ? payload.exp : 0) * 1000 };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw journeyError('AUTH_ID_EXPIRED', 'Session has timed out');
    }
  }
  throw journeyError('AUTH_ID_INVALID', 'authId signature or claims are invalid');
}
