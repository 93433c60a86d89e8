/** Strict decoders for the base64 flavours password hash formats use. */

const STANDARD = /^[A-Za-z0-9+/]*={0,2}$/;
const UNPADDED = /^[A-Za-z0-9+/]*$/;
const ADAPTED = /^[A-Za-z0-9./]*$/;

function lengthIsPossible(text: string): boolean {
  return text.replace(/=+$/, '').length % 4 !== 1;
}

/** Standard base64, padding optional (`+/`); undefined when `text` is not base64. */
export function decodeBase64(text: string): Buffer | undefined {
  if (!STANDARD.test(text) || !lengthIsPossible(text)) return undefined;
  if (text.endsWith('=') && text.length % 4 !== 0) return undefined;
  return Buffer.from(text, 'base64');
}

/** PHC's base64: standard alphabet, no padding. */
export function decodePhcBase64(text: string): Buffer | undefined {
  return UNPADDED.test(text) && lengthIsPossible(text) ? Buffer.from(text, 'base64') : undefined;
}

/** passlib's "adapted base64" (ab64): `.` instead of `+`, no padding. */
export function decodeAdaptedBase64(text: string): Buffer | undefined {
  return ADAPTED.test(text) && lengthIsPossible(text) ? Buffer.from(text.replaceAll('.', '+'), 'base64') : undefined;
}

/** A positive decimal integer without leading zeros, up to `max`; undefined otherwise. */
export function parseCount(text: string, max: number): number | undefined {
  if (!/^[1-9][0-9]{0,9}$/.test(text)) return undefined;
  const value = Number(text);
  return value <= max ? value : undefined;
}
