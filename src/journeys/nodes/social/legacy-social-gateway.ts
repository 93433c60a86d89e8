/**
 * Social sign-in for AM's legacy social nodes (`SocialGoogleNode`, `SocialFacebookNode`,
 * `SocialNode`), whose OAuth 2.0 client configuration is inside the node rather than a provider of
 * the Social Identity Provider Service. Registered under `LEGACY_SOCIAL` by the legacy social
 * capability (`src/platform/social-legacy/`), which runs the same relying party as `SOCIAL`.
 */
import { capabilityKey } from '../../engine/capabilities.ts';
import type { SocialSignInFailure, SocialSignInStart } from './social-gateway.ts';

/** A secret sealed with the master key's sealer for `purpose` (`secretConfigPurpose`). */
export interface SealedSecret {
  sealed: string;
  purpose: string;
}

/** A legacy node's inline OAuth 2.0 client, with AM's config keys. */
export interface LegacyOAuthClient {
  /** The node's `provider` (`google`, `facebook`): names the sign-in in logs. */
  provider: string;
  clientId: string;
  /** The node's secret as stored: sealed with the master key; the gateway opens it where it is used. */
  clientSecret: SealedSecret | undefined;
  authorizeEndpoint: string;
  tokenEndpoint: string;
  userInfoEndpoint: string;
  /** Sent as it is (AM joins its one-element scope list with the delimiter, so the text goes unchanged). */
  scopeString: string;
  redirectURI: string;
  /** HTTP Basic client authentication at the token endpoint; else the secret in the body. */
  basicAuth: boolean;
  /** The profile attribute that identifies the account (`sub`, `id`). */
  authenticationIdKey: string;
}

/** A finished legacy sign-in: the provider's raw profile, or why it failed (already logged). */
export type LegacySignInOutcome = { ok: true; rawProfile: Record<string, unknown> } | { ok: false; code: string; reason: string };

/** What the legacy nodes call. */
export interface LegacySocialGateway {
  /** Starts a browser sign-in with `client`; throws a `SocialSignInError` (logged) when it cannot begin. */
  start(realm: string, client: LegacyOAuthClient): Promise<SocialSignInStart>;
  /** Finishes it with the provider's answer (query parameters) and what `start` kept; opens the client secret. */
  finish(realm: string, client: LegacyOAuthClient, answer: Record<string, string>, kept: Record<string, unknown>): Promise<LegacySignInOutcome>;
  /** The id of the one user of `identityResource` whose `aliasList` holds `alias`; undefined when none (or several) do. */
  linkedAccount(identityResource: string, alias: string): Promise<string | undefined>;
  /** Writes a node's own failure to the operator's log. */
  reportFailure(failure: SocialSignInFailure): void;
}

/** The key the legacy social capability registers its gateway under. */
export const LEGACY_SOCIAL = capabilityKey<LegacySocialGateway>('legacy social sign-in');
