/**
 * A new key pair with a self-signed certificate (so that its published JWK carries `x5c`, as
 * ForgeRock's and itsme's tooling expect, and a TLS client key can authenticate): RSA (2048 bits
 * unless asked) or P-256, the certificate SHA-256-signed, valid for `validDays` from `now`.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { KeyPairMaterial } from './key-pair-material.ts';
import type { KeyPairType, KeyPairUse } from './rp-key-algorithms.ts';

/** How long a generated certificate is valid: two years. */
export const GENERATED_CERTIFICATE_DAYS = 730;

const DAY_MS = 86_400_000;

/** What to generate. */
export interface GenerateOptions {
  type: KeyPairType;
  /** RSA modulus length (2048 unless given). */
  bits?: number;
  use: KeyPairUse;
  /** The certificate's common name. */
  commonName: string;
  now: number;
  validDays?: number;
}

/** Generates a key pair and its self-signed certificate. */
export async function generateKeyPairMaterial(options: GenerateOptions): Promise<KeyPairMaterial> {
  const rsa = options.type === 'RSA';
  const notBefore = new Date(options.now - 60_000);
  // Loaded when a key is generated, not when Arbor starts: the X.509 library is large.
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: options.commonName }], {
    ...(rsa ? { keyType: 'rsa', keySize: options.bits ?? 2048 } : { keyType: 'ec', curve: 'P-256' }),
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: new Date(options.now + (options.validDays ?? GENERATED_CERTIFICATE_DAYS) * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      {
        name: 'keyUsage',
        digitalSignature: options.use !== 'enc' || !rsa,
        keyEncipherment: rsa && options.use !== 'sig',
        keyAgreement: !rsa && options.use === 'enc',
        critical: true,
      },
      ...(options.use === 'tls' ? [{ name: 'extKeyUsage' as const, clientAuth: true }] : []),
    ],
  });
  return { privateKey: createPrivateKey(pems.private), certificates: [new X509Certificate(pems.cert)] };
}
