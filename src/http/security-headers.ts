/**
 * The security headers of every answer (OWASP ASVS 4.0 V14.4), errors, 404s and CORS preflights
 * included. Arbor answers JSON only, so nothing it sends may be sniffed into HTML, framed, or
 * cached, and no URL of it (emailed links carry a `suspendedId`) leaks to another site in a
 * `Referer`:
 * - `X-Content-Type-Options: nosniff`;
 * - `Referrer-Policy: no-referrer` (stricter than `strict-origin-when-cross-origin`, which would
 *   still send the origin: a JSON API has no page whose navigation needs it);
 * - `X-Frame-Options: DENY` and `Content-Security-Policy: default-src 'none'; frame-ancestors 'none'`
 *   (no JSON answer loads anything or may be framed; the first for browsers without CSP 2);
 * - `Cache-Control: no-store`: steps carry `authId`s, successes tokens, IDM answers personal data;
 *   nothing Arbor answers is worth a copy in a shared cache or a browser's history;
 * - `Strict-Transport-Security: max-age=31536000; includeSubDomains` when `ARBOR_PUBLIC_URL` is
 *   https (browsers ignore it over http, and sending it there would only mislead).
 */
import type { FastifyInstance } from 'fastify';
import type { ServerSettings } from '../config/server-settings.ts';

/** HSTS for a year, subdomains of Arbor's host included (ASVS V14.4.5). */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** The headers every answer carries, given the public URL. */
export function securityHeaders(publicUrl: string): Record<string, string> {
  const headers: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'cache-control': 'no-store',
  };
  if (new URL(publicUrl).protocol === 'https:') headers['strict-transport-security'] = HSTS;
  return headers;
}

/** Adds the headers to every answer of `app` (set when the request arrives, so error answers keep them). */
export function registerSecurityHeaders(app: FastifyInstance, settings: Pick<ServerSettings, 'publicUrl'>): void {
  const headers = securityHeaders(settings.publicUrl);
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(headers);
  });
}
