/**
 * ID token validation: decrypted with the realm's keys when the provider encrypts
 * (`encryptedIdTokens`), the signature verified with the provider's published keys, then the
 * claims: issuer (EXACT or REGEX), audience, expiry (with the clock tolerance), nonce, acr.
 */
import type { SocialProviderConfig } from '../provider-config.ts';
import { socialRpError } from './errors.ts';
import { issuerMatches } from './issuer-matches.ts';
import { compactParts, decryptForRealm, verifyProviderSignature } from './provider-jose.ts';
import type { RelyingParty } from './relying-party.ts';
import { parseJsonObject } from './rp-http.ts';
import { printable } from './printable.ts';

/** What the ID token must match. */
export interface IdTokenExpectations {
  nonce?: string | undefined;
  acrValues?: readonly string[] | undefined;
}

/** The validated claims of `idToken`. */
export async function validateIdToken(
  rp: RelyingParty,
  provider: SocialProviderConfig,
  realm: string,
  idToken: string,
  expected: IdTokenExpectations,
): Promise<Record<string, unknown>> {
  let jws = idToken;
  const parts = compactParts(idToken);
  if (parts === 5) {
    jws = await decryptForRealm(rp, realm, idToken, 'ID_TOKEN_DECRYPTION_FAILED', 'ID token');
    if (compactParts(jws) !== 3) throw socialRpError('ID_TOKEN_INVALID', 'the decrypted ID token is not a signed JWT');
  } else if (parts !== 3) {
    throw socialRpError('ID_TOKEN_INVALID', 'the ID token is not a compact JWT');
  } else if (provider.encryptedIdTokens) {
    throw socialRpError('ID_TOKEN_DECRYPTION_FAILED', `provider ${provider.name} is configured to encrypt ID tokens but sent a plain one`);
  }
  const claims = parseJsonObject(await verifyProviderSignature(rp, provider, jws, 'ID_TOKEN_SIGNATURE_INVALID', 'ID token'));
  if (claims === undefined) throw socialRpError('ID_TOKEN_INVALID', 'the ID token payload is not a JSON object');

  if (!issuerMatches(provider, claims.iss)) {
    const actual = typeof claims.iss === 'string' ? printable(claims.iss) : '(none)';
    throw socialRpError('ISSUER_MISMATCH', `the ID token's issuer ${actual} does not match ${provider.issuerComparisonCheckType === 'REGEX' ? 'the pattern' : ''} ${provider.issuer}`);
  }
  const audience = claims.aud;
  const audiences = Array.isArray(audience) ? audience : [audience];
  if (!audiences.includes(provider.clientId)) throw socialRpError('ID_TOKEN_INVALID', `the ID token is not for client ${provider.clientId}`);
  if (audiences.length > 1 && claims.azp !== provider.clientId) throw socialRpError('ID_TOKEN_INVALID', 'the ID token has several audiences and another authorized party');
  if (typeof claims.sub !== 'string' || claims.sub === '') throw socialRpError('ID_TOKEN_INVALID', 'the ID token has no subject');

  const nowSeconds = rp.now() / 1000;
  const tolerance = rp.clockToleranceSeconds;
  if (typeof claims.exp !== 'number') throw socialRpError('ID_TOKEN_INVALID', 'the ID token has no expiry');
  if (claims.exp <= nowSeconds - tolerance) {
    throw socialRpError('ID_TOKEN_EXPIRED', `the ID token expired ${Math.round(nowSeconds - claims.exp)} s ago`);
  }
  if (typeof claims.iat !== 'number') throw socialRpError('ID_TOKEN_INVALID', 'the ID token has no issue time');
  if (claims.iat > nowSeconds + tolerance) throw socialRpError('ID_TOKEN_INVALID', 'the ID token is issued in the future');

  if (expected.nonce !== undefined && claims.nonce !== expected.nonce) {
    throw socialRpError('NONCE_MISMATCH', claims.nonce === undefined ? 'the ID token carries no nonce' : 'the ID token carries another nonce than the one sent');
  }
  if (expected.acrValues !== undefined && expected.acrValues.length > 0) {
    const acr = claims.acr;
    if (typeof acr !== 'string' || !expected.acrValues.includes(acr)) {
      throw socialRpError('ACR_NOT_SATISFIED', `the ID token's acr ${typeof acr === 'string' ? printable(acr) : '(none)'} is not one of ${expected.acrValues.join(', ')}`);
    }
  }
  return claims;
}
