/**
 * Social sign-in as journey nodes use it: the realm's enabled providers, a sign-in started at a
 * provider (where to send the browser, and what the journey keeps, sealed, until it comes back),
 * and the sign-in finished from the provider's answer. Registered by the social capability
 * (`src/platform/social/`) under `SOCIAL`; the nodes find it through `services.capabilities`.
 */
import { capabilityKey } from '../../engine/capabilities.ts';

/** An enabled provider as the SelectIdPCallback offers it. */
export interface SocialProviderChoice {
  /** The provider instance name (`itsme`, `google`). */
  provider: string;
  /** AM's `uiConfig` (button text, image, classes), passed on as configured. */
  uiConfig: Record<string, unknown>;
}

/** A sign-in started at a provider. */
export interface SocialSignInStart {
  /** Where the browser goes (GET). */
  redirectUrl: string;
  /** What the journey keeps until the provider answers (state, nonce, PKCE verifier…): transient state only. */
  kept: Record<string, unknown>;
}

/** AM's IdPCallback outputs for a native app, in AM's order. */
export interface SocialNativeCallback {
  provider: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  /** The nonce the ID token must carry; `''` when the provider does not use native nonces. */
  nonce: string;
  acrValues: string[];
  /** A request object by value, `''` when none. */
  request: string;
  /** A request object by reference, `''` when none. */
  requestUri: string;
}

/** A native sign-in started: what the IdPCallback shows the app, and what the journey keeps. */
export interface SocialNativeStart {
  callback: SocialNativeCallback;
  /** What the journey keeps until the app answers (nonce, redirect URI…): transient state only. */
  kept: Record<string, unknown>;
}

/** The token types an app may answer an IdPCallback with (`IDToken<N>token_type`). */
export const SOCIAL_NATIVE_TOKEN_TYPES = ['id_token', 'access_token', 'authorization_code'] as const;
export type SocialNativeTokenType = (typeof SOCIAL_NATIVE_TOKEN_TYPES)[number];

/** The token a native app got from the provider itself. Never logged. */
export interface SocialNativeToken {
  token: string;
  tokenType: SocialNativeTokenType;
}

/** The account at the provider, as a finished sign-in knows it. */
export interface SocialIdentity {
  provider: string;
  /** The account's id at the provider (the raw profile's `authenticationIdKey`). */
  subject: string;
  /** AM's alias of the account on a managed user: `<provider>-<subject>`. */
  alias: string;
  /** The raw profile (userinfo or the provider's profile API). */
  rawProfile: Record<string, unknown>;
  /** The normalized profile (`id`, `displayName`, `givenName`, `familyName`, `email`, `emailVerified`…). */
  profile: Record<string, unknown>;
  /** The managed-user attributes the provider's profile maps to (`givenName`, `sn`, `mail`, `userName`…). */
  userAttributes: Record<string, unknown>;
  /** True only when the provider vouches for the email address (`email_verified`). */
  emailVerified: boolean;
}

/** How a finished sign-in went; a failure carries a stable code and the reason for the operator's log. */
export type SocialSignInOutcome = { ok: true; identity: SocialIdentity } | { ok: false; code: string; reason: string };

/** What a stored social profile script left: its completion value, and the journey state it changed. */
export interface ProfileScriptResult {
  result: unknown;
  shared: Record<string, unknown>;
  transient: Record<string, unknown>;
}

/**
 * Runs a realm's stored social profile script (a provider's normalization `transform`, or the
 * handler node's `script`) with `documents` bound by name (`rawProfile`, `normalizedProfile`) and
 * `selectedIdp`; throws a SocialSignInError (`TRANSFORM_FAILED`) when the script fails.
 */
export type ProfileScriptRunner = (scriptId: string, documents: Record<string, unknown>, selectedIdp: string) => Promise<ProfileScriptResult>;

export interface SocialGateway {
  /** The realm's enabled providers, in a stable order. */
  providers(realm: string): Promise<SocialProviderChoice[]>;
  /** Starts a browser sign-in at `provider`; throws a typed error when the provider is unknown or disabled. */
  start(realm: string, provider: string): Promise<SocialSignInStart>;
  /** Finishes it with the provider's answer (`code`, `state`, `error`… from the query or the form post) and what was kept. */
  finish(realm: string, provider: string, answer: Record<string, string>, kept: Record<string, unknown>, scripts?: ProfileScriptRunner): Promise<SocialSignInOutcome>;
  /** Starts a native sign-in at `provider` (IdPCallback); throws a typed error when the provider is unknown or disabled. */
  startNative(realm: string, provider: string): Promise<SocialNativeStart>;
  /** Finishes it with the token the app sends back (ID token, access token or authorization code) and what was kept. */
  finishWithToken(realm: string, provider: string, token: SocialNativeToken, kept: Record<string, unknown>, scripts?: ProfileScriptRunner): Promise<SocialSignInOutcome>;
  /**
   * The id of the one user of `identityResource` (`managed/alpha_user`) whose `aliasList` holds
   * `alias`; undefined when none does. Several holding it is a SocialSignInError (`ALIAS_AMBIGUOUS`):
   * nobody is signed in, and no new account is made for an identity that is already linked.
   */
  linkedAccount(identityResource: string, alias: string): Promise<string | undefined>;
  /** Writes a failed sign-in to the operator's log (a node's own failures; `start` and `finish` log theirs). */
  reportFailure(failure: SocialSignInFailure): void;
}

/** A failed social sign-in as the operator's log shows it: never a code, token or secret. */
export interface SocialSignInFailure {
  realm: string;
  provider: string;
  /** A stable code: the relying party's (`STATE_MISMATCH`, `NONCE_MISMATCH`…) or the node's (`NO_PROVIDER_ANSWER`…). */
  code: string;
  reason: string;
}

/** What `start` throws when a sign-in cannot begin (unknown or disabled provider, no realm key…); already logged. */
export interface SocialSignInError extends Error {
  readonly code: string;
}

/** Makes the error `start` throws. */
export function socialSignInError(code: string, reason: string): SocialSignInError {
  return Object.assign(new Error(reason), { name: 'SocialSignInError', code });
}

/** True for errors made by `socialSignInError`. */
export function isSocialSignInError(value: unknown): value is SocialSignInError {
  return value instanceof Error && value.name === 'SocialSignInError' && typeof (value as { code?: unknown }).code === 'string';
}

/** AM's alias of a provider account on a managed user. */
export function socialAlias(provider: string, subject: string): string {
  return `${provider}-${subject}`;
}

/** The key the social capability registers its gateway under. */
export const SOCIAL = capabilityKey<SocialGateway>('social sign-in');
