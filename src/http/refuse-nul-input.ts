/**
 * U+0000 (NUL) in what a request carries outside its body and path: query parameters (names and
 * values) and header values. PostgreSQL stores no text holding it, so a journey name, a paging
 * cookie or a user name with one would fail in the database (a 500); every request that carries
 * one is a 400 naming where, before any route runs. (Bodies are `parseJsonBody`'s; a path
 * segment holding one names no object, realm or document: each route answers it as unknown.)
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasNul } from '../json/nul-characters.ts';
import { httpError } from './errors.ts';

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

/** Where the request carries U+0000 (`query parameter goto`), or undefined. */
export function nulInRequest(request: Pick<FastifyRequest, 'query' | 'headers'>): string | undefined {
  for (const [kind, record] of [
    ['query parameter', request.query],
    ['header', request.headers],
  ] as const) {
    if (typeof record !== 'object' || record === null) continue;
    for (const [name, value] of Object.entries(record)) {
      if (hasNul(name) || strings(value).some(hasNul)) return `${kind} ${name.replaceAll('\u0000', '\\u0000')}`;
    }
  }
  return undefined;
}

/** Refuses, with a 400, every request carrying U+0000 in its query or headers. */
export function registerNulRefusal(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const where = nulInRequest(request);
    if (where !== undefined) throw httpError(400, `The ${where} holds U+0000 (NUL), which no value may contain`);
  });
}
