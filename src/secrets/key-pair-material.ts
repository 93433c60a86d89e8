/**
 * A private key with its certificate chain, as Arbor accepts it: an RSA key of 2048 bits or more
 * (8192 at most) or a P-256 EC key; a chain whose first certificate is the key's, each one issued
 * by the next, the first not expired. Read from PEM (`readPemKeyPair`: PKCS#8, PKCS#1 or SEC1 keys,
 * unencrypted) or made by `generateKeyPairMaterial`. Every refusal is a one-line `KeyPairError`.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { keyPairError } from './key-pair-errors.ts';
import type { KeyPairType } from './rp-key-algorithms.ts';

/** A private key and its certificate chain (leaf first; empty without a certificate). */
export interface KeyPairMaterial {
  privateKey: KeyObject;
  certificates: X509Certificate[];
}

/** The largest PEM file read (a key and a chain of a few certificates are far smaller). */
export const MAX_PEM_BYTES = 64 * 1024;
const MAX_CHAIN = 10;
const MIN_RSA_BITS = 2048;
const MAX_RSA_BITS = 8192;

/** The type of `privateKey` when Arbor uses such keys; `KEY_UNSUPPORTED` otherwise. */
export function keyTypeOf(privateKey: KeyObject): KeyPairType {
  const details = privateKey.asymmetricKeyDetails;
  if (privateKey.type !== 'private') throw keyPairError('KEY_UNSUPPORTED', 'not a private key');
  if (privateKey.asymmetricKeyType === 'rsa') {
    const bits = details?.modulusLength ?? 0;
    if (bits < MIN_RSA_BITS) throw keyPairError('KEY_UNSUPPORTED', `the RSA key has ${bits} bits: Arbor needs ${MIN_RSA_BITS} or more`);
    if (bits > MAX_RSA_BITS) throw keyPairError('KEY_UNSUPPORTED', `the RSA key has ${bits} bits: Arbor takes ${MAX_RSA_BITS} at most`);
    return 'RSA';
  }
  if (privateKey.asymmetricKeyType === 'ec') {
    if (details?.namedCurve !== 'prime256v1') throw keyPairError('KEY_UNSUPPORTED', `the EC key is on curve ${details?.namedCurve ?? 'unknown'}: Arbor takes P-256 (prime256v1) only`);
    return 'EC';
  }
  throw keyPairError('KEY_UNSUPPORTED', `${privateKey.asymmetricKeyType ?? 'this'} keys are not supported: use an RSA (2048 bits or more) or a P-256 EC key`);
}

/**
 * True when `certificate` issued itself: its issuer is its subject and its own key signed it (not
 * `checkIssued`, which also asks the issuer for the CA key usage a leaf does not have).
 */
export function isSelfSigned(certificate: X509Certificate): boolean {
  return certificate.issuer === certificate.subject && certificate.verify(certificate.publicKey);
}

/** Checks `material`: a supported key, and a chain that belongs to it, in order, not expired at `now`. */
export function checkKeyPairMaterial(material: KeyPairMaterial, now: number): KeyPairType {
  const type = keyTypeOf(material.privateKey);
  const [leaf] = material.certificates;
  if (leaf === undefined) return type;
  if (material.certificates.length > MAX_CHAIN) throw keyPairError('CERTIFICATE_INVALID', `the certificate chain has ${material.certificates.length} certificates: ${MAX_CHAIN} at most`);
  if (!leaf.checkPrivateKey(material.privateKey)) throw keyPairError('CERTIFICATE_INVALID', `the certificate (${leaf.subject.replaceAll('\n', ', ')}) is not for this key`);
  if (Date.parse(leaf.validTo) <= now) throw keyPairError('CERTIFICATE_INVALID', `the certificate (${leaf.subject.replaceAll('\n', ', ')}) expired on ${new Date(Date.parse(leaf.validTo)).toISOString()}`);
  material.certificates.forEach((certificate, index) => {
    const issuer = material.certificates[index + 1];
    if (issuer !== undefined && !(certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey))) {
      throw keyPairError('CERTIFICATE_INVALID', `certificate ${index + 2} of the chain did not issue certificate ${index + 1}: give the chain leaf first, each certificate followed by its issuer`);
    }
  });
  return type;
}

/** The private key of a PEM text; `KEY_UNREADABLE` for anything else. */
function readPemPrivateKey(text: string): KeyObject {
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(text)) {
    throw keyPairError('KEY_UNREADABLE', 'the private key is encrypted: give it unencrypted (e.g. openssl pkey -in key.pem -out plain.pem), it is sealed with the master key when stored');
  }
  if (!/-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(text)) throw keyPairError('KEY_UNREADABLE', 'no PEM private key found (BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)');
  try {
    return createPrivateKey({ key: text, format: 'pem' });
  } catch {
    throw keyPairError('KEY_UNREADABLE', 'the PEM private key cannot be read (PKCS#8, PKCS#1 or SEC1, unencrypted)');
  }
}

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** The certificates of a PEM text, in order; `CERTIFICATE_INVALID` when there is none or one cannot be read. */
function readPemCertificates(text: string): X509Certificate[] {
  const blocks = text.match(CERTIFICATE_BLOCK) ?? [];
  if (blocks.length === 0) throw keyPairError('CERTIFICATE_INVALID', 'no PEM certificate found (BEGIN CERTIFICATE)');
  if (blocks.length > MAX_CHAIN) throw keyPairError('CERTIFICATE_INVALID', `the certificate chain has ${blocks.length} certificates: ${MAX_CHAIN} at most`);
  return blocks.map((block, index) => {
    try {
      return new X509Certificate(block);
    } catch {
      throw keyPairError('CERTIFICATE_INVALID', `certificate ${index + 1} cannot be read`);
    }
  });
}

/** The checked key pair of a PEM key and an optional PEM certificate chain (leaf first). */
export function readPemKeyPair(keyPem: string, certificatesPem: string | undefined, now: number): { material: KeyPairMaterial; type: KeyPairType } {
  const material = { privateKey: readPemPrivateKey(keyPem), certificates: certificatesPem === undefined ? [] : readPemCertificates(certificatesPem) };
  return { material, type: checkKeyPairMaterial(material, now) };
}
