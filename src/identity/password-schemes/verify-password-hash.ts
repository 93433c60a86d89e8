/**
 * Checks a password against a parsed hash of any supported scheme. Comparisons of derived values
 * are constant-time; argon2 goes through the caller's primitive (the hasher's, injectable in tests).
 */
import { pbkdf2, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import bcrypt from 'bcryptjs';
import type { BcryptHash, ParsedPasswordHash, Pbkdf2Hash } from './parsed-password-hash.ts';

const pbkdf2Async = promisify(pbkdf2);

/** Verifies an argon2 PHC string (true when the password matches). */
export type Argon2Verify = (phc: string, password: string) => Promise<boolean>;

/** Constant-time equality of two byte strings; different lengths are simply unequal. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

async function verifyPbkdf2(parsed: Pbkdf2Hash, password: string): Promise<boolean> {
  const derived = await pbkdf2Async(Buffer.from(password, 'utf8'), parsed.salt, parsed.iterations, parsed.hash.length, parsed.digest);
  return constantTimeEqual(derived, parsed.hash);
}

async function verifyBcrypt(parsed: BcryptHash, password: string): Promise<boolean> {
  // Recompute with the stored salt (the first 29 characters), then compare the checksums.
  const computed = await bcrypt.hash(password, parsed.crypt.slice(0, 29));
  return constantTimeEqual(Buffer.from(computed.slice(29), 'ascii'), Buffer.from(parsed.crypt.slice(29), 'ascii'));
}

/** True when `password` matches `parsed`; a hash the primitive cannot process counts as a mismatch. */
export async function verifyPasswordHash(parsed: ParsedPasswordHash, password: string, argon2Verify: Argon2Verify): Promise<boolean> {
  try {
    switch (parsed.scheme) {
      case 'argon2':
        return await argon2Verify(parsed.phc, password);
      case 'bcrypt':
        return await verifyBcrypt(parsed, password);
      case 'pbkdf2':
        return await verifyPbkdf2(parsed, password);
    }
  } catch {
    return false;
  }
}
