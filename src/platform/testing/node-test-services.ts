/**
 * The real node services for node and journey tests: the identity, policy, lockout, KBA, terms,
 * consent, email and CAPTCHA services exactly as the server builds them (`createNodeServices`), on
 * the in-memory store with the default realms and configuration installed, cheap password
 * hashing and a clock the test moves. Calls are recorded (never answered) so that a test can also
 * say what a node asked; what it did is read back from the store.
 */
import type { LockoutSettings } from '../../config/realm-config.ts';
import { createCredentialGuard } from '../../identity/credential-guard.ts';
import { createLockoutService } from '../../identity/lockout-service.ts';
import { createPasswordChecks } from '../../identity/password-checks.ts';
import type { PasswordHashParameters } from '../../identity/password-hasher.ts';
import { createPasswordHasher } from '../../identity/password-hasher.ts';
import type { IdentityService } from '../../identity/identity-service.ts';
import type { StoredManagedObject } from '../../identity/ports.ts';
import type { NodeServices } from '../../journeys/engine/node-context.ts';
import type { PolicyService } from '../../policy/policy-service.ts';
import type { KbaAnswerHasher } from '../../selfservice/kba/kba-answer-hasher.ts';
import { randomBytes } from 'node:crypto';
import { createSecretSealer, type SecretSealer } from '../../secrets/secret-sealer.ts';
import { createEmailSecrets } from '../../selfservice/email/email-secrets.ts';
import { createEmailService } from '../../selfservice/email/email-service.ts';
import type { MailMessage, OutboxMessage } from '../../selfservice/email/ports.ts';
import type { ManualClock } from '../../store/contract/manual-clock.ts';
import { manualClock } from '../../store/contract/manual-clock.ts';
import type { MemoryStore } from '../../store/memory/open-memory-store.ts';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import { createNodeServices } from '../create-node-services.ts';
import { identityForStore } from '../identity-for-store.ts';
import { installDefaultConfiguration } from '../install-default-configuration.ts';
import type { RecordedCall } from './record-calls.ts';
import { recordCalls } from './record-calls.ts';

/** Cheap argon2id parameters that keep tests fast (never for production). */
export const TEST_ARGON2: Readonly<PasswordHashParameters> = Object.freeze({ memoryCost: 256, timeCost: 1, parallelism: 1 });

/** The managed type of the alpha realm's users, which node tests address as `managed/alpha_user`. */
export const TEST_USER_TYPE = 'alpha_user';

/** A user written straight into the store before the test (no policy runs: the attributes are stored as given). */
export interface SeedUser {
  /** Defaults to `user-<n>`. */
  _id?: string;
  attributes: Record<string, unknown>;
  /** Stored hashed, as the identity service stores passwords. */
  password?: string;
  meta?: Record<string, unknown>;
}

/** A CAPTCHA verify request as a provider receives it (the form fields). */
export interface CaptchaRequest {
  url: string;
  secret: string;
  response: string;
  remoteip: string;
}

/** How the node test services are set up. */
export interface NodeTestOptions {
  users?: SeedUser[];
  /** The alpha realm's lockout settings, over the defaults. */
  lockout?: Partial<LockoutSettings>;
  /** Configuration documents (`selfservice.kba`, `selfservice.terms`, `consent`, `emailTemplate/<name>`…) put over the defaults. */
  configs?: Record<string, unknown>;
  /** Configuration documents removed after the defaults are installed (e.g. `selfservice.terms` for "no terms"). */
  withoutConfigs?: string[];
  /** The CAPTCHA provider's answer (as its JSON body); `{success: true}` by default. */
  captcha?: (request: CaptchaRequest) => unknown;
  /** The clock's start, epoch ms (2025-01-01T00:00:00Z by default). */
  now?: number;
}

/** The services and what a test inspects. */
export interface NodeTestServices {
  /** What nodes receive: the real services, recorded. */
  services: NodeServices;
  store: MemoryStore;
  clock: ManualClock;
  identity: IdentityService;
  policy: PolicyService;
  /** The security answer hasher the services use (to check what a node stored). */
  kbaAnswers: KbaAnswerHasher;
  /** Every call a node made through `services`, in order. */
  calls: RecordedCall[];
  /** `service.method` of every call, in order (e.g. `identity.findUser`, `lockout.isLocked`). */
  callNames(): string[];
  /** The ids of the seeded users, in the order given. */
  userIds: string[];
  /** A user as stored (password hash and `_meta` included). */
  stored(id: string): Promise<StoredManagedObject | undefined>;
  /** The outbox, oldest first, bodies opened (an empty text once a message's body was dropped). */
  outbox(): Promise<(Omit<OutboxMessage, 'message'> & { message: MailMessage })[]>;
  /** Every CAPTCHA verification the provider received. */
  captchaRequests: CaptchaRequest[];
  /** The master key's sealer the services open node secrets with (to seal a node's secret as a journey write would). */
  sealer: SecretSealer;
}

function captchaFetch(answer: (request: CaptchaRequest) => unknown, seen: CaptchaRequest[]): typeof fetch {
  return async (input, init) => {
    const form = new URLSearchParams(typeof init?.body === 'string' ? init.body : '');
    const request: CaptchaRequest = { url: String(input), secret: form.get('secret') ?? '', response: form.get('response') ?? '', remoteip: form.get('remoteip') ?? '' };
    seen.push(request);
    return new Response(JSON.stringify(answer(request)), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

/** Builds the services on a fresh in-memory store. */
export async function nodeTestServices(options: NodeTestOptions = {}): Promise<NodeTestServices> {
  const clock = manualClock(options.now ?? Date.UTC(2025, 0, 1));
  const store = openMemoryStore({ clock });
  await installDefaultConfiguration(store, clock);
  if (options.lockout !== undefined) {
    const alpha = await store.realms.get('alpha');
    if (alpha === undefined) throw new Error('the alpha realm is missing');
    await store.realms.put({ ...alpha, lockout: { ...alpha.lockout, ...options.lockout } });
  }
  for (const id of options.withoutConfigs ?? []) await store.configs.delete(id);
  for (const [id, document] of Object.entries(options.configs ?? {})) await store.configs.put(id, document);

  const hasher = createPasswordHasher(TEST_ARGON2);
  const { identity, policy, kbaAnswers } = identityForStore(store, clock, { hasher });
  const userIds: string[] = [];
  for (const [index, user] of (options.users ?? []).entries()) {
    const id = user._id ?? `user-${index + 1}`;
    const data = structuredClone(user.attributes);
    if (user.password !== undefined) data.password = await hasher.hash(user.password);
    await store.managedObjects.create(TEST_USER_TYPE, id, data, structuredClone(user.meta ?? {}));
    userIds.push(id);
  }

  const realmOf = async (type: string) => {
    const realm = (await store.realms.list()).find((candidate) => candidate.userType === type);
    if (realm === undefined) throw new Error(`no realm has users of type ${type}`);
    return realm;
  };
  const lockout = createLockoutService({ identity, ephemeral: store.ephemeral, settingsFor: async (type) => (await realmOf(type)).lockout, realmOf, clock });
  const guard = createCredentialGuard({ ephemeral: store.ephemeral, clock, realmOf });
  const passwords = createPasswordChecks({ identity, lockout, guard });
  const sealer = createSecretSealer(randomBytes(32));
  const secrets = createEmailSecrets(sealer);
  const email = createEmailService({ configs: store.configs, outbox: store.outbox, clock, defaultFrom: 'noreply@example.com', secrets });
  const captchaRequests: CaptchaRequest[] = [];
  const fetch = captchaFetch(options.captcha ?? (() => ({ success: true })), captchaRequests);
  // The clock is not a service a node asks anything of: it is left out of the record.
  const { clock: _clock, ...recordable } = createNodeServices({ store, clock, identity, policy, kbaAnswers, lockout, guard, passwords, email, fetch, sealer });
  const { wrapped, calls } = recordCalls(recordable);
  return {
    services: { ...wrapped, clock },
    store,
    clock,
    identity,
    policy,
    kbaAnswers,
    calls,
    callNames: () => calls.map((call) => `${call.service}.${call.method}`),
    userIds,
    stored: (id) => store.managedObjects.get(TEST_USER_TYPE, id),
    outbox: async () =>
      (await store.outbox.list({ limit: 1000 })).reverse().map((queued) => {
        const { contentType: _contentType, body: _body, ...envelope } = queued.message;
        return { ...queued, message: secrets.openMessage(queued.message) ?? { ...envelope, text: '' } };
      }),
    captchaRequests,
    sealer,
  };
}
