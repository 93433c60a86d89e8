import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newSharedSecret, secretFromHex, secretToHex } from './oath-secret.ts';

describe('oath secrets', () => {
  it("makes at least minSharedSecretLength hex characters (AM's 32 → 16 bytes), never under 8 bytes, and never the same twice", () => {
    assert.equal(newSharedSecret(32).length, 16);
    assert.equal(newSharedSecret(33).length, 17);
    assert.equal(newSharedSecret(0).length, 8);
    assert.notDeepEqual(newSharedSecret(32), newSharedSecret(32));
  });

  it('keeps secrets as upper-case hex and refuses stored values that are not', () => {
    const secret = newSharedSecret(40);
    const hex = secretToHex(secret);
    assert.match(hex, /^[0-9A-F]{40}$/);
    assert.deepEqual(secretFromHex(hex), secret);
    for (const bad of [undefined, 12, '', 'ABC', 'XYZ0', 'A'.repeat(1000)]) assert.throws(() => secretFromHex(bad), { code: 'OATH_SECRET_INVALID' });
  });
});
