/**
 * The admin app's calls for a user's sessions, linked social accounts and devices, same origin
 * with the session cookie: AM's administrator sessions REST (`GET …/sessions?_queryFilter=…`,
 * `_action=logoutByHandle|logoutByUser`), IDM's user read (`_fields=aliasList`) and patch (with
 * `If-Match`), and AM's device REST (list, delete). A failed call throws an `AmRequestError`
 * (a 401 signs the administrator out in the shell).
 */
import { sendJson } from './send-json.ts';
import { AmRequestError, isRecord, own, realmBase } from './am-client.ts';
import type { DeviceKind, DeviceRow, RecoveryCodesRow, SessionPage } from './identity-extras-model.ts';
import { devicePath, devicesBase, parseDevices, parseRecoveryCodes, parseSessionPage, unlinkOperations } from './identity-extras-model.ts';

const SESSIONS_VERSION = 'resource=5.0, protocol=1.0';
const DEVICES_VERSION = 'resource=1.0';

function request(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<unknown> {
  return sendJson(method, path, { ...options, failure: (status, message) => new AmRequestError(status, message.slice(0, 500)) });
}

/** One page of the realm's live sessions matching `filter`, newest first. */
export async function listSessions(realm: string, filter: string, page: { size: number; offset: number }): Promise<SessionPage> {
  const query = new URLSearchParams({ _queryFilter: filter, _pageSize: String(page.size), _pagedResultsOffset: String(page.offset) });
  return parseSessionPage(await request('GET', `${realmBase(realm)}/sessions?${query.toString()}`, { headers: { 'accept-api-version': SESSIONS_VERSION } }));
}

/** Ends the sessions of `handles`; how many of them were still live. */
export async function logoutSessions(realm: string, handles: string[]): Promise<number> {
  const answer = await request('POST', `${realmBase(realm)}/sessions?_action=logoutByHandle`, { body: { sessionHandles: handles }, headers: { 'accept-api-version': SESSIONS_VERSION } });
  const result = isRecord(answer) ? own(answer, 'result') : undefined;
  return isRecord(result) ? Object.values(result).filter((ended) => ended === true).length : 0;
}

/** Ends every session of user `username` (also any a listing missed). */
export async function logoutUser(realm: string, username: string): Promise<void> {
  await request('POST', `${realmBase(realm)}/sessions?_action=logoutByUser`, { body: { username }, headers: { 'accept-api-version': SESSIONS_VERSION } });
}

function userPath(type: string, id: string): string {
  return `/openidm/managed/${encodeURIComponent(type)}/${encodeURIComponent(id)}`;
}

/** The user's `aliasList` (the linked social accounts) and the revision it was read at. */
export async function readAliases(type: string, id: string): Promise<{ aliasList: unknown; rev: string }> {
  const answer = await request('GET', `${userPath(type, id)}?_fields=_id,aliasList`);
  const rev = isRecord(answer) ? own(answer, '_rev') : undefined;
  return { aliasList: isRecord(answer) ? own(answer, 'aliasList') : undefined, rev: typeof rev === 'string' ? rev : '' };
}

/** Removes `alias` from the user's `aliasList` at revision `rev` (412 when the user changed meanwhile). */
export async function unlinkAlias(type: string, id: string, aliasList: unknown, rev: string, alias: string): Promise<void> {
  const operations = unlinkOperations(aliasList, alias);
  if (operations.length === 0) return;
  await request('PATCH', userPath(type, id), { body: operations, headers: rev === '' ? {} : { 'if-match': rev } });
}

/** The user's devices of every kind, and their recovery-code counts. */
export async function listDevices(realm: string, userId: string): Promise<{ devices: DeviceRow[]; recovery: RecoveryCodesRow[] }> {
  const kinds: DeviceKind[] = ['oath', 'webauthn', 'profile'];
  const headers = { 'accept-api-version': DEVICES_VERSION };
  const [lists, recovery] = await Promise.all([
    Promise.all(kinds.map(async (kind) => parseDevices(kind, await request('GET', `${devicePath(realm, userId, kind)}?_queryFilter=true`, { headers })))),
    request('GET', `${devicesBase(realm, userId)}/recoverycodes`, { headers }),
  ]);
  return { devices: lists.flat(), recovery: parseRecoveryCodes(recovery) };
}

/** Deletes one device. */
export async function deleteDevice(realm: string, userId: string, device: DeviceRow): Promise<void> {
  await request('DELETE', devicePath(realm, userId, device.kind, device.id), { headers: { 'accept-api-version': DEVICES_VERSION } });
}
