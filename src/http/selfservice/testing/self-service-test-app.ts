/**
 * Arbor in memory with the self-service routes wired, for HTTP tests through `app.inject()`:
 * the platform's journeys and sessions, the IDM and email services as the composition root builds
 * them, and `selfService` over the same store. Also signs in the administrator and an end user.
 */
import type { FastifyInstance } from 'fastify';
import { loadServerSettings } from '../../../config/server-settings.ts';
import { createManagedConfigService } from '../../../identity/crest/managed-config-service.ts';
import { createManagedObjectService } from '../../../identity/crest/managed-object-service.ts';
import type { IdentityService } from '../../../identity/identity-service.ts';
import { createLockoutService } from '../../../identity/lockout-service.ts';
import { createPasswordHasher } from '../../../identity/password-hasher.ts';
import { bootstrapPlatform } from '../../../platform/bootstrap-platform.ts';
import { cachedRealms } from '../../../platform/cached-realms.ts';
import { createPlatform } from '../../../platform/create-platform.ts';
import { identityForStore } from '../../../platform/identity-for-store.ts';
import { generateMasterKeyText } from '../../../secrets/master-key.ts';
import { noreplyAddress } from '../../../selfservice/email/email-addresses.ts';
import { createEmailConfigAdmin } from '../../../selfservice/email/email-config-admin.ts';
import { createEmailService } from '../../../selfservice/email/email-service.ts';
import { installDefaultKbaConfig } from '../../../selfservice/kba/default-kba-config.ts';
import { installDefaultTerms } from '../../../selfservice/terms/default-terms.ts';
import { openStore } from '../../../store/open-store.ts';
import type { Store } from '../../../store/store.ts';
import { buildApp } from '../../app.ts';

/** The administrator's password in these tests. */
export const ADMIN_PASSWORD = 'Admin-Passw0rd!';

/** A test app and what the tests reach around it. */
export interface SelfServiceTestApp {
  app: FastifyInstance;
  store: Store;
  identity: IdentityService;
  /** A session token of `amadmin` in root. */
  adminToken(): Promise<string>;
  /** A session token of the end user `dave` in alpha (created on first use). */
  userToken(): Promise<string>;
  close(): Promise<void>;
}

async function signIn(app: FastifyInstance, realmPath: string, username: string, password: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: `/am/json/realms/root${realmPath}/authenticate?authIndexType=service&authIndexValue=Login`,
    headers: { 'x-openam-username': username, 'x-openam-password': password, 'content-type': 'application/json' },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${response.statusCode} ${response.body}`);
  return response.json<{ tokenId: string }>().tokenId;
}

/** Builds the app on a fresh in-memory store with the default KBA and terms installed. */
export async function selfServiceTestApp(): Promise<SelfServiceTestApp> {
  const clock = { now: () => Date.now() };
  const env = { ARBOR_MASTER_KEY: generateMasterKeyText(), ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD };
  const settings = loadServerSettings(env, process.cwd());
  const store = await openStore({ memory: true, clock });
  await bootstrapPlatform(store, { adminPassword: ADMIN_PASSWORD, log: () => {}, clock });
  await installDefaultKbaConfig(store.configs);
  await installDefaultTerms(store.configs);
  const platform = await createPlatform({ settings, store, clock, logger: false, env });
  const { policy, identity } = identityForStore(store, clock);
  const realms = cachedRealms(store.realms, clock);
  const lockout = createLockoutService({ identity, ephemeral: store.ephemeral, settingsFor: async (type) => (await realms.byUserType(type)).lockout });
  const idm = {
    managedObjects: createManagedObjectService({ objects: store.managedObjects, configs: store.configs, policy, hasher: createPasswordHasher(), clock }),
    managedConfig: createManagedConfigService({ configs: store.configs, objects: store.managedObjects }),
    policy,
    identity,
    lockout,
  };
  const app = await buildApp({
    settings,
    realms,
    journeys: platform.journeys,
    sessions: platform.sessions,
    idm,
    selfService: { configs: store.configs, realmStore: store.realms },
    email: {
      service: createEmailService({ configs: store.configs, outbox: store.outbox, clock, defaultFrom: noreplyAddress(settings.publicUrl) }),
      config: createEmailConfigAdmin(store.configs),
    },
    health: () => store.health(),
    logger: false,
  });
  let user: Promise<unknown> | undefined;
  return {
    app,
    store,
    identity,
    adminToken: () => signIn(app, '', 'amadmin', ADMIN_PASSWORD),
    async userToken() {
      user ??= identity.createUser('alpha_user', { userName: 'dave', password: 'Secret-Passw0rd', givenName: 'Dave', sn: 'Doe', mail: 'dave@example.com' });
      await user;
      return signIn(app, '/realms/alpha', 'dave', 'Secret-Passw0rd');
    },
    async close() {
      await app.close();
      await platform.close();
    },
  };
}
