/** Reads bcrypt hashes: `$2a$`, `$2b$`, `$2y$` modular crypt strings, bare, `{BCRYPT}…` (ForgeRock DS) or `bcrypt$…` (Django). */
import type { BcryptHash } from './parsed-password-hash.ts';
import { PASSWORD_HASH_LIMITS } from './parsed-password-hash.ts';

const CRYPT = /^\$2[aby]\$([0-9]{2})\$[./A-Za-z0-9]{53}$/;
const FORGEROCK_PREFIX = /^\{BCRYPT\}/i;
const DJANGO_PREFIX = 'bcrypt$';

/** The parsed hash, or undefined when `encoded` is not a bcrypt hash with a cost of 4 to the limit. */
export function parseBcryptHash(encoded: string): BcryptHash | undefined {
  let format: BcryptHash['format'] = 'modular-crypt';
  let crypt = encoded;
  if (FORGEROCK_PREFIX.test(encoded)) {
    format = 'forgerock-ds';
    crypt = encoded.replace(FORGEROCK_PREFIX, '');
  } else if (encoded.startsWith(DJANGO_PREFIX)) {
    format = 'django';
    crypt = encoded.slice(DJANGO_PREFIX.length);
  }
  const match = CRYPT.exec(crypt);
  if (match === null) return undefined;
  const cost = Number(match[1]);
  if (cost < 4 || cost > PASSWORD_HASH_LIMITS.bcryptMaxCost) return undefined;
  return { scheme: 'bcrypt', format, cost, crypt };
}
