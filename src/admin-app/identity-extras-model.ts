/**
 * What the sessions, linked accounts and devices views compute without a browser: the sessions
 * query filter, AM's session listing read into rows, a user's linked social accounts from their
 * `aliasList` and the patch that unlinks one, AM's device listings read into rows (with the path
 * that deletes each), and times in words. Every answer read here is hostile input.
 */
import { isRecord, own, realmBase } from './am-client.ts';
import { filterString } from './identities-model.ts';
import type { PatchOperation } from './idm-client.ts';

/** One live SSO session of the administrator's listing. */
export interface SessionRow {
  /** The handle `logoutByHandle` takes (never the session token). */
  handle: string;
  username: string;
  userId: string;
  created: string;
  lastUsed: string;
  /** When it ends unless used again (idle) — no later than `maxExpiry`. */
  idleExpiry: string;
  maxExpiry: string;
  /** The journey that created it. */
  tree: string;
}

/** One page of sessions and how many match in all. */
export interface SessionPage {
  sessions: SessionRow[];
  total: number;
}

/** The most rows read from one answer. */
const ROW_LIMIT = 500;

function text(record: Record<string, unknown>, key: string): string {
  const value = own(record, key);
  return typeof value === 'string' ? value.slice(0, 1024) : '';
}

/** The filter of the sessions listing: every session, those of one user (`exact`), or user names starting with `text`. */
export function sessionsFilter(username: string, exact = false): string {
  const name = exact ? username : username.trim();
  if (name === '') return 'true';
  return `username ${exact ? 'eq' : 'sw'} ${filterString(name)}`;
}

/** AM's answer to `GET …/sessions?_queryFilter=…` as rows (entries without a handle dropped). */
export function parseSessionPage(answer: unknown): SessionPage {
  const result = isRecord(answer) ? own(answer, 'result') : undefined;
  const rows = Array.isArray(result) ? result.slice(0, ROW_LIMIT).filter(isRecord) : [];
  const sessions = rows
    .map((row) => ({
      handle: text(row, 'sessionHandle'),
      username: text(row, 'username'),
      userId: text(row, 'userId'),
      created: text(row, 'creationTime'),
      lastUsed: text(row, 'latestAccessTime'),
      idleExpiry: text(row, 'maxIdleExpirationTime'),
      maxExpiry: text(row, 'maxSessionExpirationTime'),
      tree: text(row, 'tree'),
    }))
    .filter((row) => row.handle !== '');
  const total = isRecord(answer) ? own(answer, 'totalPagedResults') : undefined;
  return { sessions, total: typeof total === 'number' && total >= sessions.length ? total : sessions.length };
}

/** A social account linked to a user: `aliasList` holds `<provider>-<subject>`. */
export interface LinkedAccount {
  alias: string;
  provider: string;
  subject: string;
}

/** The linked accounts of an `aliasList` (a provider's name may hold dashes: split at the first). */
export function linkedAccountsOf(aliasList: unknown): LinkedAccount[] {
  if (!Array.isArray(aliasList)) return [];
  return aliasList.slice(0, ROW_LIMIT).flatMap((alias) => {
    if (typeof alias !== 'string' || alias === '') return [];
    const dash = alias.indexOf('-');
    return [dash <= 0 ? { alias, provider: alias, subject: '' } : { alias, provider: alias.slice(0, dash), subject: alias.slice(dash + 1) }];
  });
}

/** The patch that removes `alias` from `aliasList` (every other entry kept as it was); none when it is not there. */
export function unlinkOperations(aliasList: unknown, alias: string): PatchOperation[] {
  if (!Array.isArray(aliasList) || !aliasList.includes(alias)) return [];
  return [{ operation: 'replace', field: '/aliasList', value: aliasList.filter((entry) => entry !== alias) }];
}

/** The kinds of devices a user's page lists. */
export type DeviceKind = 'oath' | 'webauthn' | 'profile';

/** What each kind is called on the page. */
export const DEVICE_KIND_NAMES: Record<DeviceKind, string> = { oath: 'Authenticator app (OATH)', webauthn: 'Security key or passkey (WebAuthn)', profile: 'Device profile' };

/** One registered device. */
export interface DeviceRow {
  kind: DeviceKind;
  /** What the REST path names it by (a profile's identifier, else its uuid). */
  id: string;
  name: string;
  created: number | undefined;
  lastUsed: number | undefined;
}

/** The recovery codes left for one kind of device. */
export interface RecoveryCodesRow {
  forKind: string;
  remaining: number;
}

function time(record: Record<string, unknown>, key: string): number | undefined {
  const value = own(record, key);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** AM's device listing of `kind` as rows (entries without an id dropped). */
export function parseDevices(kind: DeviceKind, answer: unknown): DeviceRow[] {
  const result = isRecord(answer) ? own(answer, 'result') : undefined;
  if (!Array.isArray(result)) return [];
  return result
    .slice(0, ROW_LIMIT)
    .filter(isRecord)
    .map((device) =>
      kind === 'profile'
        ? { kind, id: text(device, 'identifier') || text(device, '_id'), name: text(device, 'alias'), created: undefined, lastUsed: time(device, 'lastSelectedDate') }
        : { kind, id: text(device, 'uuid') || text(device, '_id'), name: text(device, 'deviceName'), created: time(device, 'createdDate'), lastUsed: time(device, 'lastAccessDate') },
    )
    .filter((device) => device.id !== '');
}

/** The recovery-code counts of `GET …/devices/recoverycodes`. */
export function parseRecoveryCodes(answer: unknown): RecoveryCodesRow[] {
  const result = isRecord(answer) ? own(answer, 'result') : undefined;
  if (!Array.isArray(result)) return [];
  return result
    .slice(0, ROW_LIMIT)
    .filter(isRecord)
    .map((entry) => ({ forKind: text(entry, 'forKind'), remaining: time(entry, 'remaining') ?? 0 }));
}

/** The REST path of a user's devices (`…/users/<id>/devices`). */
export function devicesBase(realm: string, userId: string): string {
  return `${realmBase(realm)}/users/${encodeURIComponent(userId)}/devices`;
}

/** The path that lists (no `device`) or deletes one device of `kind`. */
export function devicePath(realm: string, userId: string, kind: DeviceKind, id?: string): string {
  const base = `${devicesBase(realm, userId)}/${kind === 'profile' ? 'profile' : `2fa/${kind}`}`;
  return id === undefined ? base : `${base}/${encodeURIComponent(id)}`;
}

/** A time (ISO text or epoch milliseconds) as the tables show it: `2025-07-31 17:05 UTC`; a dash when unknown. */
export function timeText(value: string | number | undefined): string {
  if (value === undefined || value === '') return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '—';
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
