/**
 * The OpenID userinfo call, its format enforced as configured (`userInfoResponseType`): JSON, a
 * signed JWT (verified with the provider's keys), or a signed-then-encrypted JWT (decrypted with
 * the realm's keys, then verified). The format is read from the body, not the Content-Type, since
 * providers send JWTs as `application/json` too; an answer in another format is an error.
 */
import type { SocialProviderConfig } from '../provider-config.ts';
import { socialRpError } from './errors.ts';
import { issuerMatches } from './issuer-matches.ts';
import { printable } from './printable.ts';
import { compactParts, decryptForRealm, verifyProviderSignature } from './provider-jose.ts';
import type { RelyingParty } from './relying-party.ts';
import { parseJsonObject, sendRpRequest } from './rp-http.ts';

/** The userinfo claims for `accessToken`; `expectedSubject` is the ID token's `sub` (undefined for a bare access token from a native app: any non-empty subject). */
export async function fetchUserInfo(
  rp: RelyingParty,
  provider: SocialProviderConfig,
  realm: string,
  userInfoEndpoint: string,
  accessToken: string,
  expectedSubject: string | undefined,
): Promise<Record<string, unknown>> {
  const format = provider.userInfoResponseType;
  const response = await sendRpRequest(rp.http, {
    url: userInfoEndpoint,
    method: 'GET',
    headers: { authorization: `Bearer ${accessToken}`, accept: format === 'JSON' ? 'application/json' : 'application/jwt' },
    what: 'userinfo endpoint',
  });
  if (response.status !== 200) throw socialRpError('USERINFO_INVALID', `the userinfo endpoint of ${provider.name} answered HTTP ${response.status}`);
  const body = response.text.trim();
  const parts = compactParts(body);
  const actual = parts === 3 ? 'a signed JWT' : parts === 5 ? 'an encrypted JWT' : parseJsonObject(body) !== undefined ? 'JSON' : 'neither JSON nor a JWT';
  const wrongFormat = (wanted: string) =>
    socialRpError('USERINFO_WRONG_FORMAT', `provider ${provider.name} answered userinfo as ${actual} (${response.contentType || 'no content type'}), configured: ${wanted}`);

  let claims: Record<string, unknown> | undefined;
  if (format === 'JSON') {
    if (actual !== 'JSON') throw wrongFormat('JSON');
    claims = parseJsonObject(body);
  } else if (format === 'SIGNED_JWT') {
    if (parts !== 3) throw wrongFormat('SIGNED_JWT');
    claims = parseJsonObject(await verifyProviderSignature(rp, provider, body, 'USERINFO_INVALID', 'userinfo JWT'));
  } else {
    if (parts !== 5) throw wrongFormat('SIGNED_THEN_ENCRYPTED_JWT');
    const inner = await decryptForRealm(rp, realm, body, 'USERINFO_INVALID', 'userinfo JWT');
    if (compactParts(inner) !== 3) throw socialRpError('USERINFO_WRONG_FORMAT', `provider ${provider.name} encrypted a userinfo that is not signed`);
    claims = parseJsonObject(await verifyProviderSignature(rp, provider, inner, 'USERINFO_INVALID', 'userinfo JWT'));
  }
  if (claims === undefined) throw socialRpError('USERINFO_INVALID', `the userinfo of ${provider.name} is not a JSON object`);
  if (format !== 'JSON') {
    if (claims.iss !== undefined && !issuerMatches(provider, claims.iss)) throw socialRpError('ISSUER_MISMATCH', `the userinfo JWT's issuer is not ${provider.issuer}`);
    if (claims.aud !== undefined && !(Array.isArray(claims.aud) ? claims.aud : [claims.aud]).includes(provider.clientId)) {
      throw socialRpError('USERINFO_INVALID', `the userinfo JWT is not for client ${provider.clientId}`);
    }
  }
  if (expectedSubject === undefined ? typeof claims.sub !== 'string' || claims.sub === '' : claims.sub !== expectedSubject) {
    const sub = typeof claims.sub === 'string' ? printable(claims.sub) : '(none)';
    throw socialRpError('USERINFO_INVALID', `the userinfo subject ${sub} is not the ID token's subject`);
  }
  return claims;
}
