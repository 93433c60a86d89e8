/**
 * An RpKeySource over keys generated for a test: an RSA signing key (`RS256`) and an RSA
 * encryption key (`RSA-OAEP`), itsme-style (`kid` `s1`/`e1`), plus optional TLS client
 * certificates. `publicJwks` is what a test registers at a provider as the client's key set.
 */
import { createPublicKey, generateKeyPairSync, type KeyObject, X509Certificate } from 'node:crypto';
import { exportJWK, type JWK } from 'jose';
import type { RpKeySource, RpPrivateKey } from '../rp-key-source.ts';
import type { TestCertificate } from './test-certificates.ts';

/** Generated realm keys. */
export interface GeneratedRpKeys extends RpKeySource {
  signing: RpPrivateKey;
  encryption: RpPrivateKey;
  /** The public signing and encryption keys (`kid`, `use`, `alg`). */
  publicJwks: { keys: JWK[] };
  /** The public JWK of the self-signed client certificate with its `x5c`, when there is one. */
  selfSignedCertificateJwk?: JWK;
}

/** TLS client certificates the key source hands out. */
export interface GeneratedTlsCertificates {
  ca?: TestCertificate;
  selfSigned?: TestCertificate;
}

/** Generates a signing and an encryption key for any realm. */
export async function generateRpKeys(tls: GeneratedTlsCertificates = {}): Promise<GeneratedRpKeys> {
  const signing: RpPrivateKey = { kid: 's1', alg: 'RS256', key: rsaKey() };
  const encryption: RpPrivateKey = { kid: 'e1', alg: 'RSA-OAEP', key: rsaKey() };
  const publicJwks = {
    keys: [
      { ...(await exportJWK(createPublicKey(signing.key))), kid: 's1', use: 'sig', alg: 'RS256' },
      { ...(await exportJWK(createPublicKey(encryption.key))), kid: 'e1', use: 'enc', alg: 'RSA-OAEP' },
    ],
  };
  const keys: GeneratedRpKeys = {
    signing,
    encryption,
    publicJwks,
    async signingKey(_realm, alg) {
      if (alg !== 'RS256') throw new Error(`no ${alg} signing key`);
      return signing;
    },
    async decryptionKeys() {
      return [encryption];
    },
    async tlsClientCertificate(_realm, kind) {
      const certificate = kind === 'ca' ? tls.ca : tls.selfSigned;
      return certificate === undefined ? undefined : { certificatePem: certificate.certificatePem, privateKeyPem: certificate.privateKeyPem };
    },
  };
  if (tls.selfSigned !== undefined) {
    const certificate = new X509Certificate(tls.selfSigned.certificatePem);
    keys.selfSignedCertificateJwk = { ...(await exportJWK(certificate.publicKey)), kid: 'mtls', x5c: [certificate.raw.toString('base64')] };
  }
  return keys;
}

function rsaKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}
