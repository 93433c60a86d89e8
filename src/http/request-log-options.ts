/**
 * The request log's options: Fastify's pino logger with a request serializer that never writes a
 * credential found in a URL. Journey and session tokens travel in query strings (`suspendedId` in
 * emailed links, `authId`, `tokenId`, the session cookie's name used as a parameter) and so do,
 * now and then, passwords; a log line keeps the parameter's name and replaces its value.
 */
import type { FastifyRequest } from 'fastify';

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

/** Fastify's `logger` option: off, or pino with the redacting request serializer. */
export function requestLogOptions(enabled: boolean, sessionCookieName: string) {
  if (!enabled) return false;
  return {
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
