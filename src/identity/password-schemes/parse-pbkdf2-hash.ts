/**
 * Reads PBKDF2 hashes in the encodings other systems export:
 * - passlib: `$pbkdf2$<rounds>$<salt>$<hash>` (SHA-1), `$pbkdf2-sha256$…`, `$pbkdf2-sha512$…`, adapted base64;
 * - passlib's LDAP wrappers: `{PBKDF2}<rounds>$<salt>$<hash>`, `{PBKDF2-SHA256}…`, `{PBKDF2-SHA512}…`;
 * - Django: `pbkdf2_sha256$<iterations>$<salt text>$<base64 hash>`, `pbkdf2_sha1$…`;
 * - ForgeRock DS / OpenDJ: `{PBKDF2}<iterations>:<base64(hash ‖ salt)>` (SHA-1),
 *   `{PBKDF2-HMAC-SHA256}…`, `{PBKDF2-HMAC-SHA512}…`;
 * - ForgeRock DS and Atlassian `{PKCS5S2}<base64(16-byte salt ‖ 32-byte hash)>`: SHA-1, 10,000 iterations.
 */
import type { Pbkdf2Hash } from './parsed-password-hash.ts';
import { PASSWORD_HASH_LIMITS } from './parsed-password-hash.ts';
import { decodeAdaptedBase64, decodeBase64, parseCount } from './hash-encodings.ts';

type Digest = Pbkdf2Hash['digest'];

const DIGEST_BYTES: Readonly<Record<Digest, number>> = { sha1: 20, sha256: 32, sha512: 64 };
const MAX_HASH_BYTES = 128;

const PASSLIB = /^\$pbkdf2(?:-(sha256|sha512))?\$([0-9]+)\$([^$]*)\$([^$]+)$/;
const PASSLIB_LDAP = /^\{PBKDF2(?:-(SHA256|SHA512))?\}([0-9]+)\$([^$]*)\$([^$]+)$/i;
const DJANGO = /^pbkdf2_(sha256|sha1)\$([0-9]+)\$([^$]+)\$([^$]+)$/;
const FORGEROCK = /^\{PBKDF2(?:-HMAC-(SHA256|SHA512))?\}([0-9]+):([A-Za-z0-9+/=]+)$/i;
const PKCS5S2 = /^\{PKCS5S2\}([A-Za-z0-9+/=]+)$/i;

function digestOf(name: string | undefined): Digest {
  const lower = name?.toLowerCase();
  return lower === 'sha256' || lower === 'sha512' ? lower : 'sha1';
}

function result(format: Pbkdf2Hash['format'], digest: Digest, iterations: number | undefined, salt: Buffer | undefined, hash: Buffer | undefined): Pbkdf2Hash | undefined {
  if (iterations === undefined || salt === undefined || salt.length === 0 || hash === undefined) return undefined;
  if (hash.length < PASSWORD_HASH_LIMITS.minHashBytes || hash.length > MAX_HASH_BYTES) return undefined;
  return { scheme: 'pbkdf2', format, digest, iterations, salt, hash };
}

function iterationsOf(text: string | undefined): number | undefined {
  return parseCount(text ?? '', PASSWORD_HASH_LIMITS.pbkdf2MaxIterations);
}

/** The parsed hash, or undefined when `encoded` is none of the PBKDF2 encodings above (or exceeds the limits). */
export function parsePbkdf2Hash(encoded: string): Pbkdf2Hash | undefined {
  let match = PASSLIB.exec(encoded);
  if (match !== null) return result('passlib', digestOf(match[1]), iterationsOf(match[2]), decodeAdaptedBase64(match[3] ?? ''), decodeAdaptedBase64(match[4] ?? ''));
  match = PASSLIB_LDAP.exec(encoded);
  if (match !== null) return result('passlib-ldap', digestOf(match[1]), iterationsOf(match[2]), decodeAdaptedBase64(match[3] ?? ''), decodeAdaptedBase64(match[4] ?? ''));
  match = DJANGO.exec(encoded);
  if (match !== null) return result('django', digestOf(match[1]), iterationsOf(match[2]), Buffer.from(match[3] ?? '', 'utf8'), decodeBase64(match[4] ?? ''));
  match = FORGEROCK.exec(encoded);
  if (match !== null) {
    // OpenDJ stores the derived key first and the salt after it; the key length is the digest's.
    const digest = digestOf(match[1]);
    const bytes = decodeBase64(match[3] ?? '');
    const keyBytes = DIGEST_BYTES[digest];
    if (bytes === undefined || bytes.length <= keyBytes) return undefined;
    return result('forgerock-ds', digest, iterationsOf(match[2]), bytes.subarray(keyBytes), bytes.subarray(0, keyBytes));
  }
  match = PKCS5S2.exec(encoded);
  if (match !== null) {
    const bytes = decodeBase64(match[1] ?? '');
    if (bytes === undefined || bytes.length !== 48) return undefined;
    return result('atlassian', 'sha1', 10_000, bytes.subarray(0, 16), bytes.subarray(16));
  }
  return undefined;
}
