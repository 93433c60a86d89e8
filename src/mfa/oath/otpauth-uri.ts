/**
 * The `otpauth://` URI an authenticator app scans, written as AM's OATH Registration node writes it:
 *
 *   otpauth://totp/<issuer>:<account>?secret=<base32>&period=<s>&digits=<n>&b=<bg>&image=<url>[&algorithm=SHA256|SHA512]
 *   otpauth://hotp/<issuer>:<account>?secret=<base32>&counter=<n>&digits=<n>&b=<bg>&image=<url>
 *
 * in AM's parameter order: `period` (TOTP) or `counter` (HOTP), `digits`, `b` (the background
 * colour in the ForgeRock Authenticator, without `#`), `image` (the issuer's logo, present even when
 * empty), and `algorithm` only for a TOTP hash other than SHA-1. Like AM, no `issuer` parameter: the
 * issuer is the label's prefix. Two differences, both for apps other than ForgeRock's: the base32
 * secret has no `=` padding (AM pads it; Google's key URI format omits it), and characters that would
 * break the URI (`&`, `#`, `%`, space…) are percent-encoded in the label and values, where AM copies
 * query values as they are.
 */
import { encodeBase32 } from './base32.ts';
import type { OathHash } from './hotp.ts';

/** What the URI says. */
export interface OtpauthUriInput {
  type: 'totp' | 'hotp';
  issuer: string;
  account: string;
  secret: Uint8Array;
  digits: number;
  /** TOTP period, seconds. */
  periodSeconds?: number;
  /** HOTP starting counter. */
  counter?: number;
  /** TOTP hash. */
  hash?: OathHash;
  /** Background colour, hex with or without `#`. */
  backgroundColor?: string;
  /** Logo URL. */
  image?: string;
}

/** Characters kept as they are: RFC 3986 unreserved and the sub-delimiters a label or URL needs. */
function escaped(text: string, keep: RegExp): string {
  let out = '';
  for (const character of text) {
    if (keep.test(character)) out += character;
    else for (const byte of Buffer.from(character, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const LABEL_SAFE = /^[A-Za-z0-9\-._~!$'()*+,;=@]$/;
const VALUE_SAFE = /^[A-Za-z0-9\-._~!$'()*+,;:@/?]$/;

/** The registration URI for `input`. */
export function otpauthUri(input: OtpauthUriInput): string {
  const params: [string, string][] = [['secret', encodeBase32(input.secret)]];
  if (input.type === 'hotp') params.push(['counter', String(input.counter ?? 0)]);
  else params.push(['period', String(input.periodSeconds ?? 30)]);
  params.push(['digits', String(input.digits)]);
  const color = input.backgroundColor ?? '';
  params.push(['b', color.startsWith('#') ? color.slice(1) : color]);
  params.push(['image', input.image ?? '']);
  if (input.type === 'totp' && input.hash !== undefined && input.hash !== 'SHA1') params.push(['algorithm', input.hash]);
  const query = params.map(([name, value]) => `${name}=${escaped(value, VALUE_SAFE)}`).join('&');
  return `otpauth://${input.type}/${escaped(input.issuer, LABEL_SAFE)}:${escaped(input.account, LABEL_SAFE)}?${query}`;
}
