/**
 * AES-256-GCM sealing of bytes: random 96-bit IV, 128-bit tag, optional associated data. The key
 * is 32 bytes, or a `KeyObject` made of them once (`createSecretKey`) by callers that seal often
 * with the same key: raw bytes are made into one on every call.
 */
import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** `iv ‖ ciphertext ‖ tag` of `plaintext` under a 32-byte key, bound to `aad`. */
export function sealBytes(plaintext: Uint8Array, key: Uint8Array | KeyObject, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

/** The plaintext of `sealed`, or undefined when it is malformed, tampered with, or under another key or `aad`. */
export function openBytes(sealed: Uint8Array, key: Uint8Array | KeyObject, aad: string): Buffer | undefined {
  if (sealed.length < IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return undefined;
  }
}
