/**
 * Reads Arbor's sign-in from a raw request for the OpenID provider: the SSO token of the session
 * cookie (or the header named like it), checked with the session service (not touched). `acr` is
 * the journey that made the session; `amr` the ways its nodes authenticated the user (the
 * session's `amr` property: `pwd`, `otp`, `hwk`, `fed`…, `journeys/engine/auth-methods.ts`), with
 * `mfa` added when two different ways were used; `pwd` for a session that recorded none.
 */
import type { IncomingMessage } from 'node:http';
import { readCookie } from '../../http/cookies.ts';
import type { ArborLogin, ArborLoginReader } from '../../oidc/arbor-login.ts';
import type { SessionService } from '../../sessions/session-service.ts';

const AMR_VALUE = /^[a-z]{2,16}$/;

function tokenOf(request: IncomingMessage, cookieName: string): string | undefined {
  const header = request.headers[cookieName.toLowerCase()];
  if (typeof header === 'string' && header !== '') return header;
  return readCookie(request.headers.cookie, cookieName);
}

/** The reader over the session service. */
export function arborLoginReader(sessions: SessionService, cookieName: string): ArborLoginReader {
  return async (request) => {
    const token = tokenOf(request, cookieName);
    if (token === undefined || token.length > 512) return undefined;
    const session = await sessions.validate(token);
    if (session === undefined) return undefined;
    const recorded = Object.hasOwn(session.properties, 'amr') ? (session.properties.amr ?? '') : '';
    const methods = [...new Set(recorded.split(',').filter((value) => AMR_VALUE.test(value) && value !== 'mfa'))].slice(0, 8);
    const amr = methods.length === 0 ? ['pwd'] : methods.length > 1 ? [...methods, 'mfa'] : methods;
    const login: ArborLogin = { token, realm: session.realm, accountId: session.userId, authTime: Math.floor(session.createdAt / 1000), acr: session.tree, amr, journey: session.tree, sessionHandle: session.handle };
    return login;
  };
}
