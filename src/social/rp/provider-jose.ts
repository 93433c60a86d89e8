/**
 * JOSE between the realm and a provider: encrypting our JWTs to the provider's encryption key,
 * verifying what the provider signed with its published keys, and decrypting what it encrypted to
 * the realm's keys (chosen by `kid`, retired keys included).
 */
import { CompactEncrypt, compactDecrypt, compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { JWT_ENCRYPTION_METHODS, type SocialProviderConfig } from '../provider-config.ts';
import { type SocialRpErrorCode, socialRpError } from './errors.ts';
import type { RelyingParty } from './relying-party.ts';

const KEY_MANAGEMENT_ALGORITHMS = ['RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512', 'ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW'];
const CONTENT_ENCRYPTION_ALGORITHMS = Object.values(JWT_ENCRYPTION_METHODS);
const ASYMMETRIC_SIGNING = /^(RS|PS|ES)(256|384|512)$|^EdDSA$|^Ed25519$/;
const HMAC_SIGNING = /^HS(256|384|512)$/;

/** The URL of the provider's key set: the configured `jwksUriEndpoint`, else the discovered `jwks_uri`. */
export async function providerJwksUri(rp: RelyingParty, provider: SocialProviderConfig): Promise<string> {
  if (provider.jwksUriEndpoint) return provider.jwksUriEndpoint;
  if (provider.wellKnownEndpoint) {
    const discovered = (await rp.metadata.discovery(provider.wellKnownEndpoint, rp.http)).jwks_uri;
    if (typeof discovered === 'string' && discovered !== '') return discovered;
  }
  throw socialRpError('CONFIGURATION_INVALID', `provider ${provider.name} has no JWKS URI (neither jwksUriEndpoint nor a discovered jwks_uri)`);
}

/** Encrypts a compact JWS to the provider's encryption key (nested JWT, `cty: JWT`), as configured by `jwtEncryptionAlgorithm`/`jwtEncryptionMethod`. */
export async function encryptToProvider(rp: RelyingParty, provider: SocialProviderConfig, jws: string): Promise<string> {
  const alg = provider.jwtEncryptionAlgorithm;
  if (provider.jwtEncryptionMethod === 'NONE' || alg === 'NONE' || alg === '') {
    throw socialRpError('CONFIGURATION_INVALID', `provider ${provider.name} must encrypt but has no JWT encryption algorithm and method`);
  }
  if (!KEY_MANAGEMENT_ALGORITHMS.includes(alg)) {
    throw socialRpError('CONFIGURATION_INVALID', `provider ${provider.name}: JWT encryption algorithm ${alg} is not supported (asymmetric only)`);
  }
  const enc = JWT_ENCRYPTION_METHODS[provider.jwtEncryptionMethod];
  const jwksUri = await providerJwksUri(rp, provider);
  const jwk = await rp.metadata.findKey(jwksUri, rp.http, { alg, use: 'enc' });
  if (jwk === undefined) throw socialRpError('CONFIGURATION_INVALID', `provider ${provider.name} publishes no encryption key for ${alg} at ${jwksUri}`);
  const key = await importJWK(jwk, alg);
  return new CompactEncrypt(new TextEncoder().encode(jws))
    .setProtectedHeader({ alg, enc, cty: 'JWT', ...(jwk.kid === undefined ? {} : { kid: jwk.kid }) })
    .encrypt(key);
}

/** Decrypts a compact JWE sent to the realm; the plaintext as text. Throws `failure` when no realm key opens it. */
export async function decryptForRealm(rp: RelyingParty, realm: string, jwe: string, failure: SocialRpErrorCode, what: string): Promise<string> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(jwe).kid;
  } catch {
    throw socialRpError(failure, `the ${what} is not a JWE`);
  }
  const keys = await rp.keys.decryptionKeys(realm);
  const candidates = kid === undefined ? keys : keys.filter((key) => key.kid === kid);
  if (candidates.length === 0) throw socialRpError(failure, `the ${what} is encrypted to key ${kid ?? '(no kid)'}, which realm ${realm} does not have`);
  let lastError: unknown;
  for (const candidate of candidates) {
    try {
      const { plaintext } = await compactDecrypt(jwe, candidate.key, {
        keyManagementAlgorithms: KEY_MANAGEMENT_ALGORITHMS,
        contentEncryptionAlgorithms: CONTENT_ENCRYPTION_ALGORITHMS,
      });
      return new TextDecoder().decode(plaintext);
    } catch (error) {
      lastError = error;
    }
  }
  throw socialRpError(failure, `the ${what} could not be decrypted with realm ${realm}'s keys`, lastError);
}

/** Verifies a compact JWS signed by the provider (its JWKS; or the client secret for HS*); the payload as text. */
export async function verifyProviderSignature(
  rp: RelyingParty,
  provider: SocialProviderConfig,
  jws: string,
  failure: SocialRpErrorCode,
  what: string,
): Promise<string> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    throw socialRpError(failure, `the ${what} is not a JWS`);
  }
  const alg = header.alg;
  if (typeof alg !== 'string') throw socialRpError(failure, `the ${what} has no alg`);
  let key: Awaited<ReturnType<typeof importJWK>>;
  if (HMAC_SIGNING.test(alg)) {
    if (!provider.clientSecret) throw socialRpError(failure, `the ${what} is signed with ${alg} but provider ${provider.name} has no client secret`);
    key = new TextEncoder().encode(provider.clientSecret);
  } else if (ASYMMETRIC_SIGNING.test(alg)) {
    const jwksUri = await providerJwksUri(rp, provider);
    const jwk: JWK | undefined = await rp.metadata.findKey(jwksUri, rp.http, { kid: header.kid, alg, use: 'sig' });
    if (jwk === undefined) {
      throw socialRpError('UNKNOWN_SIGNING_KEY', `the ${what} is signed with key ${header.kid ?? '(no kid)'} (${alg}), which provider ${provider.name} does not publish at ${jwksUri}`);
    }
    key = await importJWK(jwk, alg);
  } else {
    throw socialRpError(failure, `the ${what} uses signing algorithm ${alg}, which is not accepted`);
  }
  try {
    const { payload } = await compactVerify(jws, key, { algorithms: [alg] });
    return new TextDecoder().decode(payload);
  } catch (error) {
    throw socialRpError(failure, `the ${what}'s signature does not verify`, error);
  }
}

/** The number of dot-separated parts of a compact JOSE value (3: JWS, 5: JWE), 0 when it is none. */
export function compactParts(value: string): number {
  return /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]*)+$/.test(value) ? value.split('.').length : 0;
}
