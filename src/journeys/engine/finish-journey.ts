/**
 * Terminals of a journey. Success: the identified user must not be locked out; their failure
 * count and the retry counts of the Retry Limit Decision nodes the journey passed through are
 * cleared, and an SSO session is created (unless `noSession`). Failure: AM's 401 body, with the
 * message the last node gave ("User Locked Out.") or "Login failure". Either way, what the
 * request's services kept for its end (the sign-in's bookkeeping on the user) is written first,
 * in one update per user (`settle`), before any session exists.
 */
import type { RealmConfig } from '../../config/realm-config.ts';
import { realmPath } from '../../config/realm-config.ts';
import type { SessionService } from '../../sessions/session-service.ts';
import { clearRetryCounts } from './clear-retry-counts.ts';
import type { JourneyRecord } from './journey-state.ts';
import type { ManagedUserView, NodeServices } from './node-context.ts';

/** The answer of a finished journey. */
export type FinishedJourney =
  | { kind: 'success'; tokenId?: string; successUrl: string; realm: string }
  | { kind: 'failure'; message: string; failureUrl: string };

/** Turns the success or failure terminal into the response. */
export async function finishJourney(
  terminal: 'success' | 'failure',
  record: JourneyRecord,
  realm: RealmConfig,
  deps: { services: NodeServices; sessions: SessionService; settle(): Promise<void> },
): Promise<FinishedJourney> {
  const failure = (message: string): FinishedJourney => ({ kind: 'failure', message, failureUrl: record.failureUrl ?? '' });
  const finished = await conclude(terminal, record, deps.services);
  await deps.settle();
  if (finished.kind === 'failure') return failure(finished.message);
  const { user, username } = finished;
  const identityResource = record.identityResource;
  // A Set Success URL node (admin-configured) wins over the request's checked `goto`.
  const fromNode = typeof record.shared.successUrl === 'string' && record.shared.successUrl !== '' ? record.shared.successUrl : undefined;
  const successUrl = fromNode ?? record.successUrl ?? realm.successUrl;
  if (record.noSession) return { kind: 'success', successUrl, realm: realmPath(realm.name) };
  if (user === undefined) return failure('Login failure');
  const userName = typeof user.attributes.userName === 'string' ? user.attributes.userName : (username ?? user._id);
  const { tokenId } = await deps.sessions.create(
    {
      realm: realm.name,
      userId: user._id,
      username: userName,
      userType: identityResource.replace(/^managed\//, ''),
      authLevel: typeof record.shared.authLevel === 'number' ? record.shared.authLevel : 0,
      tree: record.authIndexValue,
      properties: {},
    },
    realm.sessions,
  );
  return { kind: 'success', tokenId, successUrl, realm: realmPath(realm.name) };
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
