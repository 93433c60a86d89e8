/**
 * Sealing secrets at rest with the master key (the SMTP password in `external.email`, the bodies
 * of emails waiting in the outbox): AES-256-GCM under a key derived from the master key with HKDF
 * (never the master key itself), each value bound to its purpose as associated data, so that a
 * value sealed for one use cannot be passed off for another. The sealed text is
 * `v1.<key id>.<base64url(iv ‖ ciphertext ‖ tag)>`; the key id (derived, not secret) tells a value
 * sealed under another master key (`MASTER_KEY_MISMATCH`) from a damaged one (`CIPHERTEXT_INVALID`).
 */
import { createHash, hkdfSync } from 'node:crypto';
import { openBytes, sealBytes } from './aes-gcm.ts';
import { secretsError } from './errors.ts';

/** Seals and opens text with the master key. */
export interface SecretSealer {
  /** Identifies the master key (derived one-way from it; safe to show). */
  readonly keyId: string;
  /** `plaintext` sealed for `purpose`. */
  seal(plaintext: string, purpose: string): string;
  /** The plaintext of `sealed`; MASTER_KEY_MISMATCH or CIPHERTEXT_INVALID when it cannot be opened. */
  open(sealed: string, purpose: string): string;
}

const VERSION = 'v1';

/** True when `text` has the shape of a sealed value (it may still fail to open). */
export function isSealedText(text: string): boolean {
  return /^v1\.[A-Za-z0-9_-]{11}\.[A-Za-z0-9_-]+$/.test(text);
}

/** The sealer of `masterKey` (32 bytes). */
export function createSecretSealer(masterKey: Uint8Array): SecretSealer {
  const key = Buffer.from(hkdfSync('sha256', masterKey, 'arbor', 'arbor sealed secrets v1', 32));
  const keyId = createHash('sha256').update('arbor sealed secrets key id\0').update(key).digest().subarray(0, 8).toString('base64url');
  return {
    keyId,
    seal(plaintext, purpose) {
      return `${VERSION}.${keyId}.${sealBytes(Buffer.from(plaintext, 'utf8'), key, purpose).toString('base64url')}`;
    },
    open(sealed, purpose) {
      if (!isSealedText(sealed)) throw secretsError('CIPHERTEXT_INVALID', `Sealed ${purpose} is malformed`);
      const [, sealedWith = '', body = ''] = sealed.split('.');
      if (sealedWith !== keyId) {
        throw secretsError('MASTER_KEY_MISMATCH', `The ${purpose} was sealed with another master key (key id ${sealedWith}; this master key's id is ${keyId})`);
      }
      const plaintext = openBytes(Buffer.from(body, 'base64url'), key, purpose);
      if (plaintext === undefined) throw secretsError('CIPHERTEXT_INVALID', `Sealed ${purpose} was tampered with`);
      return plaintext.toString('utf8');
    },
  };
}
