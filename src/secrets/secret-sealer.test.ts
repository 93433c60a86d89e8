/** Sealing secrets with the master key: round trip, purpose binding, another key, tampering. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { isSecretsError } from './errors.ts';
import { createSecretSealer, isSealedText } from './secret-sealer.ts';

describe('secret sealer', () => {
  const masterKey = randomBytes(32);
  const sealer = createSecretSealer(masterKey);

  it('seals text it alone opens, for its purpose; the sealed text shows neither the text nor the key', () => {
    const sealed = sealer.seal('Sm7p-Secret ✉', 'external.email auth.password');
    assert.ok(isSealedText(sealed), sealed);
    assert.ok(sealed.startsWith(`v1.${sealer.keyId}.`));
    assert.ok(!sealed.includes('Sm7p') && !sealed.includes(masterKey.toString('base64url')));
    assert.equal(sealer.open(sealed, 'external.email auth.password'), 'Sm7p-Secret ✉');
    assert.notEqual(sealer.seal('Sm7p-Secret ✉', 'external.email auth.password'), sealed, 'a fresh IV each time');
    assert.equal(createSecretSealer(Buffer.from(masterKey)).keyId, sealer.keyId, 'the key id depends on the key only');
  });

  it('refuses another purpose, another master key (naming both key ids), and any alteration', () => {
    const sealed = sealer.seal('link', 'email outbox body');
    assert.throws(() => sealer.open(sealed, 'external.email auth.password'), (error) => isSecretsError(error, 'CIPHERTEXT_INVALID'));
    const other = createSecretSealer(randomBytes(32));
    assert.throws(
      () => other.open(sealed, 'email outbox body'),
      (error) => isSecretsError(error, 'MASTER_KEY_MISMATCH') && error.message.includes(sealer.keyId) && error.message.includes(other.keyId),
    );
    const body = sealed.slice(sealed.lastIndexOf('.') + 1);
    const flipped = `${sealed.slice(0, sealed.lastIndexOf('.') + 1)}${body[0] === 'A' ? 'B' : 'A'}${body.slice(1)}`;
    assert.throws(() => sealer.open(flipped, 'email outbox body'), (error) => isSecretsError(error, 'CIPHERTEXT_INVALID'));
    assert.throws(() => sealer.open('not sealed', 'email outbox body'), (error) => isSecretsError(error, 'CIPHERTEXT_INVALID'));
  });
});
