/**
 * "Fill from well-known URL" for the admin app: `POST /am/json/realms/root[/realms/<r>]/realm-config/
 * services/SocialIdentityProviders/discovery?_action=discover` with `{"wellKnownEndpoint": "<url>"}`
 * fetches that OpenID Connect discovery document (http(s) only, 5 s, 256 KB, JSON only, no redirects)
 * and answers only what a provider form fills, under AM's keys: the issuer, the endpoints, the JWKS
 * URI and the lists the provider advertises (scopes, client authentication methods…). Administrators
 * of the realm only. A bad body or URL is a 400, and so is a host on an address
 * `ARBOR_OUTBOUND_NETWORKS` does not allow (nothing is sent to it); a provider that cannot be
 * reached (the message says why), answers something that is not a JSON object or names an issuer
 * that does not match the URL is a 502. Nothing is stored.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { guardedFetch } from '../../net/guarded-fetch.ts';
import { DEFAULT_OUTBOUND_NETWORKS, isOutboundAddressError, type OutboundNetworks } from '../../net/outbound-networks.ts';
import { DEFAULT_DISCOVERY_LIMITS, type DiscoveryDocument, type DiscoveryLimits, fetchDiscovery } from '../../social/providers/discovery.ts';
import { httpUrlProblem } from '../../social/providers/read-provider-body.ts';
import { errorBody, httpError } from '../errors.ts';
import { realmRoute, type RealmRouteDeps } from './admin-route.ts';

/** What the route needs. */
export interface SocialDiscoveryRouteDeps extends RealmRouteDeps<unknown> {
  /** How documents are fetched; the global `fetch` by default, always limited to `outboundNetworks`. */
  fetch?: typeof fetch;
  /** The addresses documents may be fetched from (`ARBOR_OUTBOUND_NETWORKS`; all but link-local by default). */
  outboundNetworks?: OutboundNetworks;
  limits?: DiscoveryLimits;
}

/** What the route answers. */
export interface DiscoveredProvider {
  wellKnownEndpoint: string;
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userInfoEndpoint?: string;
  jwksUriEndpoint?: string;
  introspectEndpoint?: string;
  /** What the provider advertises, each list bounded (absent lists are empty). */
  supported: {
    scopes: string[];
    /** `token_endpoint_auth_methods_supported` in AM's names (`CLIENT_SECRET_BASIC`…); unknown ones left out. */
    clientAuthenticationMethods: string[];
    codeChallengeMethods: string[];
    responseModes: string[];
    idTokenSigningAlgorithms: string[];
  };
}

const MAX_LIST = 100;
const MAX_ITEM = 256;
const CONTROL = /[\u0000-\u001f\u007f]/;

const AUTH_METHODS: Record<string, string> = {
  client_secret_basic: 'CLIENT_SECRET_BASIC',
  client_secret_post: 'CLIENT_SECRET_POST',
  private_key_jwt: 'PRIVATE_KEY_JWT',
  tls_client_auth: 'TLS_CLIENT_AUTH',
  self_signed_tls_client_auth: 'SELF_SIGNED_TLS_CLIENT_AUTH',
};

function member(document: DiscoveryDocument, name: string): unknown {
  return Object.hasOwn(document, name) ? document[name] : undefined;
}

function list(document: DiscoveryDocument, name: string): string[] {
  const value = member(document, name);
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === 'string' && item !== '' && item.length <= MAX_ITEM && !CONTROL.test(item)).slice(0, MAX_LIST);
}

/** The http(s) URL `name` holds, or undefined. */
function url(document: DiscoveryDocument, name: string): string | undefined {
  const value = member(document, name);
  return typeof value === 'string' && httpUrlProblem(value) === undefined ? value : undefined;
}

/** The URLs an issuer's discovery document may be at: `<issuer>/.well-known/openid-configuration` (OpenID) or RFC 8414's form. */
function expectedLocations(issuer: string): string[] {
  const trimmed = issuer.replace(/\/+$/, '');
  const parsed = new URL(trimmed);
  const path = parsed.pathname === '/' ? '' : parsed.pathname;
  return [`${trimmed}/.well-known/openid-configuration`, `${parsed.origin}/.well-known/openid-configuration${path}`];
}

/** A provider's fault, answered as a 502 with its message (the platform hides the words of its own 5xx). */
export class ProviderAnswerError extends Error {
  readonly code = 'DISCOVERY_FAILED';
}

/** The answer for `document` fetched from `wellKnownEndpoint`; throws a `ProviderAnswerError` naming what is wrong with it. */
export function discoveredProvider(wellKnownEndpoint: string, document: DiscoveryDocument): DiscoveredProvider {
  const issuer = member(document, 'issuer');
  if (typeof issuer !== 'string' || httpUrlProblem(issuer) !== undefined) throw new ProviderAnswerError('The discovery document has no issuer (an http(s) URL)');
  if (!expectedLocations(issuer).includes(wellKnownEndpoint.replace(/\/+$/, ''))) {
    throw new ProviderAnswerError(`The discovery document names the issuer ${issuer.slice(0, 200)}, which does not match the URL it came from (expected ${expectedLocations(issuer)[0]})`);
  }
  const authorizationEndpoint = url(document, 'authorization_endpoint');
  const tokenEndpoint = url(document, 'token_endpoint');
  if (authorizationEndpoint === undefined || tokenEndpoint === undefined) throw new ProviderAnswerError('The discovery document has no authorization_endpoint or token_endpoint (http(s) URLs)');
  const found: DiscoveredProvider = {
    wellKnownEndpoint,
    issuer,
    authorizationEndpoint,
    tokenEndpoint,
    supported: {
      scopes: list(document, 'scopes_supported'),
      clientAuthenticationMethods: list(document, 'token_endpoint_auth_methods_supported').flatMap((method) => (Object.hasOwn(AUTH_METHODS, method) ? [AUTH_METHODS[method] ?? method] : [])),
      codeChallengeMethods: list(document, 'code_challenge_methods_supported'),
      responseModes: list(document, 'response_modes_supported'),
      idTokenSigningAlgorithms: list(document, 'id_token_signing_alg_values_supported'),
    },
  };
  const optional = [
    ['userInfoEndpoint', 'userinfo_endpoint'],
    ['jwksUriEndpoint', 'jwks_uri'],
    ['introspectEndpoint', 'introspection_endpoint'],
  ] as const;
  for (const [key, name] of optional) {
    const value = url(document, name);
    if (value !== undefined) found[key] = value;
  }
  return found;
}

/** The body's `wellKnownEndpoint`; throws a 400 saying what is wrong. */
function wellKnownOf(body: unknown): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw httpError(400, 'The body must be a JSON object with wellKnownEndpoint');
  for (const key of Object.keys(body)) if (key !== 'wellKnownEndpoint') throw httpError(400, `Unknown field "${key.slice(0, 64)}"; the body takes only wellKnownEndpoint`);
  const value = Object.hasOwn(body, 'wellKnownEndpoint') ? (body as Record<string, unknown>).wellKnownEndpoint : undefined;
  if (typeof value !== 'string' || value.trim() === '') throw httpError(400, 'wellKnownEndpoint is required: the URL of the provider’s OpenID discovery document');
  const problem = httpUrlProblem(value.trim());
  if (problem !== undefined) throw httpError(400, `wellKnownEndpoint ${problem}`);
  return value.trim();
}

/** `base`, whose network failures say why in words (`connection refused`, `host not found`) rather than `fetch failed`. */
function explainingFailures(base: typeof fetch): typeof fetch {
  return async (input, init) => {
    try {
      return await base(input, init);
    } catch (error) {
      if (isOutboundAddressError(error) || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))) throw error;
      const cause = error instanceof Error && typeof error.cause === 'object' && error.cause !== null ? error.cause : undefined;
      const code = cause !== undefined && 'code' in cause ? String(cause.code) : '';
      const words: Record<string, string> = { ECONNREFUSED: 'connection refused', ENOTFOUND: 'host not found', EAI_AGAIN: 'host not found', ECONNRESET: 'connection reset', EHOSTUNREACH: 'host unreachable' };
      throw new Error(words[code] ?? (code === '' ? 'network error' : code));
    }
  };
}

/** Registers the route under `/am/json` and `/json`, for root and its sub-realms. */
export function registerSocialDiscoveryRoute(app: FastifyInstance, deps: SocialDiscoveryRouteDeps): void {
  const wrap = realmRoute(deps);
  const fetcher = explainingFailures(guardedFetch(deps.outboundNetworks ?? DEFAULT_OUTBOUND_NETWORKS, deps.fetch ?? fetch));
  const handler = wrap(async (_realm, _name, request: FastifyRequest, reply: FastifyReply) => {
    const action = (request.query as Record<string, unknown>)._action;
    if (action !== 'discover') throw httpError(400, 'Use _action=discover');
    const wellKnownEndpoint = wellKnownOf(request.body);
    const result = await fetchDiscovery(wellKnownEndpoint, fetcher, deps.limits ?? DEFAULT_DISCOVERY_LIMITS);
    const badGateway = (message: string): FastifyReply => reply.code(502).send({ ...errorBody(502, message), reason: 'Bad Gateway' });
    if (!result.ok) {
      const message = `${result.reason.charAt(0).toUpperCase()}${result.reason.slice(1)}`;
      // An address the operator does not allow is the administrator's URL to change, not the provider's fault.
      if (result.refused === true) throw httpError(400, message);
      return badGateway(message);
    }
    try {
      return reply.send(discoveredProvider(wellKnownEndpoint, result.document));
    } catch (error) {
      if (error instanceof ProviderAnswerError) return badGateway(error.message);
      throw error;
    }
  });
  for (const prefix of ['/am/json', '/json']) {
    for (const realm of ['', '/realms/:realm']) app.post(`${prefix}/realms/root${realm}/realm-config/services/SocialIdentityProviders/discovery`, handler);
  }
}
