/**
 * Turns a Fastify request into the request facts nodes may see (never the request itself). Of the
 * headers, only those `ARBOR_NODE_HEADERS` allows reach nodes; credentials and session tokens
 * never do, and `X-Forwarded-*` only from a trusted proxy. Cookies are read one by name
 * (`cookie(name)`), never the session cookie nor Arbor's own `arbor-*` ones.
 */
import type { FastifyRequest } from 'fastify';
import type { ExistingSession, RequestFacts } from '../journeys/engine/node-context.ts';
import { forbiddenNodeHeader, isForwardingHeader } from '../config/node-headers-setting.ts';
import { realmPath } from '../config/realm-config.ts';
import type { ServerSettings } from '../config/server-settings.ts';
import { isArborCookie } from '../journeys/engine/response-cookie.ts';
import { readCookie } from './cookies.ts';

/** The settings that decide which headers nodes see. */
export type NodeHeaderSettings = Pick<ServerSettings, 'nodeHeaders' | 'trustProxy' | 'cookieName'>;

/** Preferred locales from Accept-Language, best first (`fr-BE, fr;q=0.8` → `['fr-BE','fr']`). */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (header === undefined || header === '') return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((entry) => entry.tag)
    .slice(0, 10);
}

/**
 * The allowed headers of `request` (names lower-case, as Node gives them). The deny rules are
 * applied again here, whatever the settings say, so that no way of building settings lets a
 * credential through.
 */
export function nodeHeaders(request: Pick<FastifyRequest, 'headers'>, settings: NodeHeaderSettings): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of settings.nodeHeaders) {
    const value = request.headers[name];
    if (typeof value !== 'string') continue;
    if (forbiddenNodeHeader(name, settings.cookieName) !== undefined) continue;
    if (isForwardingHeader(name) && !settings.trustProxy) continue;
    headers[name] = value;
  }
  return headers;
}

/** Builds the request facts for a journey in `realm`. */
export function requestFacts(request: FastifyRequest, realm: string, existingSession: ExistingSession | undefined, settings: NodeHeaderSettings): RequestFacts {
  const headers = nodeHeaders(request, settings);
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string') query[name] = value;
  }
  return {
    realm: realmPath(realm),
    clientIp: request.ip,
    locales: parseAcceptLanguage(typeof request.headers['accept-language'] === 'string' ? request.headers['accept-language'] : undefined),
    headers,
    query,
    ...(existingSession === undefined ? {} : { existingSession }),
    cookie: (name) => (isArborCookie(name, settings.cookieName) ? undefined : readCookie(request.headers.cookie, name)),
  };
}
