/**
 * The identity service: managed users created, read, patched and authenticated. Every write runs
 * the policy service first (IDM's 403 "Policy validation failed"); passwords are validated in
 * clear, then stored as argon2id hashes under `password`, which no view ever carries. Clear
 * security answers are hashed too (with `hashKbaAnswer`); only the views journeys read to verify
 * them (`getUser`, `findByAttribute`) carry their stored forms. Usernames are stored and looked up
 * normalized (NFKC, trimmed: `policy/usernames.ts`).
 */
import { randomUUID } from 'node:crypto';
import type { ConfigRepository } from '../config/ports.ts';
import type { PolicyService } from '../policy/policy-service.ts';
import type { PolicyValidationResult } from '../policy/policy-types.ts';
import { isUsernameProperty, normalizeUsername, normalizeUsernames } from '../policy/usernames.ts';
import type { AccountChangeListener } from './account-change.ts';
import { accountChangeReason } from './account-change-reason.ts';
import { hasErrorCode, identityError, isIdentityError } from './errors.ts';
import type { KbaAnswerStorage } from './kba-answers.ts';
import { kbaPropertyOf, storeKbaAnswers } from './kba-answers.ts';
import type { ManagedObjectConfig, ManagedProperty } from './managed-schema.ts';
import type { ManagedObjectView } from './managed-object-view.ts';
import { viewOf } from './managed-object-view.ts';
import { withFields } from './object-fields.ts';
import type { PasswordHasher } from './password-hasher.ts';
import { metaWithPasswordHistory, passwordHistoryLength, storedPasswordHashes } from './password-history.ts';
import type { AttributeValue, ManagedObjectRepository, StoredManagedObject } from './ports.ts';
import { prepareNewUser } from './prepare-new-user.ts';
import type { ObjectChange, RequestObjects } from './request-objects.ts';
import { requestObjects } from './request-objects.ts';
import { isRetryLaterError } from './retry-later-error.ts';
import { schemaForType } from './schema-for-type.ts';
import { uniqueProperties } from './crest/schema-properties.ts';
import { uniqueFailureResult } from './crest/unique-violation.ts';

/** What the identity service is built from; without `hashKbaAnswer`, security answers are stored as given. */
export interface IdentityServiceDeps extends KbaAnswerStorage {
  objects: ManagedObjectRepository;
  configs: ConfigRepository;
  policy: Pick<PolicyService, 'validateObject'>;
  hasher: PasswordHasher;
  clock: { now(): number };
  /** Ids of new objects; random UUIDs by default. */
  newId?: () => string;
  /** Told when a write sets a password or deactivates an account (the platform ends its sessions). */
  onAccountChanged?: AccountChangeListener;
  /** Where a request's bookkeeping writes wait for its end (`forRequest`); without it, each is written at once. */
  staging?: Pick<RequestObjects, 'stage'>;
}

/** The identity service of one request, and the end of that request. */
export interface RequestIdentity {
  identity: IdentityService;
  /** Writes what the request kept for its end: one update per user. */
  settle(): Promise<void>;
}

/** The result of a sign-in with username and password. */
export type AuthenticationResult = { ok: true; user: ManagedObjectView } | { ok: false };

/**
 * The account a sign-in names (undefined when no single account matches), and the check of a
 * password against it, read in the same lookup: a real verification, or a dummy one at the same
 * cost when there is no account or no password, so that both paths do the same work.
 */
export interface SignInCandidate {
  user: ManagedObjectView | undefined;
  /** True when `password` matches; an outdated hash is rehashed on success. */
  verify(password: string): Promise<boolean>;
}

/** Managed user operations. */
export interface IdentityService {
  /** The managed object config (schema) of `type`. */
  schema(type: string): Promise<ManagedObjectConfig>;
  /** Indexes the schema's searchable top-level properties; returns their names. */
  ensureSearchIndexes(type: string): Promise<string[]>;
  /**
   * Creates a user from attributes with a plaintext `password` (optional); POLICY_VALIDATION_FAILED
   * when refused. `meta` adds to `_meta` in the same write (a journey's terms acceptance), so that
   * the user never exists without it.
   */
  createUser(type: string, attributes: Record<string, unknown>, options?: { meta?: Record<string, unknown> }): Promise<ManagedObjectView>;
  getUser(type: string, id: string): Promise<ManagedObjectView | undefined>;
  /** Users whose top-level `attribute` equals `value` (strings case-insensitively). */
  findByAttribute(type: string, attribute: string, value: AttributeValue, limit?: number): Promise<ManagedObjectView[]>;
  listUsers(type: string, page: { limit: number; offset: number }): Promise<{ items: ManagedObjectView[]; total: number }>;
  /** Writes `fields` (`/`-paths allowed, `undefined` removes); a `password` is validated then hashed. */
  patchUser(type: string, id: string, fields: Record<string, unknown>, options?: { expectedRev?: string }): Promise<ManagedObjectView>;
  /** Sets `accountStatus` as the system (lockout), without policy validation. */
  setAccountStatus(type: string, id: string, status: string): Promise<ManagedObjectView>;
  /**
   * Rewrites one system-managed attribute (`accountStatus`, `retryLimitNodeCount`…) from its
   * current value, without policy validation (it is not profile data the user entered); retried on
   * a concurrent write, so `update` sees the latest value. `undefined` removes the attribute.
   */
  updateSystemAttribute(type: string, id: string, attribute: string, update: (current: unknown) => unknown): Promise<ManagedObjectView>;
  /** Rewrites `_meta` through `update`, retrying when a concurrent write wins. */
  updateMeta(type: string, id: string, update: (meta: Record<string, unknown>) => Record<string, unknown>): Promise<ManagedObjectView>;
  /** Adds one to `_meta.loginCount`. */
  incrementLoginCount(type: string, id: string): Promise<void>;
  /** Finds the user by `userName` and checks the password; unknown users cost the same as wrong passwords. */
  authenticate(type: string, username: string, password: string): Promise<AuthenticationResult>;
  /** Costs what a password verification costs, for callers that found no user. */
  dummyVerify(password: string): Promise<void>;
  /** Checks the password of the user `id`; rehashes an outdated hash on success. */
  verifyPassword(type: string, id: string, password: string): Promise<boolean>;
  /** The user whose `attribute` is `value` (a single match), for a password check through the credential guard. */
  signInCandidate(type: string, attribute: string, value: string): Promise<SignInCandidate>;
  /** The user `id`, for a password check through the credential guard (re-authentication). */
  candidateById(type: string, id: string): Promise<SignInCandidate>;
  /**
   * The service as one request sees it (never share it between requests): a user is read from
   * the store once and what the request wrote since is reused (`request-objects.ts`); the
   * bookkeeping writes (`updateMeta`, `incrementLoginCount`, and `updateSystemAttribute` unless it
   * sets a password or deactivates the account, which are written and announced at once) wait
   * for `settle`, which writes them together, one update per user.
   */
  forRequest(): RequestIdentity;
}

const MAX_ATTEMPTS = 5;

/** Builds the identity service. */
export function createIdentityService(deps: IdentityServiceDeps): IdentityService {
  const { objects, hasher } = deps;
  const newId = deps.newId ?? randomUUID;
  const now = () => new Date(deps.clock.now()).toISOString();
  /** The view given out: no security answers (under the configured KBA property). */
  const view = async (stored: StoredManagedObject): Promise<ManagedObjectView> => viewOf(stored, await kbaPropertyOf(deps));
  async function withStoredAnswers(data: Record<string, unknown>, before?: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (deps.hashKbaAnswer === undefined) return data;
    return storeKbaAnswers(data, await kbaPropertyOf(deps), deps.hashKbaAnswer, before, deps.acceptStoredKbaAnswer);
  }

  /** A username is looked up as it is stored: normalized (`Bob` typed decomposed or with a trailing space finds `Bob`). */
  async function lookupValue(type: string, attribute: string, value: AttributeValue): Promise<AttributeValue> {
    if (typeof value !== 'string') return value;
    if (attribute === 'userName') return normalizeUsername(value);
    let properties: Record<string, ManagedProperty>;
    try {
      properties = (await service.schema(type)).schema.properties;
    } catch (error) {
      if (isIdentityError(error, 'UNKNOWN_MANAGED_TYPE')) return value;
      throw error;
    }
    return isUsernameProperty(attribute, Object.hasOwn(properties, attribute) ? properties[attribute] : undefined) ? normalizeUsername(value) : value;
  }

  function refuse(result: PolicyValidationResult): never {
    throw identityError('POLICY_VALIDATION_FAILED', 'Policy validation failed', result);
  }

  async function mutateRefusingDuplicates(...args: Parameters<typeof mutate>): Promise<StoredManagedObject> {
    try {
      return await mutate(...args);
    } catch (error) {
      refuseUniqueViolation(error);
      throw error;
    }
  }

  /** Read-modify-write of one object; retries on a concurrent write unless the caller pinned a revision. */
  async function mutate(
    type: string,
    id: string,
    expectedRev: string | undefined,
    change: (stored: StoredManagedObject) => Promise<{ data: Record<string, unknown>; meta: Record<string, unknown> }>,
  ): Promise<StoredManagedObject> {
    for (let attempt = 1; ; attempt++) {
      const stored = await objects.get(type, id);
      if (stored === undefined) throw identityError('OBJECT_NOT_FOUND', `No ${type} with id ${id}`);
      const { data, meta } = await change(stored);
      let updated: StoredManagedObject;
      try {
        updated = await objects.update(type, id, data, meta, expectedRev ?? stored.rev);
      } catch (error) {
        if (hasErrorCode(error, 'NOT_FOUND')) throw identityError('OBJECT_NOT_FOUND', `No ${type} with id ${id}`);
        if (!hasErrorCode(error, 'REV_MISMATCH') || expectedRev !== undefined) throw error;
        if (attempt >= MAX_ATTEMPTS) throw identityError('CONCURRENT_UPDATE', `${type} ${id} kept changing; try again`);
        continue;
      }
      // Every patch and system write comes through here (only a rehash at sign-in, which keeps the
      // password, does not): a new password or a deactivation ends the account's sessions.
      const reason = accountChangeReason(stored.data, updated.data, 'password');
      if (reason !== undefined) await deps.onAccountChanged?.({ type, id, reason });
      return updated;
    }
  }

  /**
   * A system write (no policy validation): kept for the end of the request when the service is a
   * request's and the change leaves the account's standing alone; otherwise written at once.
   */
  async function systemWrite(type: string, id: string, change: ObjectChange): Promise<StoredManagedObject> {
    const staging = deps.staging;
    if (staging !== undefined) {
      const stored = await objects.get(type, id);
      if (stored === undefined) throw identityError('OBJECT_NOT_FOUND', `No ${type} with id ${id}`);
      if (accountChangeReason(stored.data, (await change(stored)).data, 'password') === undefined) return staging.stage(type, id, change);
    }
    return mutate(type, id, undefined, change);
  }

  function candidate(type: string, stored: StoredManagedObject | undefined): SignInCandidate {
    return {
      user: stored === undefined ? undefined : viewOf(stored),
      verify: async (password) => (await checkPassword(type, stored, password)) !== undefined,
    };
  }

  async function checkPassword(type: string, stored: StoredManagedObject | undefined, password: string): Promise<StoredManagedObject | undefined> {
    const storedHash = stored?.data.password;
    if (stored === undefined || typeof storedHash !== 'string') {
      await hasher.dummyVerify(password);
      return undefined;
    }
    const { ok, needsRehash } = await hasher.verify(storedHash, password);
    if (!ok) return undefined;
    if (!needsRehash) return stored;
    try {
      const rehashed = { ...stored.data, password: await hasher.hash(password) };
      return await objects.update(type, stored.id, rehashed, stored.meta, stored.rev);
    } catch (error) {
      // Someone else wrote the object meanwhile, or hashing is busy: the next sign-in rehashes.
      if (hasErrorCode(error, 'REV_MISMATCH') || hasErrorCode(error, 'NOT_FOUND') || isRetryLaterError(error)) return stored;
      throw error;
    }
  }

  /** A racing write that the database's unique index stopped is the same policy failure as a checked one. */
  function refuseUniqueViolation(error: unknown): void {
    if (!hasErrorCode(error, 'UNIQUE_VIOLATION')) return;
    const attribute = (error as { attribute?: unknown }).attribute;
    refuse(uniqueFailureResult(typeof attribute === 'string' ? attribute : 'userName'));
  }

  const service: IdentityService = {
    schema: (type) => schemaForType(deps.configs, type),

    async ensureSearchIndexes(type) {
      const { schema } = await service.schema(type);
      const searchable = Object.entries(schema.properties)
        .filter(([, property]) => property.searchable === true)
        .map(([name]) => name);
      await objects.setSearchableAttributes(type, searchable);
      // The `unique` policy checks before writing; the database index keeps it true under races.
      await objects.setUniqueAttributes(type, uniqueProperties(schema));
      return searchable;
    },

    async createUser(type, attributes, options = {}) {
      const { schema } = await service.schema(type);
      const record = prepareNewUser({ schema, id: newId(), attributes, now: deps.clock.now() });
      const password = withFields({}, attributes).password;
      // The policy sees the plaintext; the store only ever sees its hash.
      const result = await deps.policy.validateObject(type, { _id: record.id, ...record.data, ...(password === undefined ? {} : { password }) });
      if (!result.result) refuse(result);
      const data = await withStoredAnswers(record.data);
      if (typeof password === 'string') data.password = await hasher.hash(password);
      try {
        return await view(await objects.create(type, record.id, data, { ...options.meta, ...record.meta }));
      } catch (error) {
        refuseUniqueViolation(error);
        throw error;
      }
    },

    // Journeys' KBA Verification reads the stored answers (hashes) through these two; they stay in the server.
    async getUser(type, id) {
      const stored = await objects.get(type, id);
      return stored === undefined ? undefined : viewOf(stored);
    },

    async findByAttribute(type, attribute, value, limit) {
      return (await objects.findByAttribute(type, attribute, await lookupValue(type, attribute, value), limit)).map((stored) => viewOf(stored));
    },

    async listUsers(type, page) {
      const { items, total } = await objects.list(type, page);
      return { items: await Promise.all(items.map(view)), total };
    },

    async patchUser(type, id, fields, options = {}) {
      const changesPassword = Object.keys(fields).some((key) => key.replace(/^\//, '') === 'password');
      const { schema } = await service.schema(type);
      const historyLength = passwordHistoryLength(schema);
      const updated = await mutateRefusingDuplicates(type, id, options.expectedRev, async (stored) => {
        const fieldsData = normalizeUsernames(schema, withFields(stored.data, fields));
        const { password, ...others } = fieldsData;
        // An unchanged password is a hash: validate the rest only.
        const candidate = changesPassword && password !== undefined ? { _id: id, ...others, password } : { _id: id, ...others };
        const result = await deps.policy.validateObject(type, candidate, { objectId: id, storedObject: stored.data, passwordHistory: storedPasswordHashes(stored) });
        if (!result.result) refuse(result);
        const data = { ...(await withStoredAnswers(fieldsData, stored.data)) };
        if (changesPassword && typeof password === 'string') data.password = await hasher.hash(password);
        const replacedHash = changesPassword && typeof stored.data.password === 'string' ? stored.data.password : undefined;
        return { data, meta: { ...metaWithPasswordHistory(stored.meta, historyLength, replacedHash), lastChanged: { date: now() } } };
      });
      return await view(updated);
    },

    async setAccountStatus(type, id, status) {
      return service.updateSystemAttribute(type, id, 'accountStatus', () => status);
    },

    async updateSystemAttribute(type, id, attribute, update) {
      const updated = await systemWrite(type, id, async (stored) => {
        const current = Object.hasOwn(stored.data, attribute) ? structuredClone(stored.data[attribute]) : undefined;
        const next = update(current);
        const { [attribute]: _previous, ...others } = stored.data;
        return { data: next === undefined ? others : { ...others, [attribute]: next }, meta: { ...stored.meta, lastChanged: { date: now() } } };
      });
      return await view(updated);
    },

    async updateMeta(type, id, update) {
      return await view(await systemWrite(type, id, async (stored) => ({ data: stored.data, meta: update(structuredClone(stored.meta)) })));
    },

    async incrementLoginCount(type, id) {
      const count = (meta: Record<string, unknown>): number => (typeof meta.loginCount === 'number' ? meta.loginCount : 0) + 1;
      await systemWrite(type, id, async (stored) => ({ data: stored.data, meta: { ...stored.meta, loginCount: count(stored.meta) } }));
    },

    async authenticate(type, username, password) {
      const matches = await objects.findByAttribute(type, 'userName', normalizeUsername(username), 2);
      const user = await checkPassword(type, matches.length === 1 ? matches[0] : undefined, password);
      return user === undefined ? { ok: false } : { ok: true, user: await view(user) };
    },

    async dummyVerify(password) {
      await hasher.dummyVerify(password);
    },

    async verifyPassword(type, id, password) {
      return (await checkPassword(type, await objects.get(type, id), password)) !== undefined;
    },

    async signInCandidate(type, attribute, value) {
      const matches = await objects.findByAttribute(type, attribute, await lookupValue(type, attribute, value), 2);
      return candidate(type, matches.length === 1 ? matches[0] : undefined);
    },

    async candidateById(type, id) {
      return candidate(type, await objects.get(type, id));
    },

    forRequest() {
      const scoped = requestObjects(deps.objects);
      return { identity: createIdentityService({ ...deps, objects: scoped, staging: scoped }), settle: () => scoped.settle() };
    },
  };
  return service;
}
