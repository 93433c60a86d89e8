/**
 * TOTP (RFC 6238): HOTP over the number of whole periods since the Unix epoch (the time step).
 */
import { hotp } from './hotp.ts';
import type { OathHash } from './hotp.ts';
import { oathError } from './oath-errors.ts';

/** The time step of `timeMs` (epoch milliseconds) for a period of `periodSeconds`. */
export function timeStep(timeMs: number, periodSeconds: number): number {
  if (!Number.isInteger(periodSeconds) || periodSeconds < 1) throw oathError('OATH_PARAMETER_INVALID', 'The period is a positive number of seconds');
  return Math.floor(Math.floor(timeMs / 1000) / periodSeconds);
}

/** The TOTP code at `timeMs`. */
export function totp(input: { secret: Uint8Array; timeMs: number; periodSeconds: number; digits: number; hash?: OathHash }): string {
  return hotp({ secret: input.secret, counter: timeStep(input.timeMs, input.periodSeconds), digits: input.digits, hash: input.hash ?? 'SHA1' });
}
