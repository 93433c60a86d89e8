/** Reads argon2 PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`), bare or in Django's `argon2$`. */
import type { Argon2Hash } from './parsed-password-hash.ts';
import { PASSWORD_HASH_LIMITS } from './parsed-password-hash.ts';
import { decodePhcBase64, parseCount } from './hash-encodings.ts';

const PHC = /^\$(argon2id|argon2i|argon2d)\$(?:v=(16|19)\$)?m=([0-9]+),t=([0-9]+),p=([0-9]+)\$([^$]+)\$([^$]+)$/;
// Django writes `argon2` followed by the whole PHC string: `argon2$argon2id$v=19$…`.
const DJANGO_PREFIX = 'argon2$argon2';

/** The parsed hash, or undefined when `encoded` is not an argon2 hash within the limits. */
export function parseArgon2Hash(encoded: string): Argon2Hash | undefined {
  const django = encoded.startsWith(DJANGO_PREFIX);
  const phc = django ? encoded.slice('argon2'.length) : encoded;
  const match = PHC.exec(phc);
  if (match === null) return undefined;
  const [, variant, version, m, t, p, salt, hash] = match;
  const limits = PASSWORD_HASH_LIMITS;
  const memoryCost = parseCount(m ?? '', limits.argon2MaxMemoryKiB);
  const timeCost = parseCount(t ?? '', limits.argon2MaxTimeCost);
  const parallelism = parseCount(p ?? '', limits.argon2MaxParallelism);
  const saltBytes = decodePhcBase64(salt ?? '');
  const output = decodePhcBase64(hash ?? '');
  if (memoryCost === undefined || timeCost === undefined || parallelism === undefined) return undefined;
  // argon2 needs 8 KiB per lane and a salt of at least 8 bytes.
  if (memoryCost < 8 * parallelism || saltBytes === undefined || saltBytes.length < 8) return undefined;
  if (output === undefined || output.length < limits.minHashBytes) return undefined;
  if (variant !== 'argon2id' && variant !== 'argon2i' && variant !== 'argon2d') return undefined;
  return {
    scheme: 'argon2',
    format: django ? 'django' : 'phc',
    variant,
    // No `v=` means version 0x10, as argon2's reference code reads it.
    version: version === '19' ? 19 : 16,
    memoryCost,
    timeCost,
    parallelism,
    outputBytes: output.length,
    phc,
  };
}
