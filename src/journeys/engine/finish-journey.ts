/**
 * Terminals of a journey. Success: the identified user must not be locked out; their failure
 * count and the retry counts of the Retry Limit Decision nodes the journey passed through are
 * cleared, and an SSO session is created (unless `noSession`). Failure: AM's 401 body, with the
 * message the last node gave ("User Locked Out.") or "Login failure". Either way, what the
 * request's services kept for its end (the sign-in's bookkeeping on the user) is written first,
 * in one update per user (`settle`), before any session exists. The session carries the
 * properties nodes set (Set Session Properties), the auth level of `shared.authLevel` (0 plus the
 * Modify Auth Level increments) and the limits nodes set, which may only shorten the realm's (the
 * realm's longest session time bounds how long a user's ended sessions are remembered). Then
 * the nodes' session hooks run (the persistent cookie); their cookies go with the answer.
 */
import { AUTH_METHODS_PROPERTY, recordedAuthMethods } from './auth-methods.ts';
import type { RealmConfig } from '../../config/realm-config.ts';
import { realmPath } from '../../config/realm-config.ts';
import type { SessionService } from '../../sessions/session-service.ts';
import { clearRetryCounts } from './clear-retry-counts.ts';
import type { JourneyRecord } from './journey-state.ts';
import type { ManagedUserView, NodeServices, RequestFacts } from './node-context.ts';
import type { NodeLookup } from './node-steps.ts';
import type { ResponseCookie } from './response-cookie.ts';
import { failureDetailsOf, successDetailsOf } from './response-details.ts';

/**
 * The answer of a finished journey. `details` are what Set Success Details / Set Failure Details
 * nodes added: top-level fields of the success answer, fields of the failure `detail`.
 */
export type FinishedJourney =
  | { kind: 'success'; tokenId?: string; successUrl: string; realm: string; details?: Record<string, unknown>; cookies?: ResponseCookie[] }
  | { kind: 'failure'; message: string; failureUrl: string; details?: Record<string, unknown> };

/** Turns the success or failure terminal into the response. */
export async function finishJourney(
  terminal: 'success' | 'failure',
  record: JourneyRecord,
  realm: RealmConfig,
  deps: { services: NodeServices; sessions: SessionService; settle(): Promise<void>; nodes?: NodeLookup; request?: RequestFacts },
): Promise<FinishedJourney> {
  const failureDetails = failureDetailsOf(record.shared);
  const failure = (message: string): FinishedJourney => ({
    kind: 'failure',
    message,
    failureUrl: record.failureUrl ?? '',
    ...(Object.keys(failureDetails.details).length > 0 ? { details: failureDetails.details } : {}),
  });
  const finished = await conclude(terminal, record, deps.services);
  await deps.settle();
  // A Set Failure Details message replaces the failure terminal's message, as AM's failure hook does.
  if (finished.kind === 'failure') return failure(terminal === 'failure' && failureDetails.message !== undefined ? failureDetails.message : finished.message);
  const successDetails = successDetailsOf(record.shared);
  const details = Object.keys(successDetails).length > 0 ? { details: successDetails } : {};
  const { user, username } = finished;
  const identityResource = record.identityResource;
  // A Set Success URL node (admin-configured) wins over the request's checked `goto`.
  const fromNode = typeof record.shared.successUrl === 'string' && record.shared.successUrl !== '' ? record.shared.successUrl : undefined;
  const successUrl = fromNode ?? record.successUrl ?? realm.successUrl;
  if (record.noSession) return { kind: 'success', successUrl, realm: realmPath(realm.name), ...details };
  if (user === undefined) return failure('Login failure');
  const userName = typeof user.attributes.userName === 'string' ? user.attributes.userName : (username ?? user._id);
  const { tokenId, session } = await deps.sessions.create(
    {
      realm: realm.name,
      userId: user._id,
      username: userName,
      userType: identityResource.replace(/^managed\//, ''),
      authLevel: authLevelOf(record),
      tree: record.authIndexValue,
      properties: { ...(record.sessionProperties ?? {}), ...authMethodsProperty(record.shared) },
    },
    sessionSettingsOf(realm, record),
  );
  let cookies: ResponseCookie[];
  try {
    cookies = await runSessionHooks(record, session, deps);
  } catch (error) {
    // No answer carries the token: the session must not outlive the failed hook.
    await deps.sessions.logout(tokenId).catch(() => undefined);
    throw error;
  }
  return { kind: 'success', tokenId, successUrl, realm: realmPath(realm.name), ...details, ...(cookies.length === 0 ? {} : { cookies }) };
}

/** The session property recording how the user was authenticated (`amr`), when nodes recorded it. */
function authMethodsProperty(shared: Record<string, unknown>): Record<string, string> {
  const methods = recordedAuthMethods(shared);
  return methods.length === 0 ? {} : { [AUTH_METHODS_PROPERTY]: methods.join(',') };
}

/** The journey's auth level: `shared.authLevel` when it is a whole number, else 0. */
function authLevelOf(record: JourneyRecord): number {
  const level = record.shared.authLevel;
  return typeof level === 'number' && Number.isSafeInteger(level) ? level : 0;
}

/** The realm's session limits, shortened by those nodes set. */
function sessionSettingsOf(realm: RealmConfig, record: JourneyRecord): RealmConfig['sessions'] {
  const limits = record.sessionLimits ?? {};
  const shorter = (mine: number | undefined, realms: number): number => (mine !== undefined && mine > 0 ? Math.min(mine, realms) : realms);
  return {
    ...realm.sessions,
    maxSessionMinutes: shorter(limits.maxSessionMinutes, realm.sessions.maxSessionMinutes),
    maxIdleMinutes: shorter(limits.maxIdleMinutes, realm.sessions.maxIdleMinutes),
  };
}

/** Runs the nodes' session hooks in order; the cookies they give. */
async function runSessionHooks(
  record: JourneyRecord,
  session: { realm: string; userId: string; username: string; properties: Record<string, string> },
  deps: { services: NodeServices; nodes?: NodeLookup; request?: RequestFacts },
): Promise<ResponseCookie[]> {
  const cookies: ResponseCookie[] = [];
  for (const hook of record.sessionHooks ?? []) {
    const definition = deps.nodes?.get(hook.nodeType);
    if (definition?.onSession === undefined || deps.request === undefined) {
      throw new Error(`node ${hook.nodeId} (${hook.nodeType}) left a session hook that cannot run here`);
    }
    const given = await definition.onSession({
      nodeId: hook.nodeId,
      data: hook.data,
      session: { realm: session.realm, userId: session.userId, username: session.username, properties: { ...session.properties } },
      services: deps.services,
      request: deps.request,
    });
    cookies.push(...given);
  }
  return cookies;
}

/** The user a successful journey identified (locked out: a failure), with its sign-in bookkeeping kept for `settle`. */
async function conclude(
  terminal: 'success' | 'failure',
  record: JourneyRecord,
  services: NodeServices,
): Promise<{ kind: 'failure'; message: string } | { kind: 'success'; user: ManagedUserView | undefined; username: string | undefined }> {
  if (terminal === 'failure') return { kind: 'failure', message: record.errorMessage ?? 'Login failure' };
  const identityResource = record.identityResource;
  const username = typeof record.shared.username === 'string' ? record.shared.username : undefined;
  const userId = typeof record.shared._id === 'string' ? record.shared._id : undefined;
  const user =
    userId !== undefined
      ? await services.identity.getUser(identityResource, userId)
      : username !== undefined
        ? await services.identity.findUser(identityResource, 'userName', username)
        : undefined;
  if (user !== undefined) {
    if (await services.lockout.isLocked(identityResource, user._id)) return { kind: 'failure', message: 'User Locked Out.' };
    await services.lockout.recordSuccess(identityResource, user._id);
    await clearRetryCounts(services.identity, identityResource, user._id, record.shared);
  }
  return { kind: 'success', user, username };
}
