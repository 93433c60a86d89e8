/**
 * Recipients: `to` exactly one address (`singleRecipient`); `cc`/`bcc` lists as IDM accepts them
 * (`"a@x, b@y"` or an array) checked into plain addresses: nothing that could smuggle a header or
 * a second recipient into one address.
 */
import { emailAddressProblem } from '../../policy/email-address-syntax.ts';
import { emailError } from './errors.ts';

/** A plain `local@domain` address, without spaces, brackets, quotes or separators. */
const ADDRESS = /^[^\s@<>()[\],;:"\\]{1,64}@[^\s@<>()[\],;:"\\]{1,255}$/;

/** More recipients than this in one field is a mistake, not a mail. */
const MAX_RECIPIENTS = 100;

/** True for a plain email address. */
export function isEmailAddress(value: string): boolean {
  return ADDRESS.test(value) && !/[\u0000-\u001f\u007f]/.test(value);
}

/** The addresses of `field` (a comma- or semicolon-separated string, or an array); `[]` when absent. */
export function addressList(field: string, value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  const parts = typeof value === 'string' ? value.split(/[,;]/) : Array.isArray(value) ? value : undefined;
  if (parts === undefined || parts.some((part) => typeof part !== 'string')) {
    throw emailError('INVALID_MESSAGE', `${field} must be an address, a comma-separated list of addresses or an array of them`, field);
  }
  const addresses = (parts as string[]).map((part) => part.trim()).filter((part) => part !== '');
  for (const address of addresses) {
    if (!isEmailAddress(address)) throw emailError('INVALID_MESSAGE', `${field} holds an invalid address "${address.slice(0, 100)}"`, field);
  }
  if (addresses.length > MAX_RECIPIENTS) throw emailError('INVALID_MESSAGE', `${field} holds more than ${MAX_RECIPIENTS} addresses`, field);
  return addresses;
}

/**
 * The one address of `to`: a message goes to exactly one recipient, its own person (a reset link, a
 * user name), so a list (`"a@x.com, b@evil.example"`, or an array of two) is refused, never split;
 * further recipients of an administrator's message go in `cc` or `bcc`. The address must pass
 * `valid-email-address-format`'s strict check.
 */
export function singleRecipient(to: unknown): string {
  const value = Array.isArray(to) && to.length === 1 ? to[0] : to;
  if (value === undefined || value === null || value === '') throw emailError('INVALID_MESSAGE', 'to is required: one recipient', 'to');
  if (typeof value !== 'string') throw emailError('INVALID_MESSAGE', 'to must be exactly one email address (put further recipients in cc or bcc)', 'to');
  const address = value.trim();
  const problem = emailAddressProblem(address);
  if (problem !== undefined) throw emailError('INVALID_MESSAGE', `to must be exactly one email address (put further recipients in cc or bcc): ${problem}`, 'to');
  return address;
}

/** `noreply@<host of publicUrl>`: the sender when neither a template nor `external.email` names one. */
export function noreplyAddress(publicUrl: string): string {
  const host = new URL(publicUrl).hostname.replace(/^\[|\]$/g, '');
  return `noreply@${host === '' ? 'localhost' : host}`;
}
