/**
 * Base32 (RFC 4648 §6, the alphabet A–Z, 2–7): authenticator apps read an OATH secret in this
 * form from the `secret` parameter of an `otpauth://` URI. Encoding pads with `=` only when asked
 * (the URI carries no padding); decoding accepts either case, with or without padding, and refuses
 * anything else.
 */
import { oathError } from './oath-errors.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Longest text `decodeBase32` reads (a 1 KiB secret is far beyond any authenticator's). */
export const MAX_BASE32_LENGTH = 2048;

/** The base32 text of `bytes`; `padding` adds `=` up to a multiple of 8 characters. */
export function encodeBase32(bytes: Uint8Array, options: { padding?: boolean } = {}): string {
  let text = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      text += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) text += ALPHABET[(buffer << (5 - bits)) & 31];
  if (options.padding === true) while (text.length % 8 !== 0) text += '=';
  return text;
}

/** The bytes of base32 `text`; OATH_BASE32_INVALID for any other character or an impossible length. */
export function decodeBase32(text: string): Buffer {
  if (text.length > MAX_BASE32_LENGTH) throw oathError('OATH_BASE32_INVALID', 'The base32 text is too long');
  const body = text.replace(/=+$/, '').toUpperCase();
  // Lengths 1, 3 and 6 (mod 8) cannot come from whole bytes.
  if ([1, 3, 6].includes(body.length % 8)) throw oathError('OATH_BASE32_INVALID', 'The base32 text has an impossible length');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const character of body) {
    const value = ALPHABET.indexOf(character);
    if (value < 0) throw oathError('OATH_BASE32_INVALID', 'The base32 text has a character outside A-Z and 2-7');
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}
