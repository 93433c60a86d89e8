/**
 * One email address, strictly: an RFC 5321/5322 `addr-spec` as a person's mailbox is written,
 * `local@domain`, and nothing else. No display name (`Bob <bob@example.com>`), no list
 * (`a@example.com, b@example.com`), no comment, quoted local part or address literal, no space or
 * control character (a CR/LF would start a new mail header); a dot-atom local part of at most 64
 * bytes (internationalized letters allowed, RFC 6531); a domain of at least two labels (an
 * internationalized one is checked as its A-labels), each 1-63 characters of letters, digits and
 * inner hyphens, a top-level label starting with a letter, at most 253 characters; 254 bytes in
 * all. IDM's `valid-email-address-format` policy and the email service's recipients both use it.
 */
import { domainToASCII } from 'node:url';

/** The longest address (RFC 5321's path limit less the brackets). */
export const MAX_EMAIL_ADDRESS_LENGTH = 254;

/** A dot-atom: atext runs (letters of any script allowed) joined by single dots. */
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\p{L}\p{M}\p{N}]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\p{L}\p{M}\p{N}]+)*$/u;

/** Host labels in A-label form, at least two, the last starting with a letter. */
const ASCII_DOMAIN = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** What the domain may be written with before its conversion to A-labels. */
const DOMAIN_CHARACTERS = /^[A-Za-z0-9.\-\p{L}\p{M}\p{N}]+$/u;

/** Why `value` is not exactly one email address, or undefined when it is. */
export function emailAddressProblem(value: string): string | undefined {
  if (Buffer.byteLength(value, 'utf8') > MAX_EMAIL_ADDRESS_LENGTH) return `longer than ${MAX_EMAIL_ADDRESS_LENGTH} bytes`;
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return 'not local@domain';
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (Buffer.byteLength(local, 'utf8') > 64 || !LOCAL_PART.test(local)) return 'the part before @ is not a plain mailbox name';
  if (!DOMAIN_CHARACTERS.test(domain)) return 'the domain holds characters no host name has';
  const ascii = domainToASCII(domain);
  if (ascii === '' || ascii.length > 253 || !ASCII_DOMAIN.test(ascii)) return 'the domain is not a host name with at least two labels';
  return undefined;
}

/** True when `value` is exactly one email address. */
export function isEmailAddress(value: string): boolean {
  return emailAddressProblem(value) === undefined;
}
