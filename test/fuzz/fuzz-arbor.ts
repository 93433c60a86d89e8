/**
 * The Arbor every fuzz target hits: the whole platform in memory (SQLite, `app.inject`), with a
 * cheap argon2id (so that a sign-in costs microseconds, not the OWASP 20 ms, and a run reaches
 * 100,000 cases), an administrator's session, an alpha end user "fuzzy" signed in, and helpers
 * that send requests and check every answer (see `fuzz-checks.ts`).
 */
import assert from 'node:assert/strict';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createPasswordHasher } from '../../src/identity/password-hasher.ts';
import { type TestPlatform, testPlatformOn } from '../../src/platform/testing/in-memory-platform.ts';
import { openStore } from '../../src/store/open-store.ts';

/** The administrator's password of every fuzz platform. */
export const FUZZ_ADMIN_PASSWORD = 'Admin-Passw0rd!';
/** The alpha end user every fuzz platform has. */
export const FUZZ_USER = { userName: 'fuzzy', password: 'Quiet-Harbour-Lamp-42', givenName: 'Felix', sn: 'Tester', mail: 'fuzzy@example.com' };
/** The public URL the fuzz platforms believe they have (issuers, audiences). */
export const FUZZ_PUBLIC_URL = 'http://arbor.fuzz.example';

/** A running fuzz platform. */
export interface FuzzArbor {
  platform: TestPlatform;
  /** `iPlanetDirectoryPro` of amadmin (root realm). */
  adminToken: string;
  /** The session token of FUZZ_USER (alpha). */
  userToken: string;
  /** The `_id` of FUZZ_USER. */
  userId: string;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

const AUTHENTICATE = { root: '/am/json/realms/root/authenticate', alpha: '/am/json/realms/root/realms/alpha/authenticate' } as const;

/** The authenticate URL of `realm`. */
export function authenticateUrl(realm: 'root' | 'alpha'): string {
  return AUTHENTICATE[realm];
}

/** Signs in through `Login` by zero-page headers; answers the token. */
async function zeroPageSignIn(platform: TestPlatform, realm: 'root' | 'alpha', userName: string, password: string): Promise<string> {
  const response = await platform.app.inject({ method: 'POST', url: `${AUTHENTICATE[realm]}?authIndexType=service&authIndexValue=Login`, headers: { 'x-openam-username': userName, 'x-openam-password': password } });
  const { tokenId } = response.json<{ tokenId?: unknown }>();
  assert.equal(typeof tokenId, 'string', `sign-in of ${userName} failed: ${response.body.slice(0, 300)}`);
  return String(tokenId);
}

/** Opens a fresh fuzz platform. */
export async function openFuzzArbor(): Promise<FuzzArbor> {
  const passwordHasher = createPasswordHasher({ memoryCost: 64, timeCost: 1, parallelism: 1 });
  const platform = await testPlatformOn((clock) => openStore({ memory: true, clock }), { ARBOR_ADMIN_PASSWORD: FUZZ_ADMIN_PASSWORD, ARBOR_PUBLIC_URL: FUZZ_PUBLIC_URL }, { passwordHasher });
  const adminToken = await zeroPageSignIn(platform, 'root', 'amadmin', FUZZ_ADMIN_PASSWORD);
  const created = await platform.app.inject({ method: 'POST', url: '/openidm/managed/alpha_user?_action=create', headers: { iplanetdirectorypro: adminToken, 'content-type': 'application/json' }, payload: JSON.stringify(FUZZ_USER) });
  assert.equal(created.statusCode, 201, created.body);
  const userId = created.json<{ _id: string }>()._id;
  // Accept the active terms (the alpha Login asks for them) by running the journey once by hand.
  const userToken = await signInThroughSteps(platform, FUZZ_USER.userName, FUZZ_USER.password);
  return { platform, adminToken, userToken, userId, inject: (options) => platform.app.inject(options), close: () => platform.close() };
}

interface Step {
  authId?: string;
  tokenId?: string;
  callbacks?: { type: string; input?: { name: string; value: unknown }[] }[];
}

/** Runs the alpha `Login` step by step (terms, profile questions); answers the session token. */
async function signInThroughSteps(platform: TestPlatform, userName: string, password: string): Promise<string> {
  let body: Step | undefined;
  for (let step = 0; step < 6; step += 1) {
    const response = await platform.app.inject({ method: 'POST', url: `${AUTHENTICATE.alpha}?authIndexType=service&authIndexValue=Login`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body ?? {}) });
    const answer = response.json<Step>();
    if (typeof answer.tokenId === 'string') return answer.tokenId;
    assert.ok(Array.isArray(answer.callbacks), `the Login journey stopped: ${response.body.slice(0, 300)}`);
    for (const callback of answer.callbacks) {
      const input = callback.input?.[0];
      if (input === undefined) continue;
      if (callback.type === 'NameCallback') input.value = userName;
      else if (callback.type === 'PasswordCallback') input.value = password;
      else if (callback.type === 'TermsAndConditionsCallback') input.value = true;
      else input.value = false;
    }
    body = answer;
  }
  assert.fail('the Login journey did not end');
}
