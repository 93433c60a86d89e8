/**
 * The one path every CREST write takes: find what changes, let the caller's access check it,
 * validate the resulting object with the policy service (a new password in clear), hash the
 * password and any clear security answer, stamp `_meta` (createDate, lastChanged; the replaced hash into the password history)
 * and store. Store errors are thrown as they are, so callers can retry a lost race before
 * mapping them.
 */
import type { PolicyService } from '../../policy/policy-service.ts';
import { normalizeUsernames } from '../../policy/usernames.ts';
import { isIdentityError } from '../errors.ts';
import type { KbaAnswerStorage } from '../kba-answers.ts';
import { kbaPropertyOf, storeKbaAnswers } from '../kba-answers.ts';
import type { ManagedObjectConfig } from '../managed-schema.ts';
import type { PasswordHasher } from '../password-hasher.ts';
import { isPasswordTooLong, MAX_PASSWORD_BYTES } from '../password-hasher.ts';
import { metaWithPasswordHistory, passwordHistoryLength, storedPasswordHashes } from '../password-history.ts';
import type { ManagedObjectRepository, StoredManagedObject } from '../ports.ts';
import type { CrestAccess } from './crest-access.ts';
import { crestError } from './errors.ts';
import { jsonEqual } from './json-pointer.ts';
import { hashedPasswordProperty } from './schema-properties.ts';

/**
 * What the writer is built from; without `hashKbaAnswer`, security answers are stored as given.
 * `acceptStoredKbaAnswer` is never used: over REST a security answer is text, hashed here.
 */
export interface ObjectWriterDeps extends KbaAnswerStorage {
  objects: Pick<ManagedObjectRepository, 'create' | 'update'>;
  policy: Pick<PolicyService, 'validateObject'>;
  hasher: Pick<PasswordHasher, 'hash'>;
  clock: { now(): number };
}

/** One write: a create when `stored` is undefined, else an update of `stored`. */
export interface WriteRequest {
  type: string;
  id: string;
  config: ManagedObjectConfig;
  stored: StoredManagedObject | undefined;
  /** The new data, server fields removed; a changed password in clear. */
  after: Record<string, unknown>;
  /** The revision the update must find (defaults to `stored.rev`). */
  expectedRev?: string;
  access: CrestAccess;
}

/** Writes managed objects. */
export interface ObjectWriter {
  /** Stores the object (or returns `stored` untouched when nothing changes). */
  write(request: WriteRequest): Promise<StoredManagedObject>;
}

function changedProperties(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => !jsonEqual(before[name], after[name]));
}

/** Builds the writer. */
export function createObjectWriter(deps: ObjectWriterDeps): ObjectWriter {
  const { hashKbaAnswer } = deps;
  /**
   * A copy of `after` whose clear security answers are hashed (answers left out keep the stored
   * ones). Over REST an answer is text: a hash a caller sends is refused (never `acceptStoredKbaAnswer`).
   */
  async function withStoredAnswers(after: Record<string, unknown>, before: Record<string, unknown> | undefined): Promise<Record<string, unknown>> {
    if (hashKbaAnswer === undefined) return { ...after };
    const kbaName = await kbaPropertyOf(deps);
    try {
      return { ...(await storeKbaAnswers(after, kbaName, hashKbaAnswer, before)) };
    } catch (error) {
      if (isIdentityError(error, 'KBA_ANSWER_TOO_LONG') || isIdentityError(error, 'KBA_ANSWER_NOT_ACCEPTED')) throw crestError('BAD_REQUEST', `${kbaName}: ${error.message}`);
      throw error;
    }
  }
  return {
    async write({ type, id, config, stored, after: given, expectedRev, access }) {
      const schema = config.schema;
      // Usernames are stored normalized: ` Bob` and `Bob` are the same name (and no change).
      const after = normalizeUsernames(schema, given);
      const changed = changedProperties(stored?.data ?? {}, after);
      if (stored !== undefined && changed.length === 0) return stored;
      await access.checkWrite?.({ type, id, schema, before: stored?.data, after, changed });
      const passwordName = hashedPasswordProperty(schema);
      const newPassword = passwordName !== undefined && changed.includes(passwordName) ? after[passwordName] : undefined;
      // A password left as it was is a hash: it is not validated again, the rest is.
      const candidate: Record<string, unknown> = { _id: id, ...after };
      if (passwordName !== undefined && newPassword === undefined) delete candidate[passwordName];
      const options = stored === undefined ? {} : { objectId: id, storedObject: stored.data, passwordHistory: storedPasswordHashes(stored) };
      const result = await deps.policy.validateObject(type, candidate, options);
      if (!result.result) throw crestError('POLICY_VALIDATION_FAILED', 'Policy validation failed', result);
      if (passwordName !== undefined && typeof newPassword === 'string' && isPasswordTooLong(newPassword)) {
        throw crestError('BAD_REQUEST', `The ${passwordName} is too long: at most ${MAX_PASSWORD_BYTES} bytes (UTF-8) are accepted`);
      }
      const data = await withStoredAnswers(after, stored?.data);
      if (stored !== undefined && changedProperties(stored.data, data).length === 0) return stored;
      if (passwordName !== undefined && typeof newPassword === 'string') data[passwordName] = await deps.hasher.hash(newPassword);
      const now = new Date(deps.clock.now()).toISOString();
      if (stored === undefined) return deps.objects.create(type, id, data, { createDate: now, lastChanged: { date: now } });
      const previousHash = passwordName !== undefined && changed.includes(passwordName) ? stored.data[passwordName] : undefined;
      const meta = metaWithPasswordHistory(stored.meta, passwordHistoryLength(schema), typeof previousHash === 'string' ? previousHash : undefined);
      return deps.objects.update(type, id, data, { ...meta, lastChanged: { date: now } }, expectedRev ?? stored.rev);
    },
  };
}
