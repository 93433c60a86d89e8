/**
 * HOTP (RFC 4226): the one-time password of a shared secret and a counter, by HMAC (SHA-1 as the
 * RFC, or SHA-256/SHA-512 as RFC 6238 allows) and dynamic truncation, or truncation at a fixed
 * offset when one is given (RFC 4226 §5.3's optional `truncationOffset`), with the optional
 * checksum digit of the RFC's reference code (AM's "HOTP Checksum Digit").
 */
import { createHmac } from 'node:crypto';
import { oathError } from './oath-errors.ts';

/** The HMAC hash, named as AM's `totpHashAlgorithm` and the `otpauth` `algorithm` parameter. */
export type OathHash = 'SHA1' | 'SHA256' | 'SHA512';

/** What one code is computed from. */
export interface HotpInput {
  secret: Uint8Array;
  /** The moving factor: a counter, or a TOTP time step. */
  counter: number;
  /** Digits of the code (6 or 8 in AM), the checksum digit not counted. */
  digits: number;
  hash?: OathHash;
  /** A fixed truncation offset; dynamic truncation when absent or out of range (AM's -1). */
  truncationOffset?: number;
  /** Appends the RFC 4226 reference checksum digit. */
  checksum?: boolean;
}

const NODE_HASH: Record<OathHash, string> = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' };
const DOUBLE_DIGITS = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];

/** The checksum digit of RFC 4226's reference implementation (Luhn over `digits` digits). */
function checksumDigit(value: number, digits: number): number {
  let doubleDigit = true;
  let total = 0;
  let rest = value;
  for (let left = digits; left > 0; left -= 1) {
    let digit = rest % 10;
    rest = Math.floor(rest / 10);
    if (doubleDigit) digit = DOUBLE_DIGITS[digit] ?? 0;
    total += digit;
    doubleDigit = !doubleDigit;
  }
  const result = total % 10;
  return result > 0 ? 10 - result : 0;
}

/** The HOTP code of `input`, as a string of digits with its leading zeros. */
export function hotp(input: HotpInput): string {
  if (!Number.isSafeInteger(input.counter) || input.counter < 0) throw oathError('OATH_PARAMETER_INVALID', 'The counter is a non-negative integer');
  if (!Number.isInteger(input.digits) || input.digits < 1 || input.digits > 9) throw oathError('OATH_PARAMETER_INVALID', 'A code has 1 to 9 digits');
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(input.counter));
  const mac = createHmac(NODE_HASH[input.hash ?? 'SHA1'], input.secret).update(message).digest();
  const fixed = input.truncationOffset;
  const offset = fixed !== undefined && fixed >= 0 && fixed < mac.length - 4 ? fixed : (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  const value = binary % 10 ** input.digits;
  const code = String(value).padStart(input.digits, '0');
  return input.checksum === true ? `${code}${checksumDigit(value, input.digits)}` : code;
}
