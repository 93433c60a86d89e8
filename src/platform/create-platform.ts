/**
 * The composition root of a running Arbor: store → domain services → journey engine → HTTP app.
 * The only place (with `open-platform-store.ts`) that wires concrete pieces together.
 */
import type { FastifyInstance } from 'fastify';
import type { CacheInvalidation } from '../cache/cache-invalidation.ts';
import { createCacheInvalidation } from '../cache/cache-invalidation.ts';
import type { ServerSettings } from '../config/server-settings.ts';
import { buildApp } from '../http/app.ts';
import { guardedFetch } from '../net/guarded-fetch.ts';
import { createManagedConfigService } from '../identity/crest/managed-config-service.ts';
import { createManagedObjectService } from '../identity/crest/managed-object-service.ts';
import { createRelationshipService } from '../identity/relationships/relationship-service.ts';
import { withRelationshipUpkeep } from '../identity/relationships/with-relationship-upkeep.ts';
import type { IdentityService } from '../identity/identity-service.ts';
import type { AmbiguousLookup } from '../identity/identity-gateway.ts';
import { createCredentialGuard } from '../identity/credential-guard.ts';
import { limitHashing } from '../identity/hashing-limiter.ts';
import { createLockoutService } from '../identity/lockout-service.ts';
import { createPasswordChecks } from '../identity/password-checks.ts';
import { createPasswordHasher } from '../identity/password-hasher.ts';
import type { PasswordHasher } from '../identity/password-hasher.ts';
import type { JourneyService } from '../journeys/engine/journey-service.ts';
import { createJourneyService } from '../journeys/engine/journey-service.ts';
import { purgeJourneyVersions } from '../journeys/engine/purge-journey-versions.ts';
import { builtinNodes, createNodeRegistry } from '../journeys/nodes/registry.ts';
import { createSecretSealer } from '../secrets/secret-sealer.ts';
import { createRealmKeys } from '../secrets/realm-keys.ts';
import { createRealmKeyPairs } from '../secrets/realm-key-pairs.ts';
import type { RpKeySource } from '../social/rp-key-source.ts';
import type { CaptchaFailure } from '../selfservice/captcha/captcha-gateway.ts';
import { noreplyAddress } from '../selfservice/email/email-addresses.ts';
import { createEmailConfigAdmin } from '../selfservice/email/email-config-admin.ts';
import { createEmailSecrets, type EmailSecrets } from '../selfservice/email/email-secrets.ts';
import { createEmailService } from '../selfservice/email/email-service.ts';
import { createOutboxAdmin } from '../selfservice/email/outbox-admin.ts';
import { createOutboxWorker, type OutboxWorker } from '../selfservice/email/outbox-worker.ts';
import { sealStoredSmtpPassword } from '../selfservice/email/seal-stored-smtp-password.ts';
import { createNodemailerTransport } from '../selfservice/email/smtp/nodemailer-transport.ts';
import { createSessionService } from '../sessions/session-service.ts';
import type { SessionService } from '../sessions/session-service.ts';
import type { Store } from '../store/store.ts';
import { announceWrites } from './announce-writes.ts';
import { cachedConfigs } from './cached-configs.ts';
import { cachedRealms } from './cached-realms.ts';
import { createNodeServices } from './create-node-services.ts';
import { endSessionsOnAccountChange } from './end-sessions-on-account-change.ts';
import { removeDevicesOnAccountChange } from './mfa/remove-devices-on-account-change.ts';
import type { AccountChangeListener } from '../identity/account-change.ts';
import { nodeServicesForRequest } from './node-services-for-request.ts';
import { identityForStore } from './identity-for-store.ts';
import { loadCheckedMasterKey } from './load-checked-master-key.ts';
import { readinessCheck } from './readiness-check.ts';
import { realmKeyAdapters } from './realm-key-adapters.ts';
import { rpKeySourceOver } from './rp-key-source-adapter.ts';
import { defaultCapabilities } from './capabilities.ts';
import type { InstalledCapability, PlatformCapability } from './platform-capability.ts';
import { createCapabilityRegistry } from '../journeys/engine/capabilities.ts';
import { createRealmAdmin } from '../journeys/admin/realm-admin.ts';
import { createTreeAdmin } from '../journeys/admin/tree-admin.ts';
import { createPlatformAudit } from './audit/platform-audit.ts';
import { createJourneyTransfer } from '../journeys/admin/journey-transfer.ts';
import { createPlatformMetrics } from './metrics/platform-metrics.ts';

/** A wired Arbor. */
export interface Platform {
  app: FastifyInstance;
  identity: IdentityService;
  journeys: JourneyService;
  sessions: SessionService;
  /** Where writes through this Arbor are announced to its caches (docs/architecture.md, "Caches"). */
  cacheInvalidation: CacheInvalidation;
  /** The outbox delivery worker; `runOnce()` flushes the due messages now (tests, no sleeping). */
  mailer: Pick<OutboxWorker, 'runOnce'>;
  /** Opens the sealed body of an outbox message (undefined once it was dropped): for tests and tools. */
  openMail: EmailSecrets['openMessage'];
  /** The realms' relying-party keys (signing, decryption, mTLS), as the social sign-in relying party uses them. */
  rpKeySource: RpKeySource;
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
  /** The password hasher behind the hashing bound; argon2id with OWASP's parameters by default (tests count its calls). */
  passwordHasher?: PasswordHasher;
  /** Where the caches hear of writes; a new one (this process only) by default. */
  cacheInvalidation?: CacheInvalidation;
  /** The capabilities installed (social sign-in…); `defaultCapabilities` unless given. */
  capabilities?: readonly PlatformCapability[];
  /** How capabilities reach other servers; the global `fetch` unless given (tests), limited to `ARBOR_OUTBOUND_NETWORKS` either way. */
  fetch?: typeof fetch;
}

/** Expired ephemeral rows (SQL store; Redis expires by itself) and journey versions nobody can still be running are removed this often. */
const PURGE_INTERVAL_MS = 60_000;

/** The outbox is delivered this often (a pass claims due messages; retries wait out their backoff). */
const MAIL_INTERVAL_MS = 10_000;

/** Wires Arbor over an opened, bootstrapped store. */
export async function createPlatform(options: PlatformOptions): Promise<Platform> {
  const { settings, clock } = options;
  // Writes through Arbor are announced; the caches (configuration documents here, realms and
  // journeys below) drop what changed at once, and trust the rest for CACHE_TTL_MS. The REST API's
  // configuration endpoints read `written.configs`, the store itself: an administrator sees what is
  // stored, whatever another process wrote.
  const cacheInvalidation = options.cacheInvalidation ?? createCacheInvalidation();
  // Managed-object, configuration and journey writes are audited (activity, config).
  const audit = createPlatformAudit(options.store, clock, options.env ?? {});
  // ARBOR_METRICS: the store, hashing, journeys and scripts measured for /metrics (else untouched).
  const metrics = createPlatformMetrics(options.env ?? {});
  const written = audit.auditWrites(announceWrites(metrics.measureStore(options.store), cacheInvalidation));
  const configs = cachedConfigs(written.configs, { clock, invalidation: cacheInvalidation });
  // Every managed-object write keeps relationships in line (conditional roles, edges of deleted objects).
  const managedObjects = withRelationshipUpkeep({ objects: written.managedObjects, configs, transaction: (work) => written.transaction((tx) => work(tx.managedObjects)) });
  const store: Store = { ...written, configs, managedObjects };
  const relationships = createRelationshipService({ objects: managedObjects, configs, clock, transaction: (work) => written.transaction((tx) => work(tx.managedObjects)) });
  // A lost or replaced master key stops the start here, in words, before anything uses it.
  const masterKey = await loadCheckedMasterKey({ env: options.env ?? {}, dataDir: settings.dataDir, keys: store.keys, realms: store.realms });
  const sealer = createSecretSealer(masterKey.key);
  const emailSecrets = createEmailSecrets(sealer);
  await sealStoredSmtpPassword(store.configs, emailSecrets);
  const realmKeys = createRealmKeys({ keys: store.keys, masterKey: masterKey.key, clock });
  // Key pair writes anywhere on the deployment are announced: the listing drops the realm at once.
  const rpKeys = createRealmKeyPairs({ keys: store.keys, masterKey: masterKey.key, clock, invalidation: cacheInvalidation });
  const sessions = createSessionService({ ephemeral: store.ephemeral, clock });
  // Passwords set, accounts deactivated, locked or deleted end the account's sessions, whatever the path.
  // A deleted account's registered devices (MFA) go with it.
  const endSessions = endSessionsOnAccountChange({ sessions, realms: store.realms });
  const removeDevices = removeDevicesOnAccountChange({ devices: store.devices, realms: store.realms });
  const onAccountChanged: AccountChangeListener = async (change) => {
    await endSessions(change);
    await removeDevices(change);
  };
  // One bound on every password and security-answer hash of this process (sign-ins, writes, KBA).
  const hashing = metrics.watchHashing(limitHashing(metrics.timeHasher(options.passwordHasher ?? createPasswordHasher()), { concurrency: settings.hashConcurrency, queueLimit: settings.hashQueueLimit }));
  const { policy, identity, kbaAnswers, kbaStorage } = identityForStore(store, clock, { hasher: hashing.hasher, onAccountChanged });
  const realms = cachedRealms(store.realms, clock, cacheInvalidation);
  // Lookups run during requests, once the app (and its logger) exists.
  let warnAmbiguous = (_lookup: AmbiguousLookup): void => {};
  const lockout = createLockoutService({
    identity,
    ephemeral: store.ephemeral,
    settingsFor: async (managedType) => (await realms.byUserType(managedType)).lockout,
    onAccountChanged,
    realmOf: (managedType) => realms.byUserType(managedType),
    clock,
  });
  // Every credential check (journeys, IDM headers, re-authentication, security answers) passes this one guard.
  const guard = createCredentialGuard({ ephemeral: store.ephemeral, clock, realmOf: (managedType) => realms.byUserType(managedType), hashing });
  const passwords = createPasswordChecks({ identity, lockout, guard });
  const keys = realmKeyAdapters(realmKeys);
  const email = createEmailService({ configs: store.configs, outbox: store.outbox, clock, defaultFrom: noreplyAddress(settings.publicUrl), secrets: emailSecrets });
  const onAmbiguousLookup = (lookup: AmbiguousLookup): void => warnAmbiguous(lookup);
  let warnCaptcha = (_failure: CaptchaFailure): void => {};
  // Each capability builds its services from the platform's parts and registers them for its nodes.
  const registry = metrics.measureCapabilities(createCapabilityRegistry());
  const capabilities = options.capabilities ?? defaultCapabilities;
  const installed: InstalledCapability[] = [];
  // URLs administrators configure (SMS webhooks, scripts' httpClient, CAPTCHA verify URLs) are called only on addresses ARBOR_OUTBOUND_NETWORKS allows.
  const outboundFetch = guardedFetch(settings.outboundNetworks, options.fetch ?? fetch);
  for (const capability of capabilities) {
    installed.push(await capability.install({ settings, store, storedConfigs: written.configs, clock, cacheInvalidation, sealer, rpKeys, sessions, fetch: outboundFetch, registry }));
  }
  const capabilityServices = registry.seal();
  const nodeServices = createNodeServices({ store, clock, identity, policy, kbaAnswers, lockout, guard, passwords, email, fetch: guardedFetch(settings.outboundNetworks), sealer, onAmbiguousLookup, onCaptchaFailure: (failure) => warnCaptcha(failure), capabilities: capabilityServices });
  const nodeRegistry = createNodeRegistry([...builtinNodes, ...capabilities.flatMap((capability) => capability.nodes)]);
  const journeys = metrics.measureJourneys(createJourneyService({
    nodes: nodeRegistry,
    journeys: store.journeys,
    cacheInvalidation,
    ephemeral: store.ephemeral,
    authIdKeys: keys.authId,
    cipher: keys.journeyState,
    sessions,
    services: nodeServices,
    // Each authenticate request gets its own view of the user (read once) and settles its writes together.
    servicesForRequest: nodeServicesForRequest({ services: nodeServices, identity, lockout, guard, onAmbiguousLookup }),
    clock,
    publicUrl: settings.publicUrl,
    corsOrigins: settings.corsOrigins,
    onFinished: metrics.journeyFinished(audit.journeyFinished),
  }));
  const idm = {
    managedObjects: createManagedObjectService({ objects: store.managedObjects, configs: store.configs, policy, hasher: hashing.hasher, clock, ...kbaStorage, onAccountChanged, relationships }),
    relationships,
    managedConfig: createManagedConfigService({ configs: written.configs, objects: store.managedObjects }),
    policy,
    identity,
    lockout,
    passwords,
  };
  const treeAdmin = createTreeAdmin({ store: { journeys: store.journeys, configs: written.configs, transaction: (work) => store.transaction(work) }, registry: nodeRegistry, sealer, now: () => clock.now() });
  // A realm created at run time gets what the first start gives a realm, the capabilities' journeys included.
  const realmAdmin = createRealmAdmin({
    store,
    ensureSearchIndexes: (userType) => identity.ensureSearchIndexes(userType),
    realmCreated: installed.flatMap((capability) => (capability.realmCreated === undefined ? [] : [capability.realmCreated.bind(capability)])),
    endSessionsOf: (userType, userId, rememberMs) => sessions.endSessionsOf(userType, userId, rememberMs),
  });
  const app = await buildApp({ audit: audit.service, settings, realms, journeys, treeAdmin, journeyTransfer: createJourneyTransfer({ store: { journeys: store.journeys, configs: written.configs, transaction: (work) => store.transaction(work) }, registry: nodeRegistry, sealer, origin: settings.publicUrl, now: () => clock.now() }), realmAdmin, sessions, idm, email: { service: email, config: createEmailConfigAdmin(written.configs, emailSecrets), outbox: createOutboxAdmin({ outbox: store.outbox, secrets: emailSecrets, clock }) }, selfService: { configs: written.configs, realmStore: store.realms }, rpKeys, capabilities: capabilityServices, health: readinessCheck(store, masterKey.key), logger: options.logger, extraRoutes: [...installed.flatMap((capability) => (capability.routes === undefined ? [] : [capability.routes])), metrics.routes(store.outbox, clock)] });
  audit.logTo(app.log);
  warnAmbiguous = (lookup) =>
    app.log.warn(
      { identityResource: lookup.identityResource, attribute: lookup.attribute, userIds: lookup.ids },
      `a journey looked up one user by ${lookup.attribute} and found several: it identified nobody (a recovery journey mails nobody); give each of these users their own ${lookup.attribute}`,
    );
  warnCaptcha = (failure) => app.log.warn({ verifyUrl: failure.verifyUrl, reason: failure.reason }, `a CAPTCHA could not be verified, so the journey took its false outcome: ${failure.reason}`);
  const purge = setInterval(() => {
    store.ephemeral.purgeExpired().catch((error: unknown) => app.log.warn({ err: error }, 'purging expired entries failed'));
    audit.service.purgeExpired().catch((error: unknown) => app.log.warn({ err: error }, 'purging audit events past their retention failed'));
    store.oidcRecords.purgeExpired().catch((error: unknown) => app.log.warn({ err: error }, 'purging expired OAuth 2.0 grants and refresh tokens failed'));
    purgeJourneyVersions({ journeys: store.journeys, realms, clock }).catch((error: unknown) => app.log.warn({ err: error }, 'purging replaced journey versions failed'));
  }, PURGE_INTERVAL_MS);
  purge.unref();
  const mailer = createOutboxWorker({
    outbox: store.outbox,
    configs: store.configs,
    clock,
    secrets: emailSecrets,
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
    cacheInvalidation,
    rpKeySource: rpKeySourceOver(rpKeys),
    mailer,
    openMail: emailSecrets.openMessage,
    async close() {
      clearInterval(purge);
      await app.close();
      await mailer.stop();
      for (const capability of installed) await capability.close?.();
      await store.close();
    },
  };
}
