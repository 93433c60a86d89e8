/**
 * Client assertions for PRIVATE_KEY_JWT and ENCRYPTED_PRIVATE_KEY_JWT: a JWT signed with the
 * realm's key (`jwtSigningAlgorithm`, `kid` from the key source), `iss` = `sub` = the client id,
 * `aud` = `privateKeyJwtAudience` or the token endpoint, a fresh `jti`, living
 * `privateKeyJwtExpTime` seconds; for the encrypted method then encrypted to the provider's key
 * (`cty: JWT`). A new assertion per request unless the provider is known to accept reuse.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SocialProviderConfig } from '../provider-config.ts';
import { socialRpError } from './errors.ts';
import { encryptToProvider } from './provider-jose.ts';
import type { RelyingParty } from './relying-party.ts';

const REUSE_MARGIN_SECONDS = 30;

/** The client assertion to send to `tokenEndpoint` now. */
export async function clientAssertion(rp: RelyingParty, provider: SocialProviderConfig, realm: string, tokenEndpoint: string): Promise<string> {
  const audience = provider.privateKeyJwtAudience || tokenEndpoint;
  const nowSeconds = Math.floor(rp.now() / 1000);
  const reuse = rp.reusesClientAssertions(provider, realm);
  const cacheKey = JSON.stringify([realm, provider.name, provider.clientId, audience, provider.clientAuthenticationMethod]);
  if (reuse) {
    const cached = rp.assertions.get(cacheKey, nowSeconds, REUSE_MARGIN_SECONDS);
    if (cached !== undefined) return cached;
  }
  const alg = provider.jwtSigningAlgorithm;
  if (alg === 'NONE' || alg === '' || alg.startsWith('HS')) {
    throw socialRpError('CONFIGURATION_INVALID', `provider ${provider.name}: private-key JWT needs an asymmetric JWT signing algorithm, not ${alg || 'none'}`);
  }
  const signingKey = await rp.keys.signingKey(realm, alg);
  const lifetime = provider.privateKeyJwtExpTime > 0 ? provider.privateKeyJwtExpTime : 600;
  const signed = await new SignJWT({})
    .setProtectedHeader({ alg, kid: signingKey.kid, typ: 'JWT' })
    .setIssuer(provider.clientId)
    .setSubject(provider.clientId)
    .setAudience(audience)
    .setJti(randomBytes(32).toString('base64url'))
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + lifetime)
    .sign(signingKey.key);
  const assertion = provider.clientAuthenticationMethod === 'ENCRYPTED_PRIVATE_KEY_JWT' ? await encryptToProvider(rp, provider, signed) : signed;
  if (reuse) rp.assertions.set(cacheKey, assertion, nowSeconds + lifetime);
  return assertion;
}
