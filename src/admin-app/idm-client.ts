/**
 * The admin app's calls to Arbor's IDM Common REST (`/openidm/…`), same origin, with the session
 * cookie the sign-in set: a realm's managed users (query, read, create, patch, delete, unlock) and
 * the `managed` config that describes their schema. Answers are hostile input, read through guards;
 * a failed call throws an `IdmRequestError` (an `AmRequestError`, so that the shell treats a 401 as
 * an ended session) carrying the policy failures of a `Policy validation failed` answer.
 */
import { sendJson } from './send-json.ts';
import { AmRequestError, isRecord, own } from './am-client.ts';

/** One failed policy requirement of one property (`MIN_LENGTH` with `{minLength: 8}`). */
export interface PolicyFailure {
  property: string;
  requirement: string;
  params: Record<string, unknown>;
}

/** A failed IDM call; `failures` lists the policy requirements the object did not meet, if any. */
export class IdmRequestError extends AmRequestError {
  readonly failures: PolicyFailure[];
  constructor(status: number, message: string, failures: PolicyFailure[]) {
    super(status, message);
    this.failures = failures;
  }
}

/** The caller's roles, as `GET /openidm/info/login` answers them (`authorization.roles`). */
export async function readLoginRoles(): Promise<string[]> {
  const answer = await call('GET', '/openidm/info/login');
  const authorization = isRecord(answer) ? own(answer, 'authorization') : undefined;
  const roles = isRecord(authorization) ? own(authorization, 'roles') : undefined;
  return Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string').slice(0, 200) : [];
}

/** A managed user as IDM answers it (only its own properties are read). */
export type ManagedUser = Record<string, unknown> & { _id: string };

/** One page of a query. */
export interface UserPage {
  users: ManagedUser[];
  /** Every match, counted by the server (`_totalPagedResultsPolicy=EXACT`). */
  total: number;
}

/** The policy failures of an IDM error body (`detail.failedPolicyRequirements`, or at the top). */
export function policyFailures(body: unknown): PolicyFailure[] {
  if (!isRecord(body)) return [];
  const detail = own(body, 'detail');
  const list = own(isRecord(detail) ? detail : body, 'failedPolicyRequirements');
  if (!Array.isArray(list)) return [];
  return list.filter(isRecord).slice(0, 200).flatMap((entry) => {
    const property = own(entry, 'property');
    const requirements = own(entry, 'policyRequirements');
    if (typeof property !== 'string' || !Array.isArray(requirements)) return [];
    return requirements.filter(isRecord).map((requirement) => {
      const name = own(requirement, 'policyRequirement');
      const params = own(requirement, 'params');
      return { property, requirement: typeof name === 'string' ? name : 'UNKNOWN', params: isRecord(params) ? params : {} };
    });
  });
}

function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  return sendJson(method, path, { body, failure: (status, message, json) => new IdmRequestError(status, message, status === 0 ? [] : policyFailures(json)) });
}

function asUser(value: unknown): ManagedUser {
  if (!isRecord(value)) throw new IdmRequestError(502, 'Arbor answered something that is not a user', []);
  const id = own(value, '_id');
  const user: ManagedUser = { _id: typeof id === 'string' ? id : '' };
  for (const key of Object.keys(value)) if (key !== '_id' && key !== '__proto__') user[key] = value[key];
  return user;
}

function usersPath(type: string): string {
  return `/openidm/managed/${encodeURIComponent(type)}`;
}

function userPath(type: string, id: string): string {
  return `${usersPath(type)}/${encodeURIComponent(id)}`;
}

/** One page of the users of `type` matching `filter`, sorted by user name. */
export async function queryUsers(type: string, filter: string, page: { size: number; offset: number }): Promise<UserPage> {
  const query = new URLSearchParams({ _queryFilter: filter, _sortKeys: 'userName', _pageSize: String(page.size), _pagedResultsOffset: String(page.offset), _totalPagedResultsPolicy: 'EXACT' });
  const answer = await call('GET', `${usersPath(type)}?${query.toString()}`);
  const result = isRecord(answer) ? own(answer, 'result') : undefined;
  const total = isRecord(answer) ? own(answer, 'totalPagedResults') : undefined;
  const users = Array.isArray(result) ? result.map(asUser) : [];
  return { users, total: typeof total === 'number' && total >= 0 ? total : users.length };
}

/** One user. */
export async function readUser(type: string, id: string): Promise<ManagedUser> {
  return asUser(await call('GET', userPath(type, id)));
}

/** Creates a user (the server assigns its id); policy failures come back in the error. */
export async function createUser(type: string, values: Record<string, unknown>): Promise<ManagedUser> {
  return asUser(await call('POST', `${usersPath(type)}?_action=create`, values));
}

/** One operation of a patch. */
export type PatchOperation = { operation: 'replace'; field: string; value: unknown } | { operation: 'remove'; field: string };

/** Applies `operations` to a user; policy failures come back in the error. */
export async function patchUser(type: string, id: string, operations: PatchOperation[]): Promise<ManagedUser> {
  return asUser(await call('PATCH', userPath(type, id), operations));
}

/** Deletes a user. */
export async function deleteUser(type: string, id: string): Promise<void> {
  await call('DELETE', userPath(type, id));
}

/** Ends the login failure lockout of a user (`_action=unlock`). */
export async function unlockUser(type: string, id: string): Promise<ManagedUser> {
  return asUser(await call('POST', `${userPath(type, id)}?_action=unlock`, {}));
}

/** The `managed` config document (`GET /openidm/config/managed`). */
export function readManagedConfig(): Promise<unknown> {
  return call('GET', '/openidm/config/managed');
}
