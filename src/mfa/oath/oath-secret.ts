/**
 * A new OATH shared secret, as AM makes one: random bytes from the operating system's source, at
 * least `minSharedSecretLength` hexadecimal characters long (so half as many bytes, rounded up)
 * and never under 8 bytes. AM keeps the secret as upper-case hex; so does Arbor.
 */
import { randomBytes } from 'node:crypto';
import { oathError } from './oath-errors.ts';

/** The shortest secret made, in bytes (AM's). */
export const MIN_SECRET_BYTES = 8;
/** The longest secret made, in bytes (far beyond RFC 4226's recommended 20). */
export const MAX_SECRET_BYTES = 256;

/** A new secret of at least `minHexLength` hex characters. */
export function newSharedSecret(minHexLength: number): Buffer {
  if (!Number.isInteger(minHexLength) || minHexLength < 0) throw oathError('OATH_PARAMETER_INVALID', 'The minimum secret length is a non-negative integer');
  const length = Math.min(MAX_SECRET_BYTES, Math.max(MIN_SECRET_BYTES, Math.ceil(minHexLength / 2)));
  return randomBytes(length);
}

/** The secret as AM stores it: upper-case hex. */
export function secretToHex(secret: Uint8Array): string {
  return Buffer.from(secret).toString('hex').toUpperCase();
}

/** The bytes of a stored hex secret; OATH_SECRET_INVALID when it is not hex of a sensible length. */
export function secretFromHex(hex: unknown): Buffer {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || hex.length < 2 || hex.length > MAX_SECRET_BYTES * 2 || !/^[0-9a-fA-F]+$/.test(hex)) {
    throw oathError('OATH_SECRET_INVALID', 'The stored secret is not hexadecimal');
  }
  return Buffer.from(hex, 'hex');
}
