/**
 * The public JWK of a key pair as the relying party publishes it: `kty`, `kid` (the RFC 7638
 * SHA-256 thumbprint of the public key), `use`, `alg`, the public members (`n`, `e` or `crv`,
 * `x`, `y`) and, with a certificate chain, `x5c` (base64 DER, leaf first), `x5t` (SHA-1) and
 * `x5t#S256` (SHA-256) of the leaf. Made from the public half only: no private member can be in it.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { KeyPairMaterial } from './key-pair-material.ts';

/** A published JWK: always with `kid`, `use`, `alg` and `kty`. */
export type PublicJwk = JWK & { kty: string; kid: string; use: 'sig' | 'enc'; alg: string };

/** The public JWK of `material` published for `use` and `alg`. */
export async function publicJwkOf(material: KeyPairMaterial, use: 'sig' | 'enc', alg: string): Promise<PublicJwk> {
  const exported = createPublicKey(material.privateKey).export({ format: 'jwk' });
  const names = exported.kty === 'RSA' ? ['n', 'e'] : ['crv', 'x', 'y'];
  const members: Record<string, string> = {};
  for (const name of names) {
    const value = exported[name];
    if (typeof value !== 'string') throw new Error(`the public key has no ${name}`);
    members[name] = value;
  }
  const kty = exported.kty ?? '';
  const kid = await calculateJwkThumbprint({ kty, ...members }, 'sha256');
  const jwk: PublicJwk = { kty, kid, use, alg, ...members };
  const [leaf] = material.certificates;
  if (leaf !== undefined) {
    jwk.x5c = material.certificates.map((certificate) => certificate.raw.toString('base64'));
    jwk.x5t = createHash('sha1').update(leaf.raw).digest('base64url');
    jwk['x5t#S256'] = createHash('sha256').update(leaf.raw).digest('base64url');
  }
  return jwk;
}
