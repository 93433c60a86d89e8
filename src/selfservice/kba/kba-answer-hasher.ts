/**
 * Security answers at rest: normalized (Unicode NFC, trimmed, lower-cased, as IDM lower-cases),
 * then hashed with argon2id in IDM's `$crypto` envelope (`algorithm: "ARGON2ID"`, `data`: the PHC
 * string). Answers are guessable words, so they get the password hasher's full cost. Imported
 * IDM salted hashes (SHA-256 and friends) verify too.
 */
import { createPasswordHasher, isPasswordTooLong } from '../../identity/password-hasher.ts';
import type { PasswordHasher } from '../../identity/password-hasher.ts';
import { parsePasswordHash } from '../../identity/password-schemes/parse-password-hash.ts';
import { selfServiceConfigError } from '../config-errors.ts';
import type { SaltedHashEnvelope } from './salted-hash.ts';
import { isDigestAlgorithm, isReadableSaltedHash, saltedHashValue, verifyIdmSaltedHash } from './salted-hash.ts';

/** The algorithm name Arbor writes into the `$crypto` envelope. */
export const ARGON2ID_ALGORITHM = 'ARGON2ID';

/** Hashes and verifies security answers. */
export interface KbaAnswerHasher {
  /** The stored form of `answer`; KBA_ANSWER_TOO_LONG past 256 UTF-8 bytes once normalized. */
  hash(answer: string): Promise<SaltedHashEnvelope>;
  /** True when `answer` matches `stored` (Arbor's argon2id envelope, a bare PHC string, or IDM's salted hash). */
  verify(stored: unknown, answer: string): Promise<boolean>;
  /**
   * True when `stored` is a stored answer `verify` reads within the password hash cost limits
   * (argon2 memory ≤ 64 MiB, t ≤ 10): what an administrator's bulk import may bring in.
   */
  accepts(stored: unknown): boolean;
}

/** What answers are compared on: NFC, trimmed, lower-cased. */
export function normalizeKbaAnswer(answer: string): string {
  return answer.normalize('NFC').trim().toLowerCase();
}

/** Builds the answer hasher on `hasher` (argon2id with OWASP's parameters by default). */
export function createKbaAnswerHasher(hasher: PasswordHasher = createPasswordHasher()): KbaAnswerHasher {
  return {
    async hash(answer) {
      const normalized = normalizeKbaAnswer(answer);
      if (isPasswordTooLong(normalized)) throw selfServiceConfigError('KBA_ANSWER_TOO_LONG', 'Security answers are limited to 256 bytes');
      return { $crypto: { type: 'salted-hash', value: { algorithm: ARGON2ID_ALGORITHM, data: await hasher.hash(normalized) } } };
    },
    accepts(stored) {
      if (typeof stored === 'string') return stored.startsWith('$argon2') && parsePasswordHash(stored)?.scheme === 'argon2';
      const value = saltedHashValue(stored);
      if (value === undefined) return false;
      if (value.algorithm.toUpperCase() === ARGON2ID_ALGORITHM) return parsePasswordHash(value.data)?.scheme === 'argon2';
      return isReadableSaltedHash(value);
    },
    async verify(stored, answer) {
      const normalized = normalizeKbaAnswer(answer);
      if (typeof stored === 'string' && stored.startsWith('$argon2')) return (await hasher.verify(stored, normalized)).ok;
      const value = saltedHashValue(stored);
      if (value !== undefined && value.algorithm.toUpperCase() === ARGON2ID_ALGORITHM) return (await hasher.verify(value.data, normalized)).ok;
      if (value !== undefined && isDigestAlgorithm(value.algorithm)) {
        // IDM lower-cases without trimming: an imported hash may include the spaces the user typed.
        const candidates = new Set([normalized, answer.toLowerCase()]);
        return [...candidates].some((candidate) => verifyIdmSaltedHash(value, candidate));
      }
      // Not a hash we can read: fail at the cost of a real verification.
      await hasher.dummyVerify(normalized);
      return false;
    },
  };
}
