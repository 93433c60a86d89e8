/**
 * Security answers (KBA) at rest and on the way out: a clear `answer` in the KBA property's
 * entries is replaced by its stored (hashed) form before any write, an entry sent back without
 * its answer keeps the stored one, and no view or read ever carries an answer.
 */
import { hasErrorCode, identityError } from './errors.ts';

/** The user property holding `[{questionId|customQuestion, answer}]` unless configured otherwise. */
export const DEFAULT_KBA_PROPERTY = 'kbaInfo';

/** Turns a clear answer into its stored form (the KBA service's argon2id `$crypto` envelope). */
export type KbaAnswerHash = (answer: string) => Promise<unknown>;

/** How the identity layer stores answers: the hasher and the property holding them. */
export interface KbaAnswerStorage {
  hashKbaAnswer?: KbaAnswerHash;
  /** Defaults to `kbaInfo`. */
  kbaPropertyName?: string;
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

/**
 * `data` with every clear (string) answer of `data[propertyName]` hashed; stored forms (`$crypto`
 * envelopes) stay as they are, and an entry without an answer takes the stored answer of the same
 * question in `before`. Returns `data` itself when nothing changes. KBA_ANSWER_TOO_LONG past the limit.
 */
export async function storeKbaAnswers(
  data: Record<string, unknown>,
  propertyName: string,
  hash: KbaAnswerHash,
  before?: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const entries = data[propertyName];
  if (!Array.isArray(entries)) return data;
  const previous = Array.isArray(before?.[propertyName]) ? (before[propertyName] as unknown[]).filter(isRecord) : [];
  let changed = false;
  const stored = await Promise.all(
    entries.map(async (entry: unknown) => {
      if (!isRecord(entry)) return entry;
      if (typeof entry['answer'] === 'string') {
        changed = true;
        return { ...entry, answer: await hashOne(hash, entry['answer']) };
      }
      if (Object.hasOwn(entry, 'answer')) return entry;
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
  const entries = data[propertyName];
  if (!Array.isArray(entries) || !entries.some((entry) => isRecord(entry) && Object.hasOwn(entry, 'answer'))) return data;
  const stripped = entries.map((entry: unknown) => {
    return isRecord(entry) ? Object.fromEntries(Object.entries(entry).filter(([key]) => key !== 'answer')) : entry;
  });
  return { ...data, [propertyName]: stripped };
}
