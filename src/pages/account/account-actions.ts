/**
 * What each account form does, through the domain services: the profile and the security
 * questions are patched on the user with the signed-in user's own access (user-editable
 * properties only, the same policy validation as the REST self PATCH; the identity layer hashes
 * the answers), consents and social links are removed from the user's lists (with the revision
 * read, so a concurrent change is never overwritten), sessions end through the session service,
 * the account is deleted through the managed object service, which ends its sessions, and sign-in
 * devices and recovery codes are changed through the device service (`device-actions.ts`).
 */
import type { RealmConfig } from '../../config/realm-config.ts';
import type { RecoverableKind } from '../../devices/recovery-codes.ts';
import type { AppDeps } from '../../http/app-deps.ts';
import { authorizeManaged } from '../../http/idm/authorize.ts';
import type { CrestAccess } from '../../identity/crest/crest-access.ts';
import { ADMIN_ACCESS } from '../../identity/crest/crest-access.ts';
import { crestError, isCrestError } from '../../identity/crest/errors.ts';
import { parsePatchOperations } from '../../identity/crest/patch-operations.ts';
import { hasErrorCode } from '../../identity/errors.ts';
import type { KbaEntry } from '../../journeys/nodes/kba-create-node.ts';
import { entryOf, sameQuestionKey } from '../../journeys/nodes/kba-create-node.ts';
import type { SsoSession } from '../../sessions/sso-session.ts';
import type { AccountStatus } from './account-cookies.ts';
import type { ShownDevice } from './account-devices.ts';
import type { AccountProblems } from './account-document.ts';
import { kbaSettingsOf, readAccountUser } from './account-view.ts';
import { removeDevice, renameDevice, replaceRecoveryCodes } from './device-actions.ts';
import { failuresByField, postedValues, profileFieldsOf, profileOperations } from './profile-fields.ts';

/** What a post leads to. */
export type ActionResult =
  /** Done: back to the page, which says `status` once. */
  | { kind: 'done'; status: AccountStatus }
  /** Refused as entered: the page again (400), with the problems next to their fields. */
  | { kind: 'invalid'; problems: AccountProblems }
  /** Signed out here (the cookie goes); `deleted` when the account is gone too. */
  | { kind: 'signedOut'; deleted: boolean }
  /** The other sessions ended: this browser carries on with `tokenId`. */
  | { kind: 'newSession'; tokenId: string }
  /** Deleting the account needs a confirmation first. */
  | { kind: 'confirmDelete' }
  /** Account deletion is off in this realm (403). */
  | { kind: 'deleteRefused' }
  /** Removing a device needs a confirmation first. */
  | { kind: 'confirmRemoveDevice'; device: ShownDevice }
  /** New recovery codes for `forKind`, to be shown this once. */
  | { kind: 'recoveryCodes'; forKind: RecoverableKind; codes: string[] };

/** The post: who, where, and the fields. */
export interface ActionInput {
  deps: AppDeps;
  realm: RealmConfig;
  session: SsoSession;
  /** The token of this browser's session. */
  token: string;
  form: ReadonlyMap<string, string>;
}

/** The names of the account forms (`POST /account/<name>`). */
export const ACCOUNT_ACTIONS = [
  'profile',
  'security-questions',
  'consents/withdraw',
  'social/unlink',
  'sessions/sign-out',
  'sessions/sign-out-others',
  'devices/rename',
  'devices/remove',
  'recovery-codes/new',
  'sign-out',
  'delete',
] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

const LIST_ATTEMPTS = 3;

/** The signed-in user's own access to their object: what the REST self PATCH gets. */
async function ownAccess(deps: AppDeps, session: SsoSession): Promise<CrestAccess> {
  const caller = { kind: 'user' as const, type: session.userType, id: session.userId, username: session.username, authenticatedBy: 'session' as const };
  const target = { type: session.userType, id: session.userId, schema: async () => (await deps.idm.identity.schema(session.userType)).schema };
  // No re-authentication here: the page changes no protected property (the password has its own journey).
  return authorizeManaged(caller, 'patch', target, undefined, async () => false);
}

function text(form: ReadonlyMap<string, string>, name: string): string {
  return form.get(name) ?? '';
}

async function saveProfile({ deps, session, form }: ActionInput): Promise<ActionResult> {
  const kba = await kbaSettingsOf(deps);
  const [{ user }, { schema }] = await Promise.all([readAccountUser(deps, session, kba), deps.idm.identity.schema(session.userType)]);
  const fields = profileFieldsOf(schema);
  const values = postedValues(fields, form);
  const operations = profileOperations(fields, user, values);
  if (operations.length === 0) return { kind: 'done', status: 'profileSaved' };
  try {
    await deps.idm.managedObjects.patch(session.userType, session.userId, operations, { access: await ownAccess(deps, session) });
  } catch (error) {
    if (isCrestError(error, 'POLICY_VALIDATION_FAILED')) return { kind: 'invalid', problems: { profile: { values, failures: failuresByField(fields, error.detail) } } };
    if (isCrestError(error, 'FORBIDDEN') || isCrestError(error, 'BAD_REQUEST')) return { kind: 'invalid', problems: { profile: { values, failures: new Map() }, notice: 'profile.refused' } };
    throw error;
  }
  return { kind: 'done', status: 'profileSaved' };
}

/** The security questions: the KBA Definition node's rules (how many, distinct, each answered), answers hashed by the identity layer. */
async function replaceQuestions({ deps, session, form }: ActionInput): Promise<ActionResult> {
  const kba = await kbaSettingsOf(deps);
  const count = kba.minimumAnswersToDefine;
  const positions = Array.from({ length: Math.max(count, 0) }, (_, index) => index + 1);
  const chosen = positions.map((n) => text(form, `question-${n}`).trim());
  const written = positions.map((n) => text(form, `custom-${n}`).trim());
  const invalid = (reason: 'invalid' | 'tooLong'): ActionResult => ({ kind: 'invalid', problems: { questions: { chosen, written, reason } } });
  if (count <= 0) return invalid('invalid');
  const entries = positions.map((n, index) => entryOf(written[index] || chosen[index] || '', text(form, `answer-${n}`).trim(), kba.questions, true));
  const accepted = entries.filter((entry): entry is KbaEntry => entry !== undefined);
  if (accepted.length !== count || new Set(accepted.map(sameQuestionKey)).size !== count) return invalid('invalid');
  const operations = parsePatchOperations([{ operation: 'replace', field: `/${kba.kbaPropertyName}`, value: accepted }]);
  try {
    await deps.idm.managedObjects.patch(session.userType, session.userId, operations, { access: await ownAccess(deps, session) });
  } catch (error) {
    if (hasErrorCode(error, 'KBA_ANSWER_TOO_LONG')) return invalid('tooLong');
    if (isCrestError(error, 'POLICY_VALIDATION_FAILED')) return invalid('invalid');
    throw error;
  }
  return { kind: 'done', status: 'questionsSaved' };
}

/**
 * Removes from the user's list `name` the entries `remove` picks, at the revision read (read
 * again when another write came first); false when there was nothing to remove.
 */
async function removeFromList(deps: AppDeps, session: SsoSession, name: 'consentedMappings' | 'aliasList', remove: (entry: unknown) => boolean): Promise<boolean> {
  const kba = await kbaSettingsOf(deps);
  const access = await ownAccess(deps, session);
  for (let attempt = 1; attempt <= LIST_ATTEMPTS; attempt++) {
    const { user, rev } = await readAccountUser(deps, session, kba);
    const list = Object.hasOwn(user, name) && Array.isArray(user[name]) ? user[name] : [];
    const kept = list.filter((entry: unknown) => !remove(entry));
    if (kept.length === list.length) return false;
    try {
      await deps.idm.managedObjects.patch(session.userType, session.userId, parsePatchOperations([{ operation: 'replace', field: `/${name}`, value: kept }]), { access, ifMatch: rev });
      return true;
    } catch (error) {
      if (!isCrestError(error, 'PRECONDITION_FAILED')) throw error;
    }
  }
  throw crestError('CONCURRENT_UPDATE', `managed/${session.userType}/${session.userId} kept changing; try again`);
}

async function withdrawConsent({ deps, session, form }: ActionInput): Promise<ActionResult> {
  const mapping = text(form, 'mapping');
  await removeFromList(deps, session, 'consentedMappings', (entry) => typeof entry === 'object' && entry !== null && (entry as { mapping?: unknown }).mapping === mapping);
  return { kind: 'done', status: 'consentWithdrawn' };
}

/**
 * Unlinks a social account. Whether the user also has a password is not known to the page (no
 * service says it without the hash), so unlinking the last provider is allowed: a user left
 * without a way to sign in recovers through the password reset journey.
 */
async function unlinkSocial({ deps, session, form }: ActionInput): Promise<ActionResult> {
  const alias = text(form, 'alias');
  await removeFromList(deps, session, 'aliasList', (entry) => entry === alias);
  return { kind: 'done', status: 'socialUnlinked' };
}

async function signOutOne(input: ActionInput): Promise<ActionResult> {
  const { deps, session, form } = input;
  const handle = text(form, 'handle');
  if (handle === session.handle) return signOutHere(input);
  const ended = await deps.sessions.logoutByHandle(session.userType, session.userId, handle);
  return { kind: 'done', status: ended ? 'sessionEnded' : 'sessionAlreadyOver' };
}

/**
 * Ends every session of the user (`endSessionsOf`, which also ends sessions the per-user list
 * missed) and gives this browser a new one, which ends when the old one would have at the latest.
 */
async function signOutOthers({ deps, realm, session }: ActionInput): Promise<ActionResult> {
  // The session was touched by this request: its last access is now, on the sessions' clock.
  const now = session.lastAccessAt;
  const listed = await deps.sessions.sessionsOf(session.userType, session.userId);
  const longest = Math.max(realm.sessions.maxSessionMinutes * 60_000, ...listed.map((entry) => entry.maxExpiresAt - now), session.maxExpiresAt - now);
  await deps.sessions.endSessionsOf(session.userType, session.userId, longest);
  const remainingMinutes = Math.max(1, Math.floor((session.maxExpiresAt - now) / 60_000));
  const { realm: realmName, userId, username, userType, authLevel, tree, properties } = session;
  const created = await deps.sessions.create(
    { realm: realmName, userId, username, userType, authLevel, tree, properties },
    { maxIdleMinutes: Math.max(1, Math.round(session.maxIdleMs / 60_000)), maxSessionMinutes: remainingMinutes },
  );
  return { kind: 'newSession', tokenId: created.tokenId };
}

async function signOutHere({ deps, token }: ActionInput): Promise<ActionResult> {
  await deps.sessions.logout(token);
  return { kind: 'signedOut', deleted: false };
}

async function deleteAccount(input: ActionInput): Promise<ActionResult> {
  const { deps, realm, session, form, token } = input;
  if (realm.usersMayDeleteAccount !== true) return { kind: 'deleteRefused' };
  if (form.get('confirm') !== 'yes') return { kind: 'confirmDelete' };
  // The managed object service announces the deletion: every session of the account ends.
  await deps.idm.managedObjects.delete(session.userType, session.userId, { access: ADMIN_ACCESS });
  await deps.sessions.logout(token);
  return { kind: 'signedOut', deleted: true };
}

const HANDLERS: Readonly<Record<AccountAction, (input: ActionInput) => Promise<ActionResult>>> = {
  profile: saveProfile,
  'security-questions': replaceQuestions,
  'consents/withdraw': withdrawConsent,
  'social/unlink': unlinkSocial,
  'sessions/sign-out': signOutOne,
  'sessions/sign-out-others': signOutOthers,
  'devices/rename': renameDevice,
  'devices/remove': removeDevice,
  'recovery-codes/new': replaceRecoveryCodes,
  'sign-out': signOutHere,
  delete: deleteAccount,
};

/** Runs the form `action`. */
export function runAccountAction(action: AccountAction, input: ActionInput): Promise<ActionResult> {
  return HANDLERS[action](input);
}
