/**
 * The password hash formats Arbor verifies, parsed: argon2 (what Arbor writes), and bcrypt and
 * PBKDF2 as other systems export them. Parsing checks the shape and the cost limits; it never
 * runs the hash function.
 */

/** The hash functions Arbor can verify. */
export type PasswordHashScheme = 'argon2' | 'bcrypt' | 'pbkdf2';

/** An argon2 PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`), possibly inside Django's `argon2$` prefix. */
export interface Argon2Hash {
  scheme: 'argon2';
  format: 'phc' | 'django';
  variant: 'argon2id' | 'argon2i' | 'argon2d';
  /** 19 (0x13), or 16 (0x10) for old hashes without `v=`. */
  version: 16 | 19;
  memoryCost: number;
  timeCost: number;
  parallelism: number;
  outputBytes: number;
  /** The bare PHC string, as argon2 libraries read it. */
  phc: string;
}

/** A bcrypt modular crypt string (`$2a$`, `$2b$`, `$2y$`), bare, in ForgeRock DS's `{BCRYPT}` or Django's `bcrypt$`. */
export interface BcryptHash {
  scheme: 'bcrypt';
  format: 'modular-crypt' | 'forgerock-ds' | 'django';
  cost: number;
  /** The 60-character `$2x$NN$<salt><checksum>` string. */
  crypt: string;
}

/** PBKDF2 with HMAC over `digest`, as passlib, Django, ForgeRock DS (OpenDJ) or Atlassian encode it. */
export interface Pbkdf2Hash {
  scheme: 'pbkdf2';
  format: 'passlib' | 'passlib-ldap' | 'django' | 'forgerock-ds' | 'atlassian';
  digest: 'sha1' | 'sha256' | 'sha512';
  iterations: number;
  salt: Buffer;
  /** The derived key; its length is the key length to derive. */
  hash: Buffer;
}

/** Any supported stored password hash. */
export type ParsedPasswordHash = Argon2Hash | BcryptHash | Pbkdf2Hash;

/**
 * Cost ceilings: hashes above them are refused as unreadable (an import rejects them, a
 * verification fails at a dummy's cost), so that one imported password hash or security answer
 * cannot make a sign-in spend seconds of server CPU or gigabytes of memory. At the ceilings a
 * verification costs about a second; Arbor's own hashes (19 MiB, t=2) are far below.
 */
export const PASSWORD_HASH_LIMITS = Object.freeze({
  /** argon2 memory, KiB (64 MiB). */
  argon2MaxMemoryKiB: 65_536,
  argon2MaxTimeCost: 10,
  argon2MaxParallelism: 64,
  /** bcrypt's log2 cost; 14 is about a second of pure-JavaScript bcrypt. */
  bcryptMaxCost: 14,
  pbkdf2MaxIterations: 10_000_000,
  /** Shortest derived key or argon2 output accepted, in bytes: shorter ones are too easy to hit by chance. */
  minHashBytes: 16,
});
