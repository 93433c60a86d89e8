/**
 * Arbor in memory (the real composition root) for self-service HTTP tests through
 * `app.inject()`, with sign-ins of the administrator and of an end user.
 */
import type { FastifyInstance } from 'fastify';
import type { IdentityService } from '../../../identity/identity-service.ts';
import { inMemoryPlatform } from '../../../platform/testing/in-memory-platform.ts';
import { acceptActiveTerms } from '../../testing/accept-active-terms.ts';
import type { Store } from '../../../store/store.ts';

/** The administrator's password in these tests. */
export const ADMIN_PASSWORD = 'Admin-Passw0rd!';

/** A test app and what the tests reach around it. */
export interface SelfServiceTestApp {
  app: FastifyInstance;
  store: Store;
  identity: IdentityService;
  /** A session token of `amadmin` in root. */
  adminToken(): Promise<string>;
  /** A session token of the end user `dave` in alpha (created on first use; the active terms accepted before each sign-in). */
  userToken(): Promise<string>;
  close(): Promise<void>;
}

async function signIn(app: FastifyInstance, realmPath: string, username: string, password: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: `/am/json/realms/root${realmPath}/authenticate?authIndexType=service&authIndexValue=Login`,
    headers: { 'x-openam-username': username, 'x-openam-password': password, 'content-type': 'application/json' },
  });
  const tokenId = response.statusCode === 200 ? response.json<{ tokenId?: unknown }>().tokenId : undefined;
  if (typeof tokenId !== 'string') throw new Error(`sign-in of ${username} did not end in a session: ${response.statusCode} ${response.body}`);
  return tokenId;
}

/** Builds Arbor on a fresh in-memory store (bootstrapped with the default KBA, terms and templates). */
export async function selfServiceTestApp(): Promise<SelfServiceTestApp> {
  const platform = await inMemoryPlatform({ ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD });
  const { app, identity, store } = platform;
  let user: Promise<unknown> | undefined;
  return {
    app,
    store,
    identity,
    adminToken: () => signIn(app, '', 'amadmin', ADMIN_PASSWORD),
    async userToken() {
      // Preferences set, so the alpha Login's progressive-profile step never asks on the third sign-in.
      user ??= identity.createUser('alpha_user', { userName: 'dave', password: 'Secret-Passw0rd', givenName: 'Dave', sn: 'Doe', mail: 'dave@example.com', preferences: { updates: true, marketing: true } });
      await user;
      // These tests are about configuration, not terms: the alpha Login's terms step never asks.
      await acceptActiveTerms(platform, 'alpha_user', 'dave');
      return signIn(app, '/realms/alpha', 'dave', 'Secret-Passw0rd');
    },
    close: () => platform.close(),
  };
}
