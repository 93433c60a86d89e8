/** Turns a Fastify request into the request facts nodes may see (never the request itself). */
import type { FastifyRequest } from 'fastify';
import type { ExistingSession, RequestFacts } from '../journeys/engine/node-context.ts';
import { realmPath } from '../config/realm-config.ts';

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

/** Builds the request facts for a journey in `realm`. */
export function requestFacts(request: FastifyRequest, realm: string, existingSession: ExistingSession | undefined): RequestFacts {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers[name] = value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string') query[name] = value;
  }
  return {
    realm: realmPath(realm),
    clientIp: request.ip,
    locales: parseAcceptLanguage(headers['accept-language']),
    headers,
    query,
    ...(existingSession === undefined ? {} : { existingSession }),
  };
}
