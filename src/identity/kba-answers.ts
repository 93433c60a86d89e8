/**
 * Security answers (KBA) at rest and on the way out: a clear `answer` in the KBA property's
 * entries is replaced by its stored (hashed) form before any write, an entry sent back without
 * its answer keeps the stored one, and no view or read ever carries an answer. An answer already
 * in a stored form is kept only when it is the one stored for that question, or when the caller
 * accepts stored forms (the administrator's bulk import, journeys that hashed it themselves) and
 * it is readable within the hash cost limits: a user can never choose the cost of a verification.
 */
import { jsonEqual } from './crest/json-pointer.ts';
import { hasErrorCode, identityError } from './errors.ts';

/** The user property holding `[{questionId|customQuestion, answer}]` unless configured otherwise. */
export const DEFAULT_KBA_PROPERTY = 'kbaInfo';

/** Turns a clear answer into its stored form (the KBA service's argon2id `$crypto` envelope). */
export type KbaAnswerHash = (answer: string) => Promise<unknown>;

/** True when an answer already in stored form may be stored as it is (a supported hash within the cost limits). */
export type StoredKbaAnswerCheck = (stored: unknown) => boolean;

/** How the identity layer stores answers: the hasher, which stored forms it takes, and the property holding them. */
export interface KbaAnswerStorage {
  hashKbaAnswer?: KbaAnswerHash;
  /** Without it, an answer that is not text (and not the stored one) is refused: KBA_ANSWER_NOT_ACCEPTED. */
  acceptStoredKbaAnswer?: StoredKbaAnswerCheck;
  /** The property name, or how to read the configured one (`selfservice.kba`); `kbaInfo` by default. */
  kbaPropertyName?: string | (() => Promise<string>);
}

/** The KBA property name `storage` names (read from the configuration when it is a function). */
export async function kbaPropertyOf(storage: Pick<KbaAnswerStorage, 'kbaPropertyName'>): Promise<string> {
  const name = storage.kbaPropertyName;
  if (name === undefined) return DEFAULT_KBA_PROPERTY;
  return typeof name === 'string' ? name : name();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameQuestion(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  if (a['questionId'] !== undefined) return a['questionId'] === b['questionId'];
  return a['customQuestion'] !== undefined && a['customQuestion'] === b['customQuestion'];
}

async function hashOne(hash: KbaAnswerHash, answer: string): Promise<unknown> {
  try {
    return await hash(answer);
  } catch (error) {
    if (hasErrorCode(error, 'KBA_ANSWER_TOO_LONG')) throw identityError('KBA_ANSWER_TOO_LONG', 'Security answers are limited to 256 bytes (UTF-8, once trimmed)');
    throw error;
  }
}

function refuseStoredForm(accept: StoredKbaAnswerCheck | undefined): never {
  if (accept === undefined) throw identityError('KBA_ANSWER_NOT_ACCEPTED', 'Security answers must be sent as text: the server hashes them (hashed answers are accepted only by the bulk import)');
  throw identityError('KBA_ANSWER_NOT_ACCEPTED', 'A hashed security answer must be an argon2 hash within the cost limits (memory ≤ 64 MiB, t ≤ 10) or IDM\'s salted SHA hash');
}

/**
 * `data` with every clear (string) answer of `data[propertyName]` hashed, and an entry without an
 * answer given the stored answer of the same question in `before`. Any other answer (a stored
 * form, `null`, a number…) stays only when it equals the stored answer of its question or
 * `accept` takes it; otherwise KBA_ANSWER_NOT_ACCEPTED. Returns `data` itself when nothing
 * changes. KBA_ANSWER_TOO_LONG past the length limit.
 */
export async function storeKbaAnswers(
  data: Record<string, unknown>,
  propertyName: string,
  hash: KbaAnswerHash,
  before?: Record<string, unknown>,
  accept?: StoredKbaAnswerCheck,
): Promise<Record<string, unknown>> {
  const entries = Object.hasOwn(data, propertyName) ? data[propertyName] : undefined;
  if (!Array.isArray(entries)) return data;
  const previousEntries = before !== undefined && Object.hasOwn(before, propertyName) ? before[propertyName] : undefined;
  const previous = Array.isArray(previousEntries) ? previousEntries.filter(isRecord) : [];
  let changed = false;
  const stored = await Promise.all(
    entries.map(async (entry: unknown) => {
      if (!isRecord(entry)) return entry;
      if (typeof entry['answer'] === 'string') {
        changed = true;
        return { ...entry, answer: await hashOne(hash, entry['answer']) };
      }
      if (Object.hasOwn(entry, 'answer')) {
        const unchanged = previous.some((old) => sameQuestion(entry, old) && jsonEqual(old['answer'], entry['answer']));
        if (!unchanged && accept?.(entry['answer']) !== true) refuseStoredForm(accept);
        return entry;
      }
      const kept = previous.find((old) => sameQuestion(entry, old) && old['answer'] !== undefined);
      if (kept === undefined) return entry;
      changed = true;
      return { ...entry, answer: structuredClone(kept['answer']) };
    }),
  );
  return changed ? { ...data, [propertyName]: stored } : data;
}

/** `data` without any `answer` in the entries of `data[propertyName]` (a copy when one is removed). */
export function withoutKbaAnswers(data: Record<string, unknown>, propertyName: string = DEFAULT_KBA_PROPERTY): Record<string, unknown> {
  const entries = Object.hasOwn(data, propertyName) ? data[propertyName] : undefined;
  if (!Array.isArray(entries) || !entries.some((entry) => isRecord(entry) && Object.hasOwn(entry, 'answer'))) return data;
  const stripped = entries.map((entry: unknown) => {
    return isRecord(entry) ? Object.fromEntries(Object.entries(entry).filter(([key]) => key !== 'answer')) : entry;
  });
  return { ...data, [propertyName]: stripped };
}
