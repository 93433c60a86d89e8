/**
 * A sealed secret as it appears inside a JSON document, in the shape IDM gives encrypted values
 * (`{"$crypto": {"type": …, "value": {…}}}`), so that tools that recognise IDM's encrypted
 * properties recognise Arbor's: `{"$crypto": {"type": "x-arbor-sealed", "value": {"cipher":
 * "AES-256-GCM", "stableId": <key id>, "data": <sealed text>}}}`. Only Arbor opens it (with the
 * master key whose id is `stableId`).
 */

/** The `$crypto` type of Arbor's sealed values. */
export const SEALED_ENVELOPE_TYPE = 'x-arbor-sealed';

/** A sealed value inside a document. */
export interface SealedEnvelope {
  $crypto: { type: typeof SEALED_ENVELOPE_TYPE; value: { cipher: 'AES-256-GCM'; stableId: string; data: string } };
}

/** Wraps sealed text (from `SecretSealer.seal`) made with the key `keyId`. */
export function sealedEnvelope(sealed: string, keyId: string): SealedEnvelope {
  return { $crypto: { type: SEALED_ENVELOPE_TYPE, value: { cipher: 'AES-256-GCM', stableId: keyId, data: sealed } } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for any `{"$crypto": …}` value, Arbor's or another system's (IDM's `x-simple-encryption`). */
export function isCryptoValue(value: unknown): value is { $crypto: unknown } {
  return isRecord(value) && '$crypto' in value;
}

/** `value` as Arbor's envelope, or undefined when it is not one (another system's `$crypto` included). */
export function asSealedEnvelope(value: unknown): SealedEnvelope | undefined {
  if (!isRecord(value) || Object.keys(value).length !== 1 || !isRecord(value.$crypto)) return undefined;
  const { type, value: inner } = value.$crypto;
  if (type !== SEALED_ENVELOPE_TYPE || !isRecord(inner)) return undefined;
  const { cipher, stableId, data } = inner;
  if (cipher !== 'AES-256-GCM' || typeof stableId !== 'string' || typeof data !== 'string') return undefined;
  return sealedEnvelope(data, stableId);
}
