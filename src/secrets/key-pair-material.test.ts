/**
 * PEM keys and certificates as `arbor keys import` reads them: PKCS#8, PKCS#1 and SEC1 keys with
 * their certificate chains are taken; weak RSA keys, other curves and key types, encrypted keys,
 * certificates of another key, expired ones and chains out of order are refused in one line.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, it } from 'node:test';
import { generate } from 'selfsigned';
import { readPemKeyPair } from './key-pair-material.ts';

const now = Date.now();

function pem(key: KeyObject, type: 'pkcs8' | 'pkcs1' | 'sec1'): string {
  return String(key.export({ format: 'pem', type }));
}

/** A CA, and a leaf it issued, each with its key (PEM). */
async function issuedChain(notAfter = new Date(now + 86_400_000)) {
  const ca = await generate([{ name: 'commonName', value: 'Test CA' }], {
    keyType: 'rsa',
    algorithm: 'sha256',
    extensions: [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, digitalSignature: true, critical: true }],
  });
  const leaf = await generate([{ name: 'commonName', value: 'rp.example.com' }], { keyType: 'rsa', keySize: 2048, algorithm: 'sha256', notAfterDate: notAfter, ca: { key: ca.private, cert: ca.cert } });
  return { ca, leaf };
}

function refusal(code: string, message: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof Error);
    assert.equal((error as Error & { code?: string }).code, code);
    assert.match(error.message, message);
    assert.ok(!error.message.includes('\n'), 'one line');
    return true;
  };
}

describe('reading PEM key pairs', () => {
  it('takes RSA keys in PKCS#8 and PKCS#1 and P-256 keys in PKCS#8 and SEC1', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    assert.equal(readPemKeyPair(pem(rsa, 'pkcs8'), undefined, now).type, 'RSA');
    assert.equal(readPemKeyPair(pem(rsa, 'pkcs1'), undefined, now).type, 'RSA');
    assert.equal(readPemKeyPair(pem(ec, 'pkcs8'), undefined, now).type, 'EC');
    assert.equal(readPemKeyPair(pem(ec, 'sec1'), undefined, now).type, 'EC');
  });

  it('takes a CA-issued certificate chain, leaf first, and a self-signed certificate', async () => {
    const { ca, leaf } = await issuedChain();
    const chain = readPemKeyPair(leaf.private, `${leaf.cert}\n${ca.cert}`, now);
    assert.equal(chain.material.certificates.length, 2);
    const self = await generate([{ name: 'commonName', value: 'self' }], { keyType: 'ec', algorithm: 'sha256' });
    assert.equal(readPemKeyPair(self.private, self.cert, now).material.certificates.length, 1);
  });

  it('refuses weak RSA keys, other curves and key types, encrypted keys and what is not a key', () => {
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    assert.throws(() => readPemKeyPair(pem(weak, 'pkcs8'), undefined, now), refusal('KEY_UNSUPPORTED', /^the RSA key has 1024 bits: Arbor needs 2048 or more$/));
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;
    assert.throws(() => readPemKeyPair(pem(p384, 'pkcs8'), undefined, now), refusal('KEY_UNSUPPORTED', /curve secp384r1: Arbor takes P-256/));
    const ed = generateKeyPairSync('ed25519').privateKey;
    assert.throws(() => readPemKeyPair(pem(ed, 'pkcs8'), undefined, now), refusal('KEY_UNSUPPORTED', /^ed25519 keys are not supported/));
    const encrypted = String(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'secret' }));
    assert.throws(() => readPemKeyPair(encrypted, undefined, now), refusal('KEY_UNREADABLE', /^the private key is encrypted/));
    assert.throws(() => readPemKeyPair('hello', undefined, now), refusal('KEY_UNREADABLE', /^no PEM private key found/));
    assert.throws(() => readPemKeyPair('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', undefined, now), refusal('KEY_UNREADABLE', /cannot be read/));
  });

  it('refuses a certificate of another key, an expired one, a chain out of order and a file without certificates', async () => {
    const { ca, leaf } = await issuedChain();
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    assert.throws(() => readPemKeyPair(pem(other, 'pkcs8'), leaf.cert, now), refusal('CERTIFICATE_INVALID', /^the certificate \(CN=rp\.example\.com\) is not for this key$/));
    assert.throws(() => readPemKeyPair(leaf.private, `${ca.cert}${leaf.cert}`, now), refusal('CERTIFICATE_INVALID', /is not for this key/));
    const { ca: otherCa } = await issuedChain();
    assert.throws(() => readPemKeyPair(leaf.private, `${leaf.cert}${otherCa.cert}`, now), refusal('CERTIFICATE_INVALID', /^certificate 2 of the chain did not issue certificate 1/));
    const expired = await issuedChain(new Date(now - 86_400_000));
    assert.throws(() => readPemKeyPair(expired.leaf.private, expired.leaf.cert, now), refusal('CERTIFICATE_INVALID', /expired on /));
    assert.throws(() => readPemKeyPair(leaf.private, leaf.private, now), refusal('CERTIFICATE_INVALID', /^no PEM certificate found/));
  });
});
