/**
 * Checks a code an authenticator app shows against a registered secret, as AM's OATH Token
 * Verifier does, and refuses a replay: a TOTP code is looked for in the time steps around now
 * (`window` steps either side, shifted by the device's known clock drift) and accepted only for a
 * step after the last one used, within `maxDriftSteps` of the server's clock; a HOTP code is looked
 * for at the device's next counter and the `window` after it, and moves the counter past it, so no
 * counter at or below one used is ever accepted again. Codes are compared in constant time; only
 * 6 or 8 digits are codes (AM).
 */
import { timingSafeEqual } from 'node:crypto';
import { hotp } from './hotp.ts';
import type { OathHash } from './hotp.ts';
import { timeStep } from './totp.ts';

/** True for a code of 6 or 8 decimal digits. */
export function isOathCode(code: string): boolean {
  return /^(\d{6}|\d{8})$/.test(code);
}

function same(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** A TOTP check. */
export interface TotpCheck {
  secret: Uint8Array;
  code: string;
  nowMs: number;
  periodSeconds: number;
  hash: OathHash;
  /** Steps either side of the expected one (AM's `totpTimeSteps`). */
  window: number;
  /** Largest accepted distance, in steps, between the matched step and the server's (AM's `maximumAllowedClockDrift`). */
  maxDriftSteps: number;
  /** The last step a code was accepted for; undefined before the first. */
  lastStep: number | undefined;
  /** The device's clock drift learnt at its last use, in steps. */
  driftSteps: number;
}

/** The result of a TOTP check: the step matched and the drift to remember. */
export type TotpResult = { ok: true; step: number; driftSteps: number } | { ok: false };

/** Verifies a TOTP code. */
export function verifyTotp(check: TotpCheck): TotpResult {
  if (!isOathCode(check.code)) return { ok: false };
  const now = timeStep(check.nowMs, check.periodSeconds);
  const expected = now + check.driftSteps;
  const candidates = [expected];
  for (let distance = 1; distance <= check.window; distance += 1) candidates.push(expected + distance, expected - distance);
  for (const step of candidates) {
    if (step < 0 || (check.lastStep !== undefined && step <= check.lastStep)) continue;
    if (!same(hotp({ secret: check.secret, counter: step, digits: check.code.length, hash: check.hash }), check.code)) continue;
    const drift = step - now;
    if (Math.abs(drift) > check.maxDriftSteps) return { ok: false };
    return { ok: true, step, driftSteps: drift };
  }
  return { ok: false };
}

/** A HOTP check. */
export interface HotpCheck {
  secret: Uint8Array;
  code: string;
  /** The next counter the device is expected to use. */
  counter: number;
  /** Counters after `counter` also tried (AM's `hotpWindowSize`). */
  window: number;
  /** The code carries a checksum digit after its digits. */
  checksum?: boolean;
  truncationOffset?: number;
}

/** The result of a HOTP check: the next counter to expect. */
export type HotpResult = { ok: true; nextCounter: number } | { ok: false };

/** Verifies a HOTP code (HMAC-SHA1, as AM). */
export function verifyHotp(check: HotpCheck): HotpResult {
  const digits = check.checksum === true ? check.code.length - 1 : check.code.length;
  if (!/^\d+$/.test(check.code) || (digits !== 6 && digits !== 8)) return { ok: false };
  for (let offset = 0; offset <= check.window; offset += 1) {
    const counter = check.counter + offset;
    const expected = hotp({ secret: check.secret, counter, digits, hash: 'SHA1', checksum: check.checksum === true, ...(check.truncationOffset === undefined ? {} : { truncationOffset: check.truncationOffset }) });
    if (same(expected, check.code)) return { ok: true, nextCounter: counter + 1 };
  }
  return { ok: false };
}
