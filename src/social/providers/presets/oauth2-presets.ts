/**
 * Presets of the plain OAuth 2.0 providers: authorization, token and profile URLs, scopes and the
 * profile attribute that identifies the account, as each provider documents them.
 */
import { TRANSFORM_IDS } from '../normalize/transform-ids.ts';
import type { ProviderPreset } from './provider-preset.ts';

/** Microsoft identity platform (any tenant) with the Graph `me` profile. */
export const MICROSOFT_PRESET: ProviderPreset = {
  authorizationEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
  tokenEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
  userInfoEndpoint: 'https://graph.microsoft.com/v1.0/me',
  scopes: ['User.Read'],
  authenticationIdKey: 'id',
  transform: TRANSFORM_IDS.microsoft,
  uiConfig: { buttonDisplayName: 'Microsoft', buttonImage: 'images/microsoft-logo.png', iconClass: 'fa-windows', iconBackground: '#0078d7', iconFontColor: 'white' },
};

export const FACEBOOK_PRESET: ProviderPreset = {
  authorizationEndpoint: 'https://www.facebook.com/dialog/oauth',
  tokenEndpoint: 'https://graph.facebook.com/oauth/access_token',
  userInfoEndpoint: 'https://graph.facebook.com/me?fields=id,name,picture,email,first_name,last_name,locale',
  introspectEndpoint: 'https://graph.facebook.com/debug_token',
  scopes: ['public_profile', 'email'],
  authenticationIdKey: 'id',
  transform: TRANSFORM_IDS.facebook,
  uiConfig: { buttonDisplayName: 'Facebook', iconClass: 'fa-facebook', iconBackground: '#3b5998', iconFontColor: 'white' },
};

/** Login with Amazon. */
export const AMAZON_PRESET: ProviderPreset = {
  authorizationEndpoint: 'https://www.amazon.com/ap/oa',
  tokenEndpoint: 'https://api.amazon.com/auth/o2/token',
  userInfoEndpoint: 'https://api.amazon.com/user/profile',
  scopes: ['profile'],
  authenticationIdKey: 'user_id',
  transform: TRANSFORM_IDS.amazon,
  uiConfig: { buttonDisplayName: 'Amazon', iconClass: 'fa-amazon', iconBackground: '#2a3440', iconFontColor: 'white' },
};

export const SALESFORCE_PRESET: ProviderPreset = {
  authorizationEndpoint: 'https://login.salesforce.com/services/oauth2/authorize',
  tokenEndpoint: 'https://login.salesforce.com/services/oauth2/token',
  userInfoEndpoint: 'https://login.salesforce.com/services/oauth2/userinfo',
  introspectEndpoint: 'https://login.salesforce.com/services/oauth2/introspect',
  scopes: ['id', 'profile', 'email'],
  authenticationIdKey: 'user_id',
  transform: TRANSFORM_IDS.salesforce,
  uiConfig: { buttonDisplayName: 'Salesforce', iconClass: 'fa-cloud', iconBackground: '#21a0df', iconFontColor: 'white' },
};

/** Sign In with LinkedIn using OpenID Connect (the `userinfo` profile; the older `r_liteprofile` API is retired). */
export const LINKEDIN_PRESET: ProviderPreset = {
  authorizationEndpoint: 'https://www.linkedin.com/oauth/v2/authorization',
  tokenEndpoint: 'https://www.linkedin.com/oauth/v2/accessToken',
  userInfoEndpoint: 'https://api.linkedin.com/v2/userinfo',
  introspectEndpoint: 'https://www.linkedin.com/oauth/v2/introspectToken',
  scopes: ['openid', 'profile', 'email'],
  authenticationIdKey: 'sub',
  transform: TRANSFORM_IDS.linkedIn,
  uiConfig: { buttonDisplayName: 'LinkedIn', iconClass: 'fa-linkedin', iconBackground: '#0077b5', iconFontColor: 'white' },
};

/** GitHub: `/user` profile (numeric `id`); the email may need `/user/emails` (the relying party's business). */
export const GITHUB_PRESET: ProviderPreset = {
  authorizationEndpoint: 'https://github.com/login/oauth/authorize',
  tokenEndpoint: 'https://github.com/login/oauth/access_token',
  userInfoEndpoint: 'https://api.github.com/user',
  scopes: ['read:user', 'user:email'],
  authenticationIdKey: 'id',
  transform: TRANSFORM_IDS.gitHub,
  uiConfig: { buttonDisplayName: 'GitHub', iconClass: 'fa-github', iconBackground: '#24292e', iconFontColor: 'white' },
};

/** Instagram API with Instagram login (comma-separated scopes). */
export const INSTAGRAM_PRESET: ProviderPreset = {
  authorizationEndpoint: 'https://www.instagram.com/oauth/authorize',
  tokenEndpoint: 'https://api.instagram.com/oauth/access_token',
  userInfoEndpoint: 'https://graph.instagram.com/me?fields=id,username',
  scopes: ['instagram_business_basic'],
  scopeDelimiter: ',',
  authenticationIdKey: 'id',
  transform: TRANSFORM_IDS.instagram,
  uiConfig: { buttonDisplayName: 'Instagram', iconClass: 'fa-instagram', iconBackground: '#e4405f', iconFontColor: 'white' },
};

/** X (Twitter) OAuth 2.0 with PKCE; confidential clients authenticate with HTTP Basic; `users/me` wraps the profile in `data`. */
export const TWITTER_PRESET: ProviderPreset = {
  authorizationEndpoint: 'https://x.com/i/oauth2/authorize',
  tokenEndpoint: 'https://api.x.com/2/oauth2/token',
  userInfoEndpoint: 'https://api.x.com/2/users/me?user.fields=profile_image_url',
  scopes: ['tweet.read', 'users.read'],
  clientAuthenticationMethod: 'CLIENT_SECRET_BASIC',
  authenticationIdKey: 'id',
  transform: TRANSFORM_IDS.twitter,
  uiConfig: { buttonDisplayName: 'X', iconClass: 'fa-twitter', iconBackground: '#000000', iconFontColor: 'white' },
};

/** VK ID (`users.get` answers `{response: [user]}`; the email comes with the token). */
export const VK_PRESET: ProviderPreset = {
  authorizationEndpoint: 'https://oauth.vk.com/authorize',
  tokenEndpoint: 'https://oauth.vk.com/access_token',
  userInfoEndpoint: 'https://api.vk.com/method/users.get?fields=photo_50&v=5.131',
  scopes: ['email'],
  authenticationIdKey: 'id',
  apiVersion: '5.131',
  transform: TRANSFORM_IDS.vk,
  uiConfig: { buttonDisplayName: 'VK', iconClass: 'fa-vk', iconBackground: '#4c75a3', iconFontColor: 'white' },
};

/** WeChat website login (QR code); the account is `openid`. */
export const WECHAT_PRESET: ProviderPreset = {
  authorizationEndpoint: 'https://open.weixin.qq.com/connect/qrconnect',
  tokenEndpoint: 'https://api.weixin.qq.com/sns/oauth2/access_token',
  userInfoEndpoint: 'https://api.weixin.qq.com/sns/userinfo',
  refreshTokenEndpoint: 'https://api.weixin.qq.com/sns/oauth2/refresh_token',
  scopes: ['snsapi_login'],
  authenticationIdKey: 'openid',
  transform: TRANSFORM_IDS.weChat,
  uiConfig: { buttonDisplayName: 'WeChat', iconClass: 'fa-weixin', iconBackground: '#09b507', iconFontColor: 'white' },
};

/** WordPress.com. */
export const WORDPRESS_PRESET: ProviderPreset = {
  authorizationEndpoint: 'https://public-api.wordpress.com/oauth2/authorize',
  tokenEndpoint: 'https://public-api.wordpress.com/oauth2/token',
  userInfoEndpoint: 'https://public-api.wordpress.com/rest/v1.1/me/',
  scopes: ['auth'],
  authenticationIdKey: 'username',
  transform: TRANSFORM_IDS.wordpress,
  uiConfig: { buttonDisplayName: 'WordPress', iconClass: 'fa-wordpress', iconBackground: '#0095cc', iconFontColor: 'white' },
};

/** Any OAuth 2.0 provider: endpoints, the id key and the transform come from the body. */
export const GENERIC_OAUTH2_PRESET: ProviderPreset = {};
