/**
 * The request log's options: Fastify's pino logger with a request serializer that never writes a
 * credential found in a URL. Journey and session tokens travel in query strings (`suspendedId` in
 * emailed links, `authId`, `tokenId`, the session cookie's name used as a parameter) and so do,
 * now and then, passwords; a log line keeps the parameter's name and replaces its value.
 */
import type { FastifyRequest } from 'fastify';
import { currentAuditContext } from '../audit/audit-context.ts';

/** Query parameters always redacted (compared case-insensitively), besides the session cookie's name. */
const TOKEN_PARAMETERS = ['suspendedid', 'authid', 'tokenid', 'iplanetdirectorypro', 'sessionid', 'code', 'state', 'id_token', 'access_token', 'refresh_token', 'form_post_entry', 'requestobjectid'];

/** Parameter names that look like a secret wherever they appear. */
const SECRET_NAME = /pass(word|wd)?|secret|token|credential|api[-_]?key/i;

/** What replaces a redacted value. */
export const REDACTED = 'REDACTED';

/** `url` (a request target, `/path?query`) with the values of credential parameters replaced. */
export function redactUrl(url: string, sessionCookieName: string): string {
  const mark = url.indexOf('?');
  if (mark < 0) return url;
  const sensitive = new Set([...TOKEN_PARAMETERS, sessionCookieName.toLowerCase()]);
  const query = url
    .slice(mark + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0) return pair;
      const raw = pair.slice(0, equals);
      let name = raw;
      try {
        name = decodeURIComponent(raw.replaceAll('+', ' '));
      } catch {
        // A malformed escape: judge the name as written.
      }
      return sensitive.has(name.toLowerCase()) || SECRET_NAME.test(name) ? `${raw}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, mark)}?${query}`;
}

/** A pino logger as the mixin sees it: the fields bound to it (a request's logger has `reqId`). */
interface BoundLogger {
  bindings(): Record<string, unknown>;
}

/**
 * Fields added to every log line: a line written while a request is handled, through a logger
 * that is not the request's own (the app's, from deep in a service), carries the request's
 * `reqId` too, read from the request context (`audit/audit-context.ts`).
 */
export function requestIdMixin(_fields: object, _level: number, logger: BoundLogger): Record<string, unknown> {
  const context = currentAuditContext();
  if (context === undefined || logger.bindings().reqId !== undefined) return {};
  return { reqId: context.transactionId };
}

/**
 * Log paths whose values are secrets wherever a caller puts them in a log object: never written
 * (headers of a request or a reply logged whole, a body, an error carrying a config).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-openam-password"]',
  'req.headers["x-openidm-password"]',
  'req.headers["x-openidm-reauth-password"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'userPassword',
  '*.userPassword',
  'tokenId',
  '*.tokenId',
  'authId',
  '*.authId',
];

/** Fastify's `logger` option: off, or pino with the redacting request serializer. */
export function requestLogOptions(enabled: boolean, sessionCookieName: string) {
  if (!enabled) return false;
  return {
    mixin: requestIdMixin,
    redact: { paths: REDACTED_PATHS, censor: REDACTED },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactUrl(request.url, sessionCookieName),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort ?? 0,
      }),
    },
  };
}
