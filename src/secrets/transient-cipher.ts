/**
 * Sealing JSON values (journey transient state) with AES-256-GCM under a realm key. The text is
 * `<kid>.<base64url(iv ‖ ciphertext ‖ tag)>`, so a value sealed before a key rotation still opens
 * with the older key; the kid is bound to the ciphertext as associated data.
 */
import type { KeyObject } from 'node:crypto';
import { openBytes, sealBytes } from './aes-gcm.ts';
import { secretsError } from './errors.ts';

/** A 32-byte key (or a `KeyObject` made of it once) with its id (a `RealmKey` fits). */
export interface SealingKey {
  kid: string;
  key: Uint8Array | KeyObject;
}

/** Seals `value` (anything `JSON.stringify` accepts) under `key`. */
export function encryptJson(value: unknown, key: SealingKey): string {
  if (key.kid === '' || key.kid.includes('.')) throw secretsError('CIPHERTEXT_INVALID', `Key id "${key.kid}" cannot prefix sealed text`);
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('encryptJson: the value has no JSON form');
  return `${key.kid}.${sealBytes(Buffer.from(json, 'utf8'), key.key, key.kid).toString('base64url')}`;
}

/** Opens text sealed by `encryptJson` with the key its kid names; CIPHERTEXT_INVALID when it cannot. */
export function decryptJson(text: string, keys: readonly SealingKey[]): unknown {
  const dot = text.indexOf('.');
  const kid = text.slice(0, dot);
  const body = text.slice(dot + 1);
  const key = dot > 0 ? keys.find((candidate) => candidate.kid === kid) : undefined;
  if (key === undefined || !/^[A-Za-z0-9_-]+$/.test(body)) throw secretsError('CIPHERTEXT_INVALID', 'Sealed data is malformed or its key is unknown');
  const plaintext = openBytes(Buffer.from(body, 'base64url'), key.key, kid);
  if (plaintext === undefined) throw secretsError('CIPHERTEXT_INVALID', 'Sealed data was tampered with or sealed with another key');
  return JSON.parse(plaintext.toString('utf8'));
}
