/** Finds the SSO token a request carries: the session cookie, or a header named like it (AM's REST clients). */
import type { FastifyRequest } from 'fastify';
import { readCookie } from './cookies.ts';

/** The token from the `<cookieName>` header or cookie, or undefined. */
export function sessionTokenOf(request: FastifyRequest, cookieName: string): string | undefined {
  const header = request.headers[cookieName.toLowerCase()];
  if (typeof header === 'string' && header !== '') return header;
  return readCookie(request.headers.cookie, cookieName);
}
