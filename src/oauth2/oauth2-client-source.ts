/**
 * Where the OpenID provider finds a realm's OAuth 2.0 clients: the clients administrators keep in
 * AM's shape (`realm-config/agents/OAuth2Client/<id>`, `arbor clients`), turned into the metadata
 * `oidc-provider` takes, with the settings Arbor applies itself (implied consent, token lifetimes,
 * the claims each scope releases).
 */
import type { ClientMetadata } from 'oidc-provider';

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
}

/** Reads clients. */
export interface OAuth2ClientSource {
  /** The realm's client `clientId`, or undefined when there is none or it is inactive. */
  clientOf(realm: string, clientId: string): Promise<OAuth2ClientRecord | undefined>;
}
