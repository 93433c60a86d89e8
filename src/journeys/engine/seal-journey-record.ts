/**
 * The one place a journey record becomes what the ephemeral store holds, and back. The whole
 * record is sealed with the realm's key (frames with the outer transient state they keep, shared
 * and transient state, the pending step with the values a re-sent page echoes, the failure
 * message, the return URLs); only the realm stays readable, which is all the next request needs
 * to pick the key. Any field a future path adds to the record is sealed with it: nothing written
 * through here can hold a password or a security answer in clear.
 */
import { journeyError } from './errors.ts';
import type { JourneyRecord, StoredJourneyRecord } from './journey-state.ts';

/** Seals JSON values with a realm's key (AES-256-GCM), and opens them again. */
export interface JourneyStateCipher {
  seal(realm: string, value: unknown): Promise<string>;
  /**
   * The value sealed in `text`; undefined when it was not sealed with one of the realm's keys or
   * was changed since. Throws only when the keys cannot be read (the store is unreachable).
   */
  open(realm: string, text: string): Promise<unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The fields the engine relies on are there (the content itself is authenticated by the cipher). */
function isJourneyRecord(value: unknown): value is JourneyRecord {
  return (
    isRecord(value) &&
    typeof value.realm === 'string' &&
    typeof value.authIndexValue === 'string' &&
    typeof value.identityResource === 'string' &&
    Array.isArray(value.frames) &&
    isRecord(value.shared) &&
    isRecord(value.transient) &&
    typeof value.step === 'number' &&
    typeof value.startedAt === 'number'
  );
}

/** The stored text of `record`: `{"realm":…,"sealed":"<kid>.<ciphertext>"}`. */
export async function sealJourneyRecord(record: JourneyRecord, cipher: JourneyStateCipher): Promise<string> {
  const stored: StoredJourneyRecord = { realm: record.realm, sealed: await cipher.seal(record.realm, record) };
  return JSON.stringify(stored);
}

/**
 * The record stored as `raw` for `realm`. AUTH_ID_INVALID when it belongs to another realm, was
 * sealed with a key the realm does not have, was tampered with, or is not a sealed record at all
 * (a record written before records were sealed whole included: that journey starts again).
 */
export async function openJourneyRecord(realm: string, raw: string, cipher: JourneyStateCipher): Promise<JourneyRecord> {
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    throw journeyError('AUTH_ID_INVALID', 'The journey state is unreadable');
  }
  if (!isRecord(stored) || typeof stored.sealed !== 'string') throw journeyError('AUTH_ID_INVALID', 'The journey state is not sealed');
  if (stored.realm !== realm) throw journeyError('AUTH_ID_INVALID', 'The journey belongs to another realm');
  const record = await cipher.open(realm, stored.sealed);
  if (record === undefined) throw journeyError('AUTH_ID_INVALID', 'The journey state cannot be opened with the realm key');
  if (!isJourneyRecord(record) || record.realm !== realm) throw journeyError('AUTH_ID_INVALID', 'The journey state is damaged');
  return record;
}
