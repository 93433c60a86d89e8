/**
 * The profile of a plain OAuth 2.0 provider: the User Profile Service URL (`userInfoEndpoint`)
 * called with the bearer token; for GitHub also `/user/emails` (or the preset's
 * `emailAddressEndpoint`) for the primary verified address when the profile shows none.
 */
import type { SocialProviderConfig } from '../provider-config.ts';
import { socialRpError } from './errors.ts';
import type { RelyingParty } from './relying-party.ts';
import { parseJsonObject, sendRpRequest } from './rp-http.ts';

const MAX_EMAILS = 100;

/** The raw profile for `accessToken`. */
export async function fetchOAuth2Profile(rp: RelyingParty, provider: SocialProviderConfig, accessToken: string): Promise<Record<string, unknown>> {
  if (!provider.userInfoEndpoint) throw socialRpError('CONFIGURATION_INVALID', `provider ${provider.name} has no user profile service URL`);
  const profileText = await get(rp, provider, provider.userInfoEndpoint, accessToken, 'user profile endpoint');
  const profile = parseJsonObject(profileText);
  if (profile === undefined) throw socialRpError('PROFILE_REQUEST_FAILED', `the user profile of ${provider.name} is not a JSON object`);
  if (provider.type === 'gitHubConfig' && (typeof profile.email !== 'string' || profile.email === '')) {
    const configured = provider.passthrough.emailAddressEndpoint;
    const emailsUrl = typeof configured === 'string' && configured !== '' ? configured : `${provider.userInfoEndpoint.replace(/\/+$/, '')}/emails`;
    const email = primaryVerifiedEmail(await get(rp, provider, emailsUrl, accessToken, 'email address endpoint'));
    if (email !== undefined) profile.email = email;
  }
  return profile;
}

async function get(rp: RelyingParty, provider: SocialProviderConfig, url: string, accessToken: string, what: string): Promise<string> {
  const response = await sendRpRequest(rp.http, {
    url,
    method: 'GET',
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json', 'user-agent': 'Arbor' },
    what,
  });
  if (response.status !== 200) throw socialRpError('PROFILE_REQUEST_FAILED', `the ${what} of ${provider.name} answered HTTP ${response.status}`);
  return response.text;
}

/** The primary, verified address of GitHub's `[{ email, primary, verified }]`. */
function primaryVerifiedEmail(text: string): string | undefined {
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(list)) return undefined;
  for (const entry of list.slice(0, MAX_EMAILS)) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { email, primary, verified } = entry as Record<string, unknown>;
    if (primary === true && verified === true && typeof email === 'string') return email;
  }
  return undefined;
}
