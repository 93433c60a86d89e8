/**
 * Request objects (`jwtRequestParameterOption` VALUE or REFERENCE): the authorization parameters
 * as claims of a JWT signed with the realm's key, `iss` = the client id, `aud` =
 * `requestObjectAudience` or the issuer; when `encryptJwtRequestParameter`, then encrypted to the
 * provider's key (nested JWT, `cty: JWT`), as itsme requires.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SocialProviderConfig } from '../provider-config.ts';
import { socialRpError } from './errors.ts';
import { encryptToProvider } from './provider-jose.ts';
import type { RelyingParty } from './relying-party.ts';

/** How long a request object is valid (seconds): as long as it is kept for the provider to fetch. */
const REQUEST_OBJECT_LIFETIME_SECONDS = 120;

/** The request object carrying `parameters` (`claims` as an object, the rest as strings). */
export async function buildRequestObject(
  rp: RelyingParty,
  provider: SocialProviderConfig,
  realm: string,
  parameters: Record<string, string>,
): Promise<string> {
  const alg = provider.jwtSigningAlgorithm;
  if (alg === 'NONE' || alg === '' || alg.startsWith('HS')) {
    throw socialRpError('CONFIGURATION_INVALID', `provider ${provider.name}: request objects need an asymmetric JWT signing algorithm, not ${alg || 'none'}`);
  }
  const audience = provider.requestObjectAudience || provider.issuer;
  if (!audience) throw socialRpError('CONFIGURATION_INVALID', `provider ${provider.name}: a request object needs requestObjectAudience or an issuer`);
  const claims: Record<string, unknown> = { ...parameters };
  if (parameters.claims !== undefined) claims.claims = JSON.parse(parameters.claims) as unknown;
  const signingKey = await rp.keys.signingKey(realm, alg);
  const nowSeconds = Math.floor(rp.now() / 1000);
  const signed = await new SignJWT(claims)
    .setProtectedHeader({ alg, kid: signingKey.kid })
    .setIssuer(provider.clientId)
    .setAudience(audience)
    .setJti(randomBytes(16).toString('base64url'))
    .setIssuedAt(nowSeconds)
    .setNotBefore(nowSeconds)
    .setExpirationTime(nowSeconds + REQUEST_OBJECT_LIFETIME_SECONDS)
    .sign(signingKey.key);
  return provider.encryptJwtRequestParameter ? encryptToProvider(rp, provider, signed) : signed;
}
