/**
 * Password hashing with argon2id (PHC strings), OWASP's parameters by default. Verification reads
 * every supported scheme (argon2 with any parameters, bcrypt, PBKDF2 in the usual encodings, see
 * `password-schemes/`) and says when the stored hash is not the current argon2id, so that sign-in
 * upgrades it. Unknown formats and unknown users cost a dummy verification, so timing reveals nothing.
 */
import { randomBytes } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { identityError } from './errors.ts';
import type { ParsedPasswordHash } from './password-schemes/parsed-password-hash.ts';
import { parsePasswordHash } from './password-schemes/parse-password-hash.ts';
import { verifyPasswordHash } from './password-schemes/verify-password-hash.ts';

/** argon2id cost parameters. */
export interface PasswordHashParameters {
  /** Memory in KiB (PHC `m`). */
  memoryCost: number;
  /** Passes (PHC `t`). */
  timeCost: number;
  /** Lanes (PHC `p`). */
  parallelism: number;
}

/** OWASP's argon2id recommendation: 19 MiB, 2 passes, 1 lane. */
export const OWASP_ARGON2ID: Readonly<PasswordHashParameters> = Object.freeze({ memoryCost: 19456, timeCost: 2, parallelism: 1 });

/** Longest password accepted, in UTF-8 bytes; longer ones are refused before any hashing. */
export const MAX_PASSWORD_BYTES = 256;

/** The hashing primitives, injectable so tests can count calls. */
export interface Argon2Primitives {
  hash(password: string, options: PasswordHashParameters): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** The outcome of a verification. */
export interface PasswordVerification {
  ok: boolean;
  /** True when `ok` and the stored hash is not argon2id with the configured parameters (another scheme included). */
  needsRehash: boolean;
}

/** Hashes and verifies passwords. */
export interface PasswordHasher {
  readonly parameters: Readonly<PasswordHashParameters>;
  /** A PHC string; PASSWORD_TOO_LONG past `MAX_PASSWORD_BYTES`. */
  hash(password: string): Promise<string>;
  /** Checks `password` against a stored hash of any supported scheme; too-long passwords and unreadable hashes are `ok: false`. */
  verify(storedHash: string, password: string): Promise<PasswordVerification>;
  /** Spends what a real verification costs and fails: for unknown users, so timing reveals nothing. */
  dummyVerify(password: string): Promise<void>;
}

const OUTPUT_BYTES = 32;

const nodeRsArgon2: Argon2Primitives = {
  hash: (password, options) => argon2Hash(password, { ...options, outputLen: OUTPUT_BYTES }),
  verify: (storedHash, password) => argon2Verify(storedHash, password),
};

/** True when the password is too long to hash. */
export function isPasswordTooLong(password: string): boolean {
  return Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES;
}

/** True when `parsed` is exactly what `hash` would write today. */
function isCurrent(parsed: ParsedPasswordHash, wanted: PasswordHashParameters): boolean {
  return (
    parsed.scheme === 'argon2' &&
    parsed.format === 'phc' &&
    parsed.variant === 'argon2id' &&
    parsed.version === 19 &&
    parsed.outputBytes === OUTPUT_BYTES &&
    parsed.memoryCost === wanted.memoryCost &&
    parsed.timeCost === wanted.timeCost &&
    parsed.parallelism === wanted.parallelism
  );
}

/** Builds a hasher with `parameters` (OWASP's by default). */
export function createPasswordHasher(
  parameters: PasswordHashParameters = OWASP_ARGON2ID,
  primitives: Argon2Primitives = nodeRsArgon2,
): PasswordHasher {
  const configured = Object.freeze({ ...parameters });
  let dummyHash: Promise<string> | undefined;

  async function hash(password: string): Promise<string> {
    if (isPasswordTooLong(password)) throw identityError('PASSWORD_TOO_LONG', `Passwords are limited to ${MAX_PASSWORD_BYTES} bytes`);
    return primitives.hash(password, configured);
  }

  // Known users with a too-long password fail without hashing, so unknown ones do too.
  async function dummyVerify(password: string): Promise<void> {
    if (isPasswordTooLong(password)) return;
    dummyHash ??= primitives.hash(randomBytes(24).toString('base64url'), configured);
    await primitives.verify(await dummyHash, password);
  }

  return {
    parameters: configured,
    hash,
    dummyVerify,
    async verify(storedHash, password) {
      if (isPasswordTooLong(password)) return { ok: false, needsRehash: false };
      const parsed = parsePasswordHash(storedHash);
      if (parsed === undefined) {
        // Not a hash Arbor can read: fail, but at a real verification's cost.
        await dummyVerify(password);
        return { ok: false, needsRehash: false };
      }
      const ok = await verifyPasswordHash(parsed, password, (phc, candidate) => primitives.verify(phc, candidate));
      return { ok, needsRehash: ok && !isCurrent(parsed, configured) };
    },
  };
}
