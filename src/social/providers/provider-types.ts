/**
 * What AM says about each provider type: the `_type.name` it returns, and whether the type is an
 * OpenID Connect client (issuer, ID tokens, request objects, userinfo formats) or a plain OAuth 2.0
 * one (a profile URL, no ID token).
 */
import { PROVIDER_TYPES, type ProviderType } from '../provider-config.ts';

interface TypeFacts {
  /** AM's `_type.name`. */
  name: string;
  oidc: boolean;
}

const FACTS: Record<ProviderType, TypeFacts> = {
  oauth2Config: { name: 'Client configuration for providers that implement the OAuth2 specification.', oidc: false },
  oidcConfig: { name: 'Client configuration for providers that implement the OpenID Connect specification.', oidc: true },
  itsmeConfig: { name: 'Client configuration for itsme.', oidc: true },
  googleConfig: { name: 'Client configuration for Google.', oidc: true },
  appleConfig: { name: 'Client configuration for Apple.', oidc: true },
  microsoftConfig: { name: 'Client configuration for Microsoft.', oidc: false },
  facebookConfig: { name: 'Client configuration for Facebook.', oidc: false },
  amazonConfig: { name: 'Client configuration for Amazon.', oidc: false },
  salesforceConfig: { name: 'Client configuration for Salesforce.', oidc: false },
  linkedInConfig: { name: 'Client configuration for LinkedIn.', oidc: false },
  gitHubConfig: { name: 'Client configuration for GitHub.', oidc: false },
  instagramConfig: { name: 'Client configuration for Instagram.', oidc: false },
  twitterConfig: { name: 'Client configuration for Twitter.', oidc: false },
  vkConfig: { name: 'Client configuration for Vkontakte.', oidc: false },
  weChatConfig: { name: 'Client configuration for WeChat.', oidc: false },
  wordpressConfig: { name: 'Client configuration for Wordpress.', oidc: false },
  yahooConfig: { name: 'Client configuration for Yahoo.', oidc: true },
  lineConfig: { name: 'Client configuration for LINE.', oidc: true },
};

/** True when `value` is one of AM's provider types. */
export function isProviderType(value: unknown): value is ProviderType {
  return typeof value === 'string' && (PROVIDER_TYPES as readonly string[]).includes(value);
}

/** AM's `_type` object of a provider instance. */
export function providerTypeRef(type: ProviderType): { _id: ProviderType; name: string; collection: true } {
  return { _id: type, name: FACTS[type].name, collection: true };
}

/** True for the OpenID Connect types. */
export function isOidcType(type: ProviderType): boolean {
  return FACTS[type].oidc;
}
