/**
 * Bulk import of managed users: each record is validated against the schema and the policy
 * service, duplicates are caught within the file and against the store, and valid users are
 * written in batches, one transaction each. A bad record is rejected with its line number and
 * reasons while the others land. Clear security answers are hashed (with `hashKbaAnswer`).
 * Records arrive as a stream, so memory stays flat.
 */
import type { PolicyService } from '../../policy/policy-service.ts';
import type { Store } from '../../store/store.ts';
import type { KbaAnswerStorage } from '../kba-answers.ts';
import { isIdentityError } from '../errors.ts';
import { kbaPropertyOf, storeKbaAnswers } from '../kba-answers.ts';
import type { ManagedObjectSchema } from '../managed-schema.ts';
import type { PasswordHasher } from '../password-hasher.ts';
import type { CheckContext, CheckedRecord } from './check-import-record.ts';
import { checkImportRecord } from './check-import-record.ts';
import type { ImportRecord } from './import-record.ts';
import type { PendingUser } from './write-user-batch.ts';
import { writeUserBatch } from './write-user-batch.ts';

/** Where an import stands; `rate` counts records processed per second. */
export interface ImportProgress {
  processed: number;
  imported: number;
  rejected: number;
  elapsedMs: number;
  rate: number;
}

/** A record that was not imported, and why. */
export interface ImportReject {
  line: number;
  reasons: string[];
}

/** The outcome of an import. `rejects` keeps the first `MAX_REJECTS_KEPT`; `onReject` sees all. */
export interface ImportReport extends ImportProgress {
  rejects: ImportReject[];
  dryRun: boolean;
}

/**
 * What an import reads, checks and writes; without `hashKbaAnswer`, security answers are stored as
 * given. Hashed answers are kept only when `acceptStoredKbaAnswer` takes them (none without it).
 */
export interface ImportUsersOptions extends KbaAnswerStorage {
  /** The managed type (`alpha_user`). */
  type: string;
  schema: ManagedObjectSchema;
  records: AsyncIterable<ImportRecord>;
  store: Pick<Store, 'managedObjects' | 'transaction'>;
  policy: Pick<PolicyService, 'validateObject'>;
  hasher: Pick<PasswordHasher, 'hash'>;
  clock: { now(): number };
  newId: () => string;
  /** Users per transaction (1,000 by default). */
  batchSize?: number;
  /** Validate everything, write nothing. */
  dryRun?: boolean;
  /** `onProgress` is called every this many records (10,000 by default) and at the end. */
  progressEvery?: number;
  onProgress?: (progress: ImportProgress) => void;
  onReject?: (reject: ImportReject) => void;
  /** Plaintext passwords and security answers hashed at once (4 by default: libuv's thread pool). */
  hashConcurrency?: number;
  /** Records checked at once (8 by default): their store lookups overlap on a pooled database. */
  concurrency?: number;
}

/** How many rejects the report keeps. */
export const MAX_REJECTS_KEPT = 10_000;

/** Top-level properties whose values must be unique (`unique` or `valid-username` policies). */
function uniqueProperties(schema: ManagedObjectSchema): string[] {
  return Object.entries(schema.properties)
    .filter(([, property]) => (property.policies ?? []).some(({ policyId }) => policyId === 'unique' || policyId === 'valid-username'))
    .map(([name]) => name);
}

/** Runs at most `max` tasks at once. */
function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    while (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

/** Imports `records`; resolves to the report once every record is imported or rejected. */
export async function importUsers(options: ImportUsersOptions): Promise<ImportReport> {
  const { type, schema, store, policy, hasher, clock } = options;
  const batchSize = options.batchSize ?? 1000;
  const progressEvery = options.progressEvery ?? 10_000;
  const dryRun = options.dryRun ?? false;
  const hashing = limiter(options.hashConcurrency ?? 4);
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const unique = uniqueProperties(schema);
  const kbaName = await kbaPropertyOf(options);
  const started = clock.now();
  const report: ImportReport = { processed: 0, imported: 0, rejected: 0, elapsedMs: 0, rate: 0, rejects: [], dryRun };
  // Values of unique properties (and given ids) the store checks cannot see yet: the current batch
  // and what landed during the current window, or everything in a dry run.
  const pending = new Map<string, Map<string, number>>([...unique, '_id'].map((name) => [name, new Map()]));
  let batch: PendingUser[] = [];

  const snapshot = (): ImportProgress => {
    const elapsedMs = Math.max(clock.now() - started, 0);
    const rate = elapsedMs > 0 ? Math.round((report.processed * 1000) / elapsedMs) : 0;
    return { processed: report.processed, imported: report.imported, rejected: report.rejected, elapsedMs, rate };
  };
  const reject = (line: number, reasons: string[]): void => {
    report.rejected += 1;
    if (report.rejects.length < MAX_REJECTS_KEPT) report.rejects.push({ line, reasons });
    options.onReject?.({ line, reasons });
  };
  // Users written while their window is still being settled: the window's records were checked
  // against the store before they landed, so their values stay pending until the window ends.
  let landed: PendingUser[] = [];
  const flush = async (): Promise<void> => {
    const written = await writeUserBatch({ type, store, users: batch, dryRun, reject });
    report.imported += written;
    if (!dryRun) landed.push(...batch);
    batch = [];
  };
  const forgetLanded = (): void => {
    for (const { record } of landed) {
      for (const [name, values] of pending) {
        const value = name === '_id' ? record.id : record.data[name];
        if (typeof value === 'string') values.delete(value.toLowerCase());
      }
    }
    landed = [];
  };

  /** Settles the checked records of a window in file order: duplicates within the file, then the batch. */
  async function settle(checked: CheckedRecord): Promise<void> {
    report.processed += 1;
    if (!checked.ok) {
      reject(checked.line, checked.reasons);
    } else {
      // Generated ids cannot clash; given ones are tracked like unique properties.
      const valueOf = (name: string): unknown => (name === '_id' ? checked.givenId : checked.record.data[name]);
      const clashes = [...pending].flatMap(([name, values]) => {
        const value = valueOf(name);
        const seenOn = typeof value === 'string' ? values.get(value.toLowerCase()) : undefined;
        return seenOn === undefined ? [] : [`${name}: UNIQUE (same as line ${seenOn})`];
      });
      if (clashes.length > 0) {
        reject(checked.line, clashes);
      } else {
        for (const [name, values] of pending) {
          const value = valueOf(name);
          if (typeof value === 'string') values.set(value.toLowerCase(), checked.line);
        }
        batch.push(pendingUser(checked));
      }
    }
    if (batch.length >= batchSize) await flush();
    if (report.processed % progressEvery === 0) options.onProgress?.(snapshot());
  }

  const errorCode = (error: unknown): string => (typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'HASHING_FAILED');
  function pendingUser({ line, record, password }: Extract<CheckedRecord, { ok: true }>): PendingUser {
    const user: PendingUser = { line, record };
    // Settled at once (never an unhandled rejection); awaited when the batch is written.
    if (password !== undefined) {
      user.hashed = hashing(() => hasher.hash(password)).then(
        (hash) => ({ ok: true as const, hash }),
        (error: unknown) => ({ ok: false as const, code: errorCode(error) }),
      );
    }
    const { hashKbaAnswer } = options;
    if (hashKbaAnswer !== undefined && Array.isArray(record.data[kbaName])) {
      // Hashes from another system are taken only when readable within the cost limits.
      user.answers = storeKbaAnswers(record.data, kbaName, (answer) => hashing(() => hashKbaAnswer(answer)), undefined, options.acceptStoredKbaAnswer).then(
        (data) => {
          record.data[kbaName] = data[kbaName];
          return { ok: true as const };
        },
        (error: unknown) => ({ ok: false as const, reason: `${kbaName}: ${isIdentityError(error, 'KBA_ANSWER_NOT_ACCEPTED') ? error.message : errorCode(error)}` }),
      );
    }
    return user;
  }

  const context: CheckContext = { type, schema, policy, store, newId: options.newId, now: () => clock.now() };
  let window: ImportRecord[] = [];
  const drain = async (): Promise<void> => {
    forgetLanded();
    const checked = await Promise.all(window.map((record) => checkImportRecord(record, context)));
    window = [];
    for (const result of checked) await settle(result);
  };
  for await (const record of options.records) {
    window.push(record);
    if (window.length >= concurrency) await drain();
  }
  await drain();
  if (batch.length > 0) await flush();
  // The planner's statistics still describe the objects before the import (PostgreSQL): refreshed now, not when autovacuum gets to it.
  if (!dryRun && report.imported > 0) await store.managedObjects.refreshStatistics();
  const final = snapshot();
  options.onProgress?.(final);
  return { ...report, ...final };
}
