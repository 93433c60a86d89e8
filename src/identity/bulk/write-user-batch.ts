/**
 * Writes one batch of validated users in one transaction. When the transaction fails because a
 * record clashes with the store (a concurrent write took its id or unique value), the batch is
 * written again one user at a time, so that only the clashing records are rejected.
 */
import type { Store } from '../../store/store.ts';
import type { NewUserRecord } from '../prepare-new-user.ts';
import { storeReason } from './policy-reasons.ts';

/** A validated user waiting for its batch; `hashed` is set while its plaintext password is being hashed. */
export interface PendingUser {
  line: number;
  record: NewUserRecord;
  hashed?: Promise<{ ok: true; hash: string } | { ok: false; code: string }>;
  /** Set while clear security answers are being hashed into `record.data`; `reason` when one cannot be. */
  answers?: Promise<{ ok: true } | { ok: false; reason: string }>;
}

/** What a batch write needs. */
export interface WriteUserBatchOptions {
  type: string;
  store: Pick<Store, 'managedObjects' | 'transaction'>;
  users: readonly PendingUser[];
  dryRun: boolean;
  reject(line: number, reasons: string[]): void;
}

/** Writes the batch; resolves to the number of users written (or, in a dry run, that would be). */
export async function writeUserBatch(options: WriteUserBatchOptions): Promise<number> {
  const { type, store, reject } = options;
  const ready: PendingUser[] = [];
  for (const user of options.users) {
    if (user.hashed !== undefined) {
      const hashed = await user.hashed;
      if (!hashed.ok) {
        reject(user.line, [`password: ${hashed.code}`]);
        continue;
      }
      user.record.data.password = hashed.hash;
    }
    if (user.answers !== undefined) {
      const answers = await user.answers;
      if (!answers.ok) {
        reject(user.line, [answers.reason]);
        continue;
      }
    }
    ready.push(user);
  }
  if (options.dryRun || ready.length === 0) return ready.length;
  try {
    await store.transaction(async (tx) => {
      for (const { record } of ready) await tx.managedObjects.create(type, record.id, record.data, record.meta);
    });
    return ready.length;
  } catch (error) {
    if (storeReason(error) === undefined) throw error;
  }
  let written = 0;
  for (const { line, record } of ready) {
    try {
      await store.managedObjects.create(type, record.id, record.data, record.meta);
      written += 1;
    } catch (error) {
      const reason = storeReason(error);
      if (reason === undefined) throw error;
      reject(line, [reason]);
    }
  }
  return written;
}
