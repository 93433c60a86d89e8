/** Reading a CREST request: its query parameters, `If-Match`/`If-None-Match`, `_fields`, and answering with `ETag`. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CrestResource } from '../../identity/crest/crest-resource.ts';
import { httpError } from '../errors.ts';

/** The query string as single values (a null-prototype object: only given names are there); a parameter given twice is a 400. */
export function queryParams(request: FastifyRequest): Record<string, string | undefined> {
  const params: Record<string, string | undefined> = Object.create(null);
  for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    if (Array.isArray(value)) throw httpError(400, `The query parameter ${name} may be given only once`);
    if (typeof value === 'string') params[name] = value;
  }
  return params;
}

/** The revision an `If-Match`/`If-None-Match` header names (quotes and `W/` removed), `*`, or undefined. */
export function preconditionOf(request: FastifyRequest, name: 'if-match' | 'if-none-match'): string | undefined {
  const raw = request.headers[name];
  if (raw === undefined) return undefined;
  const value = (Array.isArray(raw) ? raw.join(',') : raw).trim();
  if (value === '*') return '*';
  if (value.includes(',')) throw httpError(400, `${name === 'if-match' ? 'If-Match' : 'If-None-Match'} accepts one revision or "*"`);
  return value.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

/** The `ETag` value of a revision, quoted as IDM sends it. */
export function etagOf(rev: string): string {
  return `"${rev}"`;
}

/** Sends a resource with its `ETag`. */
export function sendResource(reply: FastifyReply, resource: CrestResource, status = 200): FastifyReply {
  return reply.code(status).header('ETag', etagOf(resource.rev)).send(resource.body);
}

/** The value of a one-string header, or undefined. */
export function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** A 405 for a method the endpoint does not answer. */
export function methodNotAllowed(request: FastifyRequest): Error {
  return httpError(405, `Method ${request.method} is not allowed on ${request.url.split('?')[0] ?? ''}`);
}
