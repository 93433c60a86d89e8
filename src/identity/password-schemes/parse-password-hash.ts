/** Recognizes a stored password hash in any supported scheme and encoding. */
import { parseArgon2Hash } from './parse-argon2-hash.ts';
import { parseBcryptHash } from './parse-bcrypt-hash.ts';
import { parsePbkdf2Hash } from './parse-pbkdf2-hash.ts';
import type { ParsedPasswordHash } from './parsed-password-hash.ts';

/** The parsed hash, or undefined for an unknown format, a malformed hash or one past the cost limits. */
export function parsePasswordHash(encoded: string): ParsedPasswordHash | undefined {
  // Hashes are ASCII and short; anything else is not worth a regular expression.
  if (encoded.length > 512) return undefined;
  return parseArgon2Hash(encoded) ?? parseBcryptHash(encoded) ?? parsePbkdf2Hash(encoded);
}

/** A short description for messages and reports: `argon2id (phc)`, `pbkdf2-sha256 (django)`. */
export function describePasswordHash(parsed: ParsedPasswordHash): string {
  switch (parsed.scheme) {
    case 'argon2':
      return `${parsed.variant} (${parsed.format})`;
    case 'bcrypt':
      return `bcrypt (${parsed.format})`;
    case 'pbkdf2':
      return `pbkdf2-${parsed.digest} (${parsed.format})`;
  }
}
