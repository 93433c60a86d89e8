/**
 * Which algorithms the relying party's keys are published for, by use and key type: RSA keys
 * (2048 bits or more) sign with `RS*`/`PS*` and decrypt `RSA-OAEP`/`RSA-OAEP-256`; P-256 keys sign
 * with `ES256` and decrypt `ECDH-ES` (with or without key wrapping). `RSA1_5` is not offered (jose
 * 6 removed it). A TLS client key is published (when its certificate is self-signed) for `RS256`
 * or `ES256`, as its type gives.
 */
import { keyPairError } from './key-pair-errors.ts';
import type { KeyPairPurpose } from './ports.ts';

/** What a key pair is used for, as the CLI names it. */
export type KeyPairUse = 'sig' | 'enc' | 'tls';

/** The key types Arbor uses (JWK `kty`). */
export type KeyPairType = 'RSA' | 'EC';

const SIGNING = new Map<string, KeyPairType>([
  ['RS256', 'RSA'],
  ['RS384', 'RSA'],
  ['RS512', 'RSA'],
  ['PS256', 'RSA'],
  ['PS384', 'RSA'],
  ['PS512', 'RSA'],
  ['ES256', 'EC'],
]);

const ENCRYPTION = new Map<string, KeyPairType>([
  ['RSA-OAEP', 'RSA'],
  ['RSA-OAEP-256', 'RSA'],
  ['ECDH-ES', 'EC'],
  ['ECDH-ES+A128KW', 'EC'],
  ['ECDH-ES+A192KW', 'EC'],
  ['ECDH-ES+A256KW', 'EC'],
]);

/** The key pair purpose of a use. */
export function purposeOf(use: KeyPairUse): KeyPairPurpose {
  return use === 'sig' ? 'rp.sig' : use === 'enc' ? 'rp.enc' : 'rp.tls';
}

/** The use of a key pair purpose. */
export function useOf(purpose: KeyPairPurpose): KeyPairUse {
  return purpose === 'rp.sig' || purpose === 'op.sig' ? 'sig' : purpose === 'rp.enc' ? 'enc' : 'tls';
}

/** The use `alg` belongs to (`RS256` → sig, `RSA-OAEP` → enc), or undefined for an algorithm Arbor does not offer. */
export function useOfAlgorithm(alg: string): 'sig' | 'enc' | undefined {
  if (SIGNING.has(alg)) return 'sig';
  if (ENCRYPTION.has(alg)) return 'enc';
  return undefined;
}

/** The key type an algorithm needs, or undefined when Arbor does not offer it. */
export function keyTypeOfAlgorithm(alg: string): KeyPairType | undefined {
  return SIGNING.get(alg) ?? ENCRYPTION.get(alg);
}

/** The algorithm a key of `type` is published for when none is asked: RS256, ES256, RSA-OAEP or ECDH-ES. */
export function defaultAlgorithm(use: KeyPairUse, type: KeyPairType): string {
  if (use === 'enc') return type === 'RSA' ? 'RSA-OAEP' : 'ECDH-ES';
  return type === 'RSA' ? 'RS256' : 'ES256';
}

/** `alg` when a key of `type` may be published for it in `use`; a KEY_PAIR error `ALGORITHM_UNSUPPORTED` otherwise. */
export function checkedAlgorithm(use: KeyPairUse, type: KeyPairType, alg: string | undefined): string {
  if (alg === undefined) return defaultAlgorithm(use, type);
  if (use === 'tls') {
    if (alg !== defaultAlgorithm('tls', type)) throw keyPairError('ALGORITHM_UNSUPPORTED', `a ${type} TLS client key is published for ${defaultAlgorithm('tls', type)}, not ${alg}`);
    return alg;
  }
  const table = use === 'sig' ? SIGNING : ENCRYPTION;
  const needs = table.get(alg);
  if (needs === undefined) throw keyPairError('ALGORITHM_UNSUPPORTED', `${alg} is not a${use === 'sig' ? ' signing' : 'n encryption'} algorithm Arbor offers (${[...table.keys()].join(', ')})`);
  if (needs !== type) throw keyPairError('ALGORITHM_UNSUPPORTED', `${alg} needs ${needs === 'RSA' ? 'an RSA' : 'a P-256 EC'} key, not ${type === 'RSA' ? 'an RSA' : 'an EC'} one`);
  return alg;
}
