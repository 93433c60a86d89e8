/**
 * Presets of the OpenID Connect providers (endpoints, issuers and scopes as each provider documents
 * them; discovery fills and checks the rest when `wellKnownEndpoint` is set).
 */
import { TRANSFORM_IDS } from '../normalize/transform-ids.ts';
import type { ProviderPreset } from './provider-preset.ts';

export const GOOGLE_PRESET: ProviderPreset = {
  authorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenEndpoint: 'https://oauth2.googleapis.com/token',
  userInfoEndpoint: 'https://openidconnect.googleapis.com/v1/userinfo',
  wellKnownEndpoint: 'https://accounts.google.com/.well-known/openid-configuration',
  jwksUriEndpoint: 'https://www.googleapis.com/oauth2/v3/certs',
  issuer: 'https://accounts.google.com',
  scopes: ['openid', 'profile', 'email'],
  authenticationIdKey: 'sub',
  transform: TRANSFORM_IDS.google,
  uiConfig: { buttonDisplayName: 'Google', buttonImage: 'images/g-logo.png', iconClass: 'fa-google', iconBackground: '#4184f3', iconFontColor: 'white' },
};

/** Apple posts the response (FORM_POST) when names or email are asked; it has no userinfo endpoint (the ID token carries the claims). */
export const APPLE_PRESET: ProviderPreset = {
  authorizationEndpoint: 'https://appleid.apple.com/auth/authorize',
  tokenEndpoint: 'https://appleid.apple.com/auth/token',
  wellKnownEndpoint: 'https://appleid.apple.com/.well-known/openid-configuration',
  jwksUriEndpoint: 'https://appleid.apple.com/auth/keys',
  issuer: 'https://appleid.apple.com',
  scopes: ['name', 'email'],
  responseMode: 'FORM_POST',
  authenticationIdKey: 'sub',
  requestNativeAppForUserInfo: false,
  transform: TRANSFORM_IDS.apple,
  uiConfig: { buttonDisplayName: 'Apple', buttonImage: 'images/apple-logo.png', iconClass: 'fa-apple', iconBackground: '#000000', iconFontColor: 'white' },
};

export const YAHOO_PRESET: ProviderPreset = {
  authorizationEndpoint: 'https://api.login.yahoo.com/oauth2/request_auth',
  tokenEndpoint: 'https://api.login.yahoo.com/oauth2/get_token',
  userInfoEndpoint: 'https://api.login.yahoo.com/openid/v1/userinfo',
  wellKnownEndpoint: 'https://api.login.yahoo.com/.well-known/openid-configuration',
  issuer: 'https://api.login.yahoo.com',
  scopes: ['openid', 'profile', 'email'],
  authenticationIdKey: 'sub',
  transform: TRANSFORM_IDS.yahoo,
  uiConfig: { buttonDisplayName: 'Yahoo', iconClass: 'fa-yahoo', iconBackground: '#7B0099', iconFontColor: 'white' },
};

/** LINE Login v2.1; the email is a claim of the ID token only. */
export const LINE_PRESET: ProviderPreset = {
  authorizationEndpoint: 'https://access.line.me/oauth2/v2.1/authorize',
  tokenEndpoint: 'https://api.line.me/oauth2/v2.1/token',
  userInfoEndpoint: 'https://api.line.me/oauth2/v2.1/userinfo',
  wellKnownEndpoint: 'https://access.line.me/.well-known/openid-configuration',
  jwksUriEndpoint: 'https://api.line.me/oauth2/v2.1/certs',
  issuer: 'https://access.line.me',
  scopes: ['openid', 'profile', 'email'],
  authenticationIdKey: 'sub',
  transform: TRANSFORM_IDS.line,
  uiConfig: { buttonDisplayName: 'LINE', iconClass: 'fa-line', iconBackground: '#06C755', iconFontColor: 'white' },
};

/** Any OpenID Connect provider: the endpoints come from the body or discovery; standard claims normalized. */
export const GENERIC_OIDC_PRESET: ProviderPreset = {
  scopes: ['openid', 'profile', 'email'],
  authenticationIdKey: 'sub',
  transform: TRANSFORM_IDS.google,
};
