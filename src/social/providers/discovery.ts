/**
 * OpenID Connect discovery for a provider write: the document at `wellKnownEndpoint` fetched
 * through an injected `fetch` (callers give a `guardedFetch`, limited to the addresses
 * `ARBOR_OUTBOUND_NETWORKS` allows), within a time and size bound, no redirect followed; it fills
 * the endpoints the configuration leaves out (authorization, token, userinfo, JWKS, issuer), and
 * the algorithms and methods the configuration would use are checked against what the provider
 * advertises (a list the provider does not publish is not checked).
 */
import { isOutboundAddressError } from '../../net/outbound-networks.ts';
import { JWT_ENCRYPTION_METHODS } from '../provider-config.ts';
import type { ProviderFieldError } from './provider-errors.ts';
import type { ProviderDraft } from './read-provider-body.ts';
import { httpUrlProblem } from './read-provider-body.ts';

/** The bounds of a discovery fetch. */
export interface DiscoveryLimits {
  timeoutMs: number;
  maxBytes: number;
}

export const DEFAULT_DISCOVERY_LIMITS: DiscoveryLimits = { timeoutMs: 5000, maxBytes: 256 * 1024 };

/** A discovery document (own members only). */
export type DiscoveryDocument = Readonly<Record<string, unknown>>;

/**
 * The document, or the reason it could not be had (for a 400 naming `wellKnownEndpoint`);
 * `refused` when `ARBOR_OUTBOUND_NETWORKS` does not allow the address (the administrator's mistake, not the provider's).
 */
export type DiscoveryResult = { ok: true; document: DiscoveryDocument } | { ok: false; reason: string; refused?: true };

async function readBounded(response: Response, maxBytes: number): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return undefined;
  if (response.body === null) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Fetches the discovery document at `url`. */
export async function fetchDiscovery(url: string, fetcher: typeof fetch, limits: DiscoveryLimits = DEFAULT_DISCOVERY_LIMITS): Promise<DiscoveryResult> {
  let response: Response;
  try {
    response = await fetcher(url, { headers: { accept: 'application/json' }, redirect: 'manual', signal: AbortSignal.timeout(limits.timeoutMs) });
  } catch (error) {
    if (isOutboundAddressError(error)) return { ok: false, reason: `the discovery document is not fetched: ${error.message}`, refused: true };
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { ok: false, reason: timedOut ? `the discovery document did not arrive within ${limits.timeoutMs} ms` : `the discovery document could not be fetched (${error instanceof Error ? error.message : String(error)})` };
  }
  try {
    if (response.status !== 200) return { ok: false, reason: `the discovery document could not be fetched (HTTP ${response.status})` };
    const text = await readBounded(response, limits.maxBytes);
    if (text === undefined) return { ok: false, reason: `the discovery document is larger than ${limits.maxBytes} bytes` };
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'the discovery document is not JSON' };
    }
    if (typeof document !== 'object' || document === null || Array.isArray(document)) return { ok: false, reason: 'the discovery document is not a JSON object' };
    return { ok: true, document: document as DiscoveryDocument };
  } finally {
    if (!response.bodyUsed) await response.body?.cancel().catch(() => {});
  }
}

function member(document: DiscoveryDocument, name: string): unknown {
  return Object.hasOwn(document, name) ? document[name] : undefined;
}

function advertised(document: DiscoveryDocument, name: string): string[] | undefined {
  const value = member(document, name);
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

const FILLED = [
  ['authorizationEndpoint', 'authorization_endpoint'],
  ['tokenEndpoint', 'token_endpoint'],
  ['userInfoEndpoint', 'userinfo_endpoint'],
  ['jwksUriEndpoint', 'jwks_uri'],
  ['introspectEndpoint', 'introspection_endpoint'],
] as const;

/** Fills what `draft` leaves out from `document`; a filled URL that is not absolute http(s) is an error of the endpoint. */
export function fillFromDiscovery(draft: ProviderDraft, document: DiscoveryDocument): ProviderFieldError[] {
  const errors: ProviderFieldError[] = [];
  for (const [field, name] of FILLED) {
    const value = member(document, name);
    if (draft[field] !== undefined || typeof value !== 'string') continue;
    const problem = httpUrlProblem(value);
    if (problem === undefined) draft[field] = value;
    else errors.push({ field, reason: `the discovery document's ${name} ${problem}` });
  }
  const issuer = member(document, 'issuer');
  if (draft.issuer === undefined && typeof issuer === 'string' && issuer !== '') draft.issuer = issuer;
  return errors;
}

const AUTH_METHOD_NAMES: Record<string, string> = {
  CLIENT_SECRET_BASIC: 'client_secret_basic',
  CLIENT_SECRET_POST: 'client_secret_post',
  PRIVATE_KEY_JWT: 'private_key_jwt',
  ENCRYPTED_PRIVATE_KEY_JWT: 'private_key_jwt',
  TLS_CLIENT_AUTH: 'tls_client_auth',
  SELF_SIGNED_TLS_CLIENT_AUTH: 'self_signed_tls_client_auth',
};

/** What in `draft` the provider does not advertise in `document`, one error per field. */
export function discoveryProblems(draft: ProviderDraft, document: DiscoveryDocument): ProviderFieldError[] {
  const errors: ProviderFieldError[] = [];
  const refuse = (field: string, value: string, list: string, allowed: readonly string[]): void => {
    if (!allowed.includes(value)) errors.push({ field, reason: `${value} is not advertised by the provider (${list}: ${allowed.join(', ') || 'none'})` });
  };
  const check = (field: string, value: string | undefined, list: string): void => {
    const allowed = advertised(document, list);
    if (value !== undefined && allowed !== undefined) refuse(field, value, list, allowed);
  };
  const method = draft.clientAuthenticationMethod;
  if (method !== undefined) check('clientAuthenticationMethod', AUTH_METHOD_NAMES[method], 'token_endpoint_auth_methods_supported');
  const clientJwt = method === 'PRIVATE_KEY_JWT' || method === 'ENCRYPTED_PRIVATE_KEY_JWT';
  const requestObjects = draft.jwtRequestParameterOption === 'VALUE' || draft.jwtRequestParameterOption === 'REFERENCE';
  const signing = draft.jwtSigningAlgorithm;
  if (signing !== undefined && signing !== 'NONE') {
    if (clientJwt) check('jwtSigningAlgorithm', signing, 'token_endpoint_auth_signing_alg_values_supported');
    if (requestObjects) check('jwtSigningAlgorithm', signing, 'request_object_signing_alg_values_supported');
  }
  const encrypting = method === 'ENCRYPTED_PRIVATE_KEY_JWT' || (requestObjects && draft.encryptJwtRequestParameter === true);
  const alg = draft.jwtEncryptionAlgorithm;
  const enc = draft.jwtEncryptionMethod;
  if (encrypting && alg !== undefined && alg !== 'NONE') check('jwtEncryptionAlgorithm', alg, 'request_object_encryption_alg_values_supported');
  if (encrypting && enc !== undefined && enc !== 'NONE') check('jwtEncryptionMethod', JWT_ENCRYPTION_METHODS[enc], 'request_object_encryption_enc_values_supported');
  const pkce = draft.pkceMethod;
  if (pkce === 'S256' || pkce === 'PLAIN') check('pkceMethod', pkce === 'S256' ? 'S256' : 'plain', 'code_challenge_methods_supported');
  if (draft.responseMode === 'FORM_POST') check('responseMode', 'form_post', 'response_modes_supported');
  if (requestObjects) {
    const flag = draft.jwtRequestParameterOption === 'VALUE' ? 'request_parameter_supported' : 'request_uri_parameter_supported';
    if (member(document, flag) === false) errors.push({ field: 'jwtRequestParameterOption', reason: `the provider does not support it (${flag}: false)` });
  }
  const issuer = member(document, 'issuer');
  if (typeof issuer === 'string' && draft.issuer !== undefined && draft.issuer !== issuer) {
    const matches = draft.issuerComparisonCheckType === 'REGEX' ? safeRegexTest(draft.issuer, issuer) : false;
    if (!matches) errors.push({ field: 'issuer', reason: `does not match the provider's issuer ${issuer}` });
  }
  return errors;
}

function safeRegexTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern).test(value);
  } catch {
    return false;
  }
}
