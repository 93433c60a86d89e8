/**
 * Signing in and using SSO sessions over real HTTP (`fetch` against a listening Arbor), for tests
 * that race requests: zero-page login, the sessions actions, and JSON requests with a session.
 */
import assert from 'node:assert/strict';

/** An answer: its status and parsed JSON body (undefined when empty). */
export interface JsonReply {
  status: number;
  body: unknown;
}

/** The AM path of a realm (`root` or a sub-realm of root). */
export function amRealmPath(realm: string): string {
  return realm === 'root' ? '/am/json/realms/root' : `/am/json/realms/root/realms/${realm}`;
}

/** Sends `method path` with JSON `body` (when given) and `headers`; resolves to the status and JSON. */
export async function requestJson(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<JsonReply> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

/** The session cookie header of `token`. */
export function cookieOf(token: string): Record<string, string> {
  return { cookie: `iPlanetDirectoryPro=${token}` };
}

/** Signs in with zero-page login through the realm's `Login` journey; resolves to the SSO token. */
export async function signInOver(baseUrl: string, realm: string, username: string, password: string): Promise<string> {
  const reply = await requestJson(baseUrl, 'POST', `${amRealmPath(realm)}/authenticate?authIndexType=service&authIndexValue=Login`, {
    'x-openam-username': username,
    'x-openam-password': password,
  });
  assert.equal(reply.status, 200, `sign-in of ${username}: ${JSON.stringify(reply.body)}`);
  const tokenId = (reply.body as { tokenId?: unknown }).tokenId;
  assert.equal(typeof tokenId, 'string', `the Login journey did not end with a session: ${JSON.stringify(reply.body)}`);
  return String(tokenId);
}

/** `POST …/sessions?_action=<action>` with the token in the body. */
export function sessionAction(baseUrl: string, action: string, token: string): Promise<JsonReply> {
  return requestJson(baseUrl, 'POST', `${amRealmPath('root')}/sessions?_action=${action}`, {}, { tokenId: token });
}

/** True when `sessions?_action=validate` says the token is a live session. */
export async function isValidSession(baseUrl: string, token: string): Promise<boolean> {
  const reply = await sessionAction(baseUrl, 'validate', token);
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return (reply.body as { valid?: unknown }).valid === true;
}

/**
 * Whether the token still works anywhere: `validate`, `getSessionInfo` and an IDM call
 * authenticated by the session (`GET /openidm/info/login`, which resets the idle time) must all
 * agree; a disagreement fails the test.
 */
export async function sessionWorks(baseUrl: string, token: string): Promise<boolean> {
  const valid = await isValidSession(baseUrl, token);
  const info = await sessionAction(baseUrl, 'getSessionInfo', token);
  const idm = await requestJson(baseUrl, 'GET', '/openidm/info/login', cookieOf(token));
  const answers = { validate: valid, getSessionInfo: info.status, idmInfoLogin: idm.status };
  const agreed = valid ? info.status === 200 && idm.status === 200 : info.status === 401 && idm.status === 401;
  assert.ok(agreed, `the endpoints disagree about the session: ${JSON.stringify(answers)}`);
  return valid;
}
