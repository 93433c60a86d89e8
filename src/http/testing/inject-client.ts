/**
 * Route tests over `app.inject`: a call with optional JSON body, and AM's zero-page sign-in giving
 * the session cookie header for the calls that need one.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** One call: `body` is sent as JSON (a string as it is). */
export type InjectCall = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, headers: Record<string, string>, body?: unknown) => Promise<LightMyRequestResponse>;

/** Calls on `app()` (a function, so a suite may create its app in `before`). */
export function injectCall(app: () => FastifyInstance): InjectCall {
  return (method, url, headers, body) =>
    app().inject({ method, url, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }) });
}

/** Signs `username` in to the realm at `realmPath` (`''` for root, `/realms/alpha`) with headers; the Cookie header of its session. */
export async function injectSignIn(app: FastifyInstance, realmPath: string, username: string, password: string): Promise<Record<string, string>> {
  const answer = await app.inject({ method: 'POST', url: `/am/json/realms/root${realmPath}/authenticate`, headers: { 'x-openam-username': username, 'x-openam-password': password, 'content-type': 'application/json' } });
  return { cookie: `iPlanetDirectoryPro=${answer.json<{ tokenId: string }>().tokenId}` };
}
