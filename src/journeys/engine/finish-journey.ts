/**
 * Terminals of a journey. Success: the identified user must not be locked out; their failure
 * count and the retry counts of the Retry Limit Decision nodes the journey passed through are
 * cleared, and an SSO session is created (unless `noSession`). Failure: AM's 401 body, with the
 * message the last node gave ("User Locked Out.") or "Login failure".
 */
import type { RealmConfig } from '../../config/realm-config.ts';
import { realmPath } from '../../config/realm-config.ts';
import type { SessionService } from '../../sessions/session-service.ts';
import { clearRetryCounts } from './clear-retry-counts.ts';
import type { JourneyRecord } from './journey-state.ts';
import type { NodeServices } from './node-context.ts';

/** The answer of a finished journey. */
export type FinishedJourney =
  | { kind: 'success'; tokenId?: string; successUrl: string; realm: string }
  | { kind: 'failure'; message: string; failureUrl: string };

/** Turns the success or failure terminal into the response. */
export async function finishJourney(
  terminal: 'success' | 'failure',
  record: JourneyRecord,
  realm: RealmConfig,
  deps: { services: NodeServices; sessions: SessionService },
): Promise<FinishedJourney> {
  const failure = (message: string): FinishedJourney => ({ kind: 'failure', message, failureUrl: record.failureUrl ?? '' });
  if (terminal === 'failure') return failure(record.errorMessage ?? 'Login failure');
  const identityResource = record.identityResource;
  const username = typeof record.shared.username === 'string' ? record.shared.username : undefined;
  const userId = typeof record.shared._id === 'string' ? record.shared._id : undefined;
  const user =
    userId !== undefined
      ? await deps.services.identity.getUser(identityResource, userId)
      : username !== undefined
        ? await deps.services.identity.findUser(identityResource, 'userName', username)
        : undefined;
  if (user !== undefined) {
    if (await deps.services.lockout.isLocked(identityResource, user._id)) return failure('User Locked Out.');
    await deps.services.lockout.recordSuccess(identityResource, user._id);
    await clearRetryCounts(deps.services.identity, identityResource, user._id, record.shared);
  }
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
