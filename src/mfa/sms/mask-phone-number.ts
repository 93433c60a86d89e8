/**
 * A phone number as log lines may show it: its last two digits only (`******56`), so that a log
 * reader can tell two deliveries apart without learning whose phone they went to.
 */

/** `+32470123456` → `*******56`. */
export function maskPhoneNumber(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
}
