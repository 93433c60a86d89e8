/**
 * The relying party's key source over real realm keys (memory store): what it signs verifies with
 * the published JWK set, what a provider encrypts to the published encryption key it decrypts,
 * also with the retired key after a rotation (until the retired key's time), and its TLS client
 * certificate authenticates a real TLS handshake.
 */
import assert from 'node:assert/strict';
import { randomBytes, X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { connect, createServer, type TLSSocket } from 'node:tls';
import { describe, it } from 'node:test';
import { CompactEncrypt, compactDecrypt, createLocalJWKSet, importJWK, jwtVerify, SignJWT } from 'jose';
import { generate } from 'selfsigned';
import { generateKeyPairMaterial } from '../secrets/generate-key-pair-material.ts';
import { createRealmKeyPairs, DEFAULT_RETIRE_AFTER_MS } from '../secrets/realm-key-pairs.ts';
import type { PublicJwk } from '../secrets/public-jwk.ts';
import type { RpKeySource } from '../social/rp-key-source.ts';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import { rpKeySourceOver } from './rp-key-source-adapter.ts';

function setUp() {
  let now = Date.now();
  const clock = { now: () => now, advance: (ms: number) => void (now += ms) };
  const keyPairs = createRealmKeyPairs({ keys: openMemoryStore().keys, masterKey: randomBytes(32), clock });
  return { clock, keyPairs, source: rpKeySourceOver(keyPairs) };
}

async function sign(source: RpKeySource, realm: string): Promise<string> {
  const { kid, key } = await source.signingKey(realm, 'RS256');
  return new SignJWT({ sub: 'client' }).setProtectedHeader({ alg: 'RS256', kid }).setIssuedAt().setExpirationTime('5m').sign(key);
}

/** Encrypts `text` to `jwk` as a provider would (RSA-OAEP, A128CBC-HS256, the key's kid). */
async function encryptTo(jwk: PublicJwk, text: string): Promise<string> {
  return new CompactEncrypt(new TextEncoder().encode(text)).setProtectedHeader({ alg: 'RSA-OAEP', enc: 'A128CBC-HS256', kid: jwk.kid }).encrypt(await importJWK(jwk, 'RSA-OAEP'));
}

/** Decrypts `jwe` with the first decryption key whose kid it names. */
async function decrypt(source: RpKeySource, realm: string, jwe: string): Promise<string> {
  const keys = await source.decryptionKeys(realm);
  const { plaintext } = await compactDecrypt(jwe, (header) => {
    const found = keys.find((candidate) => candidate.kid === header.kid);
    if (found === undefined) throw new Error(`no decryption key ${header.kid ?? ''}`);
    return found.key;
  });
  return new TextDecoder().decode(plaintext);
}

describe('RP key source', () => {
  it('signs what the published key set verifies; after a rotation new signatures use the new kid and old ones still verify', async () => {
    const { clock, keyPairs, source } = setUp();
    await keyPairs.install('alpha', { use: 'sig', material: await generateKeyPairMaterial({ type: 'RSA', use: 'sig', commonName: 'sig', now: clock.now() }), replace: false });
    const before = await sign(source, 'alpha');
    const published = createLocalJWKSet(await keyPairs.publicJwkSet('alpha'));
    const verified = await jwtVerify(before, published, { algorithms: ['RS256'] });
    assert.equal(verified.payload.sub, 'client');
    const rotated = await keyPairs.rotate('alpha', 'rp.sig', 'RS256');
    assert.ok(rotated.outcome === 'installed');
    const after = await sign(source, 'alpha');
    assert.equal((await jwtVerify(after, createLocalJWKSet(await keyPairs.publicJwkSet('alpha')))).protectedHeader.kid, rotated.key.kid);
    assert.notEqual(rotated.key.kid, verified.protectedHeader.kid);
    assert.equal((await jwtVerify(before, createLocalJWKSet(await keyPairs.publicJwkSet('alpha')))).protectedHeader.kid, verified.protectedHeader.kid, 'the retired key is still published');
    await assert.rejects(source.signingKey('alpha', 'ES256'), { code: 'KEY_MISSING', message: 'realm alpha has no ES256 signing key: create one with arbor keys generate --realm alpha --alg ES256' });
  });

  it('decrypts what is encrypted to the published key, also with the retired key until its time', async () => {
    const { clock, keyPairs, source } = setUp();
    await keyPairs.install('alpha', { use: 'enc', material: await generateKeyPairMaterial({ type: 'RSA', use: 'enc', commonName: 'enc', now: clock.now() }), replace: false });
    const [oldJwk] = (await keyPairs.publicJwkSet('alpha')).keys;
    assert.ok(oldJwk !== undefined);
    const toOld = await encryptTo(oldJwk, 'id token for the old key');
    assert.equal(await decrypt(source, 'alpha', toOld), 'id token for the old key');
    const rotated = await keyPairs.rotate('alpha', 'rp.enc', 'RSA-OAEP');
    assert.ok(rotated.outcome === 'installed');
    assert.deepEqual((await source.decryptionKeys('alpha')).map((key) => [key.kid, key.alg]), [
      [rotated.key.kid, 'RSA-OAEP'],
      [oldJwk.kid, 'RSA-OAEP'],
    ]);
    assert.equal(await decrypt(source, 'alpha', await encryptTo(rotated.key.jwk, 'to the new key')), 'to the new key');
    assert.equal(await decrypt(source, 'alpha', toOld), 'id token for the old key');
    clock.advance(DEFAULT_RETIRE_AFTER_MS);
    assert.deepEqual((await source.decryptionKeys('alpha')).map((key) => key.kid), [rotated.key.kid]);
    await assert.rejects(decrypt(source, 'alpha', toOld), /no decryption key/);
    assert.deepEqual(await source.decryptionKeys('beta'), []);
  });

  it('gives the TLS client certificate of the asked kind, which authenticates a TLS handshake', async () => {
    const { clock, keyPairs, source } = setUp();
    assert.equal(await source.tlsClientCertificate('alpha', 'self-signed'), undefined);
    await keyPairs.install('alpha', { use: 'tls', material: await generateKeyPairMaterial({ type: 'EC', use: 'tls', commonName: 'client', now: clock.now() }), replace: false });
    assert.equal(await source.tlsClientCertificate('alpha', 'ca'), undefined);
    const client = await source.tlsClientCertificate('alpha', 'self-signed');
    assert.ok(client !== undefined);
    const server = await generate([{ name: 'commonName', value: 'localhost' }], { keyType: 'ec', algorithm: 'sha256' });
    const tlsServer = createServer({ key: server.private, cert: server.cert, requestCert: true, rejectUnauthorized: false }, (socket: TLSSocket) => {
      socket.end(socket.getPeerX509Certificate()?.fingerprint256 ?? 'none');
    });
    tlsServer.listen(0, '127.0.0.1');
    await once(tlsServer, 'listening');
    try {
      const socket = connect({ host: '127.0.0.1', port: (tlsServer.address() as AddressInfo).port, ca: server.cert, servername: 'localhost', key: client.privateKeyPem, cert: client.certificatePem, rejectUnauthorized: false });
      let received = '';
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('utf8');
      });
      await once(socket, 'end');
      assert.equal(received, new X509Certificate(client.certificatePem).fingerprint256);
    } finally {
      tlsServer.close();
    }
  });
});
