/**
 * The composition root of a running Arbor: store → domain services → journey engine → HTTP app.
 * The only place (with `open-platform-store.ts`) that wires concrete pieces together.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerSettings } from '../config/server-settings.ts';
import { buildApp } from '../http/app.ts';
import { createManagedConfigService } from '../identity/crest/managed-config-service.ts';
import { createManagedObjectService } from '../identity/crest/managed-object-service.ts';
import type { IdentityService } from '../identity/identity-service.ts';
import { createLockoutService } from '../identity/lockout-service.ts';
import { createPasswordHasher } from '../identity/password-hasher.ts';
import type { JourneyService } from '../journeys/engine/journey-service.ts';
import { createJourneyService } from '../journeys/engine/journey-service.ts';
import { builtinNodes, createNodeRegistry } from '../journeys/nodes/registry.ts';
import { loadMasterKey } from '../secrets/master-key.ts';
import { createRealmKeys } from '../secrets/realm-keys.ts';
import { noreplyAddress } from '../selfservice/email/email-addresses.ts';
import { createEmailConfigAdmin } from '../selfservice/email/email-config-admin.ts';
import { createEmailService } from '../selfservice/email/email-service.ts';
import { createOutboxWorker, type OutboxWorker } from '../selfservice/email/outbox-worker.ts';
import { createNodemailerTransport } from '../selfservice/email/smtp/nodemailer-transport.ts';
import { createSessionService } from '../sessions/session-service.ts';
import type { SessionService } from '../sessions/session-service.ts';
import type { Store } from '../store/store.ts';
import { cachedRealms } from './cached-realms.ts';
import { createNodeServices } from './create-node-services.ts';
import { identityForStore } from './identity-for-store.ts';
import { realmKeyAdapters } from './realm-key-adapters.ts';

/** A wired Arbor. */
export interface Platform {
  app: FastifyInstance;
  identity: IdentityService;
  journeys: JourneyService;
  sessions: SessionService;
  /** The outbox delivery worker; `runOnce()` flushes the due messages now (tests, no sleeping). */
  mailer: Pick<OutboxWorker, 'runOnce'>;
  /** One-time warnings for the operator (a master key generated into the data directory). */
  notices: string[];
  /** Stops the HTTP server, background work and the store. */
  close(): Promise<void>;
}

/** What a platform is built from. */
export interface PlatformOptions {
  settings: Readonly<ServerSettings>;
  store: Store;
  clock: { now(): number };
  logger: boolean;
  env?: Record<string, string | undefined>;
}

/** Expired ephemeral rows are removed this often (SQL store; Redis expires by itself). */
const PURGE_INTERVAL_MS = 60_000;

/** The outbox is delivered this often (a pass claims due messages; retries wait out their backoff). */
const MAIL_INTERVAL_MS = 10_000;

/** Wires Arbor over an opened, bootstrapped store. */
export async function createPlatform(options: PlatformOptions): Promise<Platform> {
  const { settings, store, clock } = options;
  const masterKey = await loadMasterKey({ env: options.env ?? {}, dataDir: settings.dataDir });
  const realmKeys = createRealmKeys({ keys: store.keys, masterKey: masterKey.key, clock });
  const { policy, identity, kbaAnswers, kbaStorage } = identityForStore(store, clock);
  const realms = cachedRealms(store.realms, clock);
  const lockout = createLockoutService({
    identity,
    ephemeral: store.ephemeral,
    settingsFor: async (managedType) => (await realms.byUserType(managedType)).lockout,
  });
  const sessions = createSessionService({ ephemeral: store.ephemeral, clock });
  const keys = realmKeyAdapters(realmKeys);
  const email = createEmailService({ configs: store.configs, outbox: store.outbox, clock, defaultFrom: noreplyAddress(settings.publicUrl) });
  const journeys = createJourneyService({
    nodes: createNodeRegistry(builtinNodes),
    journeys: store.journeys,
    ephemeral: store.ephemeral,
    authIdKeys: keys.authId,
    cipher: keys.transient,
    sessions,
    services: createNodeServices({ store, clock, identity, policy, kbaAnswers, lockout, email, fetch }),
    clock,
    publicUrl: settings.publicUrl,
  });
  const idm = {
    managedObjects: createManagedObjectService({ objects: store.managedObjects, configs: store.configs, policy, hasher: createPasswordHasher(), clock, ...kbaStorage }),
    managedConfig: createManagedConfigService({ configs: store.configs, objects: store.managedObjects }),
    policy,
    identity,
    lockout,
  };
  const app = await buildApp({ settings, realms, journeys, sessions, idm, email: { service: email, config: createEmailConfigAdmin(store.configs) }, selfService: { configs: store.configs, realmStore: store.realms }, health: () => store.health(), logger: options.logger });
  const purge = setInterval(() => {
    store.ephemeral.purgeExpired().catch((error: unknown) => app.log.warn({ err: error }, 'purging expired entries failed'));
  }, PURGE_INTERVAL_MS);
  purge.unref();
  const mailer = createOutboxWorker({
    outbox: store.outbox,
    configs: store.configs,
    clock,
    transportFor: createNodemailerTransport,
    onError: (error) => app.log.warn({ err: error }, 'delivering the email outbox failed'),
  });
  mailer.start(MAIL_INTERVAL_MS);
  const notices = masterKey.generated
    ? [`WARNING: generated a new master key in ${masterKey.path ?? settings.dataDir}. It encrypts every realm key: back it up with the data directory, or set ARBOR_MASTER_KEY (see docs/operations.md).`]
    : [];
  return {
    app,
    notices,
    identity,
    journeys,
    sessions,
    mailer,
    async close() {
      clearInterval(purge);
      await app.close();
      await mailer.stop();
      await store.close();
    },
  };
}
