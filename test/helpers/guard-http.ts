/**
 * HTTP helpers for the credential guard's end-to-end tests: users created by the administrator,
 * the `Login` journey started and answered over the wire, realm settings changed in the store
 * (and seen by the server at once), requests from a chosen client address (`X-Forwarded-For`,
 * with `ARBOR_TRUST_PROXY=true`), and bursts of parallel requests held at the hasher's gate.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { LockoutSettings, ThrottlingSettings } from '../../src/config/realm-config.ts';
import { fillCredentials } from '../../src/journeys/engine/zero-page-login.ts';
import type { ListeningPlatform } from '../../src/platform/testing/listening-platforms.ts';
import { LISTENING_ADMIN_PASSWORD } from '../../src/platform/testing/listening-platforms.ts';
import type { JsonReply } from '../../src/http/testing/session-http.ts';
import { amRealmPath, requestJson } from '../../src/http/testing/session-http.ts';
import type { CountingHasher } from './counting-hasher.ts';

/** The administrator's `X-OpenIDM-*` headers. */
export const ADMIN_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'x-openidm-username': 'amadmin', 'x-openidm-password': LISTENING_ADMIN_PASSWORD });

/** A password every test user gets. */
export const USER_PASSWORD = 'Right-Passw0rd';

/** The header that makes a request come from `ip` (the platform trusts the proxy). */
export function from(ip: string): Record<string, string> {
  return { 'x-forwarded-for': ip };
}

/** Creates a user of `type` (`user`: root, `alpha_user`: alpha) with `USER_PASSWORD`; resolves to its id and name. */
export async function createUser(arbor: ListeningPlatform, type: string, prefix = 'u'): Promise<{ id: string; userName: string }> {
  const userName = `${prefix}${randomUUID().slice(0, 8)}`;
  const body = { userName, password: USER_PASSWORD, givenName: 'Gus', sn: 'Guarded', mail: `${userName}@example.com` };
  const created = await requestJson(arbor.baseUrl, 'POST', `/openidm/managed/${type}?_action=create`, { ...ADMIN_HEADERS, ...from('198.51.100.250') }, body);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return { id: String((created.body as { _id: unknown })._id), userName };
}

/** Replaces parts of a realm's lockout and throttling settings; the server sees them at once (its realm cache is outlived). */
export async function configureRealm(arbor: ListeningPlatform, realm: string, change: { lockout?: Partial<LockoutSettings>; throttling?: Partial<ThrottlingSettings> }): Promise<void> {
  const current = await arbor.store.realms.get(realm);
  assert.ok(current !== undefined, `realm ${realm}`);
  const throttling = { clientFailures: 30, clientWindowSeconds: 60, administratorFailures: 5, administratorWindowMinutes: 15, ...current.throttling, ...change.throttling };
  await arbor.store.realms.put({ ...current, lockout: { ...current.lockout, ...change.lockout }, throttling });
  arbor.clock.advance(6_000);
}

/** A step of the authenticate endpoint. */
export interface Step {
  authId: string;
  callbacks: { type: string; input?: { name: string; value: unknown }[] }[];
}

/** Starts the realm's `Login` journey; resolves to its first step. */
export async function startLogin(arbor: ListeningPlatform, realm: string, headers: Record<string, string> = {}): Promise<Step> {
  const reply = await requestJson(arbor.baseUrl, 'POST', `${amRealmPath(realm)}/authenticate?authIndexType=service&authIndexValue=Login`, headers);
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return reply.body as Step;
}

/** Answers a Sign In step with `username` and `password`. */
export function answerLogin(arbor: ListeningPlatform, realm: string, step: Step, username: string, password: string, headers: Record<string, string> = {}): Promise<JsonReply> {
  const callbacks = fillCredentials(step.callbacks as Parameters<typeof fillCredentials>[0], { username, password });
  return requestJson(arbor.baseUrl, 'POST', `${amRealmPath(realm)}/authenticate`, headers, { authId: step.authId, callbacks });
}

/** Zero-page login to the realm's `Login` journey. */
export function zeroPage(arbor: ListeningPlatform, realm: string, username: string, password: string, headers: Record<string, string> = {}): Promise<JsonReply> {
  return requestJson(arbor.baseUrl, 'POST', `${amRealmPath(realm)}/authenticate?authIndexType=service&authIndexValue=Login`, {
    ...headers,
    'x-openam-username': username,
    'x-openam-password': password,
  });
}

/** What a held burst gave. */
export interface BurstResult {
  wrong: JsonReply[];
  right: JsonReply;
  /** Password verifications the burst (and the right password) started. */
  verifications: number;
}

/**
 * Sends `count` wrong-password requests in parallel with the hasher's gate held, waits until
 * each has either answered or reached the gate, then sends the right password while those are
 * still in flight, waits until it too has answered or reached the gate, and only then lets the
 * verifications through. Whatever the server's order, the right password arrives after the
 * wrong ones have been let in: it can only succeed if the server verifies more than it allows.
 */
export async function heldBurst(hasher: CountingHasher, count: number, wrong: (index: number) => Promise<JsonReply>, right: () => Promise<JsonReply>): Promise<BurstResult> {
  hasher.reset();
  hasher.hold();
  let answered = 0;
  const wrongReplies = Array.from({ length: count }, (_, index) =>
    wrong(index).finally(() => {
      answered += 1;
      hasher.poke();
    }),
  );
  try {
    await hasher.until(() => answered + hasher.waiting() >= count);
    const waitingBefore = hasher.waiting();
    let rightAnswered = false;
    const rightReply = right().finally(() => {
      rightAnswered = true;
      hasher.poke();
    });
    await hasher.until(() => rightAnswered || hasher.waiting() > waitingBefore);
    hasher.release();
    return { wrong: await Promise.all(wrongReplies), right: await rightReply, verifications: hasher.verifications() };
  } finally {
    hasher.release();
  }
}
