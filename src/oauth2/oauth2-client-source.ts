/**
 * Where the OpenID provider finds a realm's OAuth 2.0 clients: the clients administrators keep in
 * AM's shape (`realm-config/agents/OAuth2Client/<id>`, `arbor clients`), turned into the metadata
 * `oidc-provider` takes, with the settings Arbor applies itself (implied consent, token lifetimes,
 * the default scopes, the scopes' display texts on the consent page).
 */
import type { ClientMetadata } from 'oidc-provider';
import type { ScopeTexts } from './scope-entry.ts';

/** A client as the provider uses it. */
export interface OAuth2ClientRecord {
  /** oidc-provider's client metadata (`client_id`, `client_secret` opened, `redirect_uris`, `grant_types`…). */
  metadata: ClientMetadata;
  /** AM's `isConsentImplied`: no consent page (first-party apps; the ForgeRock SDK's hidden-iframe flow needs it). */
  impliedConsent: boolean;
  /** Token lifetimes in seconds (AM's client settings; the realm's defaults when the client sets none). */
  accessTokenLifetime: number;
  refreshTokenLifetime: number;
  authorizationCodeLifetime: number;
  /** AM's `defaultScopes` by name: what a request that names no scope is given (those the client is offered). */
  defaultScopes?: string[];
  /** The display texts of the client's scope entries (`name|locale|description`), for the consent page. */
  scopeTexts?: ScopeTexts;
}

/** Reads clients. */
export interface OAuth2ClientSource {
  /** The realm's client `clientId`, or undefined when there is none or it is inactive. */
  clientOf(realm: string, clientId: string): Promise<OAuth2ClientRecord | undefined>;
}
