/**
 * The admin app's calls to Arbor's AM REST, same origin, with the session cookie the sign-in set:
 * a realm's `Login` journey through `authenticate`, sign-out, the realms list, a realm's
 * journeys and one node's config (the editor's calls are in `editor-client.ts`). Answers are hostile input, read through the guards below; a
 * failed call throws an `AmRequestError` with the HTTP status and AM's message.
 */

import { isRecord, own } from './json-guards.ts';
import { sendJson } from './send-json.ts';

/** A failed AM call (`code` is stable; `status` is the HTTP status, 0 when the network failed). */
export class AmRequestError extends Error {
  readonly code = 'AM_REQUEST_FAILED';
  readonly status: number;
  /** The reasons a refused write gives (`detail.problems` of a 400), if any. */
  readonly problems: string[];
  constructor(status: number, message: string, problems: string[] = []) {
    super(message);
    this.status = status;
    this.problems = problems;
  }
}

/** One callback of a journey step, as AM sends it. */
export interface Callback {
  type: string;
  output: { name: string; value: unknown }[];
  input: { name: string; value: unknown }[];
}

/** The answer to an authenticate call: another step, or success. */
export type AuthenticateResult = { kind: 'step'; authId: string; header: string; callbacks: Callback[] } | { kind: 'success' };

/** A realm of the realms list: `name` is `root` for `/`. */
export interface Realm {
  name: string;
}

/** A journey of the list. */
export interface JourneySummary {
  name: string;
  description: string;
  enabled: boolean;
  nodeCount: number;
}

export { isRecord, own };

function text(record: Record<string, unknown>, key: string): string {
  const value = own(record, key);
  return typeof value === 'string' ? value : '';
}

/** The REST base of a realm: `/am/json/realms/root` or `/am/json/realms/root/realms/<name>`. */
export function realmBase(realm: string): string {
  return realm === 'root' ? '/am/json/realms/root' : `/am/json/realms/root/realms/${encodeURIComponent(realm)}`;
}

export function treesBase(realm: string): string {
  return `${realmBase(realm)}/realm-config/authentication/authenticationtrees`;
}

/** One call of the AM REST; throws an `AmRequestError` when it fails. */
export function call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, apiVersion = 'resource=1.0'): Promise<unknown> {
  return sendJson(method, path, {
    body,
    headers: { 'accept-api-version': apiVersion },
    failure: (status, message, json) => {
      const detail = isRecord(json) ? own(json, 'detail') : undefined;
      const problems = isRecord(detail) ? own(detail, 'problems') : undefined;
      const reasons = Array.isArray(problems) ? problems.filter((problem): problem is string => typeof problem === 'string').slice(0, 100) : [];
      return new AmRequestError(status, message, reasons);
    },
  });
}

function readCallbacks(value: unknown): Callback[] {
  if (!Array.isArray(value)) return [];
  const pairs = (list: unknown): { name: string; value: unknown }[] =>
    Array.isArray(list) ? list.filter(isRecord).map((entry) => ({ name: text(entry, 'name'), value: own(entry, 'value') })) : [];
  return value.filter(isRecord).map((callback) => ({ type: text(callback, 'type'), output: pairs(own(callback, 'output')), input: pairs(own(callback, 'input')) }));
}

/** Starts (no `step`) or continues the `Login` journey of `realm` (root unless said). */
export async function authenticate(step?: { authId: string; callbacks: Callback[] }, realm = 'root'): Promise<AuthenticateResult> {
  const answer = await call('POST', `${realmBase(realm)}/authenticate?authIndexType=service&authIndexValue=Login`, step ?? {}, 'resource=2.0, protocol=1.0');
  if (!isRecord(answer)) throw new AmRequestError(502, 'Arbor answered something that is not a journey step');
  if (typeof own(answer, 'tokenId') === 'string') return { kind: 'success' };
  return { kind: 'step', authId: text(answer, 'authId'), header: text(answer, 'header'), callbacks: readCallbacks(own(answer, 'callbacks')) };
}

/** Ends the session the cookie names (and clears the cookie). */
export async function signOut(): Promise<void> {
  await call('POST', '/am/json/realms/root/sessions?_action=logout', {}, 'resource=3.1, protocol=1.0');
}

/** Every realm, root first; a 401 or 403 means the caller is not (signed in as) an administrator. */
export async function listRealms(): Promise<Realm[]> {
  const answer = await call('GET', '/am/json/global-config/realms?_queryFilter=true');
  const result = isRecord(answer) ? own(answer, 'result') : undefined;
  if (!Array.isArray(result)) return [];
  return result.filter(isRecord).map((realm) => {
    const name = text(realm, 'name');
    return { name: name === '/' || name === '' ? 'root' : name };
  });
}

/** The journeys of `realm`, sorted by name. */
export async function listJourneys(realm: string): Promise<JourneySummary[]> {
  const answer = await call('GET', `${treesBase(realm)}/trees?_queryFilter=true`);
  const result = isRecord(answer) ? own(answer, 'result') : undefined;
  if (!Array.isArray(result)) return [];
  return result
    .filter(isRecord)
    .map((tree) => {
      const nodes = own(tree, 'nodes');
      return { name: text(tree, '_id'), description: text(tree, 'description'), enabled: own(tree, 'enabled') !== false, nodeCount: isRecord(nodes) ? Object.keys(nodes).length : 0 };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** One journey, as AM answers it (drawn by `journeyGraph`). */
export function readJourney(realm: string, name: string): Promise<unknown> {
  return call('GET', `${treesBase(realm)}/trees/${encodeURIComponent(name)}`);
}

/** One node's config (`_id`, `_type`, `_outcomes`, its settings). */
export async function readNode(realm: string, nodeType: string, id: string): Promise<Record<string, unknown>> {
  const answer = await call('GET', `${treesBase(realm)}/nodes/${encodeURIComponent(nodeType)}/${encodeURIComponent(id)}`);
  if (!isRecord(answer)) throw new AmRequestError(502, 'Arbor answered something that is not a node');
  return answer;
}
