/**
 * IDM's `$crypto` salted hash, as imported KBA answers carry it:
 * `{"$crypto": {"type": "salted-hash", "value": {"algorithm": "SHA-256", "data": base64(digest ‖ salt)}}}`,
 * digest = H(text ‖ salt) with a 16-byte random salt. Arbor verifies these; it writes argon2id.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isRecord } from '../config-fields.ts';

/** IDM's `$crypto` envelope of a salted hash. */
export interface SaltedHashEnvelope {
  $crypto: { type: 'salted-hash'; value: { algorithm: string; data: string } };
}

/** The digests IDM's salted hashes use, by IDM's algorithm name. */
const DIGESTS: Record<string, { node: string; bytes: number }> = {
  MD5: { node: 'md5', bytes: 16 },
  'SHA-1': { node: 'sha1', bytes: 20 },
  'SHA-256': { node: 'sha256', bytes: 32 },
  'SHA-384': { node: 'sha384', bytes: 48 },
  'SHA-512': { node: 'sha512', bytes: 64 },
};

/** The envelope's `{algorithm, data}`, or undefined when `stored` is not a salted-hash envelope. */
export function saltedHashValue(stored: unknown): { algorithm: string; data: string } | undefined {
  if (!isRecord(stored) || !isRecord(stored.$crypto)) return undefined;
  const { type, value } = stored.$crypto;
  if (type !== 'salted-hash' || !isRecord(value)) return undefined;
  return typeof value.algorithm === 'string' && typeof value.data === 'string' ? { algorithm: value.algorithm, data: value.data } : undefined;
}

/** True when `algorithm` is one of IDM's digest algorithms (MD5, SHA-1, SHA-256, SHA-384, SHA-512). */
export function isDigestAlgorithm(algorithm: string): boolean {
  return DIGESTS[algorithm.toUpperCase()] !== undefined;
}

/** Hashes `text` as IDM does (for tests and migrations; Arbor stores argon2id). */
export function idmSaltedHash(text: string, algorithm = 'SHA-256', salt: Buffer = randomBytes(16)): SaltedHashEnvelope {
  const digest = DIGESTS[algorithm.toUpperCase()];
  if (digest === undefined) throw new Error(`unsupported salted-hash algorithm ${algorithm}`);
  const hash = createHash(digest.node).update(Buffer.from(text, 'utf8')).update(salt).digest();
  return { $crypto: { type: 'salted-hash', value: { algorithm, data: Buffer.concat([hash, salt]).toString('base64') } } };
}

/** True when `value` names one of IDM's digests and its data holds a digest and a salt. */
export function isReadableSaltedHash(value: { algorithm: string; data: string }): boolean {
  const digest = DIGESTS[value.algorithm.toUpperCase()];
  if (digest === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(value.data)) return false;
  return Buffer.from(value.data, 'base64').length > digest.bytes;
}

/** True when `text` hashes to `value` (constant-time comparison of the digests). */
export function verifyIdmSaltedHash(value: { algorithm: string; data: string }, text: string): boolean {
  const digest = DIGESTS[value.algorithm.toUpperCase()];
  if (digest === undefined) return false;
  const decoded = Buffer.from(value.data, 'base64');
  if (decoded.length <= digest.bytes) return false;
  const expected = decoded.subarray(0, digest.bytes);
  const salt = decoded.subarray(digest.bytes);
  const actual = createHash(digest.node).update(Buffer.from(text, 'utf8')).update(salt).digest();
  return timingSafeEqual(expected, actual);
}
