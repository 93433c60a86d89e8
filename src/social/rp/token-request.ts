/**
 * Redeems the authorization code at the token endpoint with the configured client authentication.
 * Accepts JSON and, as GitHub answers by default, form-encoded token responses; an `error` member
 * is a refusal even in a 200 answer (GitHub again).
 */
import type { SocialProviderConfig } from '../provider-config.ts';
import { authenticateClient } from './client-authentication.ts';
import { socialRpError } from './errors.ts';
import { printable } from './printable.ts';
import type { RelyingParty } from './relying-party.ts';
import { parseJsonObject, sendRpRequest } from './rp-http.ts';

/** A successful token response. */
export interface TokenResponse {
  accessToken: string;
  tokenType: string;
  expiresIn?: number;
  idToken?: string;
  scope?: string;
  refreshToken?: string;
}

/** What to redeem. */
export interface CodeRedemption {
  code: string;
  redirectUri: string;
  codeVerifier?: string | undefined;
}

/** Exchanges the code for tokens. */
export async function redeemCode(rp: RelyingParty, provider: SocialProviderConfig, realm: string, redemption: CodeRedemption): Promise<TokenResponse> {
  const tokenEndpoint = provider.tokenEndpoint;
  const body = new URLSearchParams({ grant_type: 'authorization_code', code: redemption.code, redirect_uri: redemption.redirectUri });
  if (redemption.codeVerifier !== undefined) body.set('code_verifier', redemption.codeVerifier);
  const authentication = await authenticateClient(rp, provider, realm, tokenEndpoint, body);
  const response = await sendRpRequest(rp.http, {
    url: tokenEndpoint,
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', ...authentication.headers },
    body: body.toString(),
    clientCertificate: authentication.clientCertificate,
    what: 'token endpoint',
  });
  const fields = parseTokenBody(response.contentType, response.text);
  if (fields === undefined) {
    throw socialRpError('BAD_TOKEN_RESPONSE', `the token endpoint of ${provider.name} answered HTTP ${response.status} with neither JSON nor a form (${response.contentType || 'no content type'})`);
  }
  if (typeof fields.error === 'string') {
    const description = typeof fields.error_description === 'string' ? `: ${printable(fields.error_description)}` : '';
    throw socialRpError('TOKEN_REQUEST_REJECTED', `the token endpoint of ${provider.name} refused the code (HTTP ${response.status}, ${printable(fields.error)}${description})`);
  }
  if (response.status !== 200) throw socialRpError('BAD_TOKEN_RESPONSE', `the token endpoint of ${provider.name} answered HTTP ${response.status}`);
  const accessToken = fields.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') throw socialRpError('BAD_TOKEN_RESPONSE', `the token response of ${provider.name} has no access_token`);
  const tokenType = typeof fields.token_type === 'string' ? fields.token_type : 'bearer';
  if (tokenType.toLowerCase() !== 'bearer') throw socialRpError('BAD_TOKEN_RESPONSE', `the token response of ${provider.name} has token_type ${printable(tokenType)}, not Bearer`);
  const tokens: TokenResponse = { accessToken, tokenType: 'Bearer' };
  const expiresIn = typeof fields.expires_in === 'string' ? Number(fields.expires_in) : fields.expires_in;
  if (typeof expiresIn === 'number' && Number.isFinite(expiresIn)) tokens.expiresIn = expiresIn;
  if (typeof fields.id_token === 'string') tokens.idToken = fields.id_token;
  if (typeof fields.scope === 'string') tokens.scope = fields.scope;
  if (typeof fields.refresh_token === 'string') tokens.refreshToken = fields.refresh_token;
  return tokens;
}

function parseTokenBody(contentType: string, text: string): Record<string, unknown> | undefined {
  const json = parseJsonObject(text);
  if (json !== undefined) return json;
  if (contentType === 'application/x-www-form-urlencoded' || (contentType === 'text/plain' && text.includes('='))) {
    return Object.fromEntries(new URLSearchParams(text).entries());
  }
  return undefined;
}
