/** Whether a provider is spoken to as an OpenID provider (ID token, nonce, userinfo) or as a plain OAuth 2.0 server. */
import type { SocialProviderConfig } from '../provider-config.ts';

/** True for providers with an issuer that are not plain OAuth 2.0 types (`oauth2Config`, `gitHubConfig`, `facebookConfig`). */
export function isOpenIdProvider(provider: SocialProviderConfig): boolean {
  if (provider.type === 'oauth2Config' || provider.type === 'gitHubConfig' || provider.type === 'facebookConfig') return false;
  return typeof provider.issuer === 'string' && provider.issuer !== '';
}
