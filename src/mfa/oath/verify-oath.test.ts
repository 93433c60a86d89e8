import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hotp } from './hotp.ts';
import { totp } from './totp.ts';
import { verifyHotp, verifyTotp } from './verify-oath.ts';
import type { TotpCheck } from './verify-oath.ts';

const SECRET = Buffer.from('12345678901234567890');
const NOW = 1_700_000_010_000;
const STEP = Math.floor(NOW / 30_000);
const codeAt = (step: number, digits = 6) => hotp({ secret: SECRET, counter: step, digits });
const check = (code: string, extra: Partial<TotpCheck> = {}): TotpCheck => ({
  secret: SECRET, code, nowMs: NOW, periodSeconds: 30, hash: 'SHA1', window: 2, maxDriftSteps: 5, lastStep: undefined, driftSteps: 0, ...extra,
});

describe('verifyTotp', () => {
  it('accepts the current code, 6 or 8 digits, and reports its step', () => {
    assert.deepEqual(verifyTotp(check(totp({ secret: SECRET, timeMs: NOW, periodSeconds: 30, digits: 6 }))), { ok: true, step: STEP, driftSteps: 0 });
    assert.deepEqual(verifyTotp(check(codeAt(STEP, 8))), { ok: true, step: STEP, driftSteps: 0 });
  });

  it('refuses the same step again, and any step at or below the last used one (replay)', () => {
    assert.deepEqual(verifyTotp(check(codeAt(STEP), { lastStep: STEP })), { ok: false });
    assert.deepEqual(verifyTotp(check(codeAt(STEP - 1), { lastStep: STEP - 1 })), { ok: false });
    assert.deepEqual(verifyTotp(check(codeAt(STEP - 1), { lastStep: STEP - 2 })), { ok: true, step: STEP - 1, driftSteps: -1 });
  });

  it('accepts codes within `window` steps either side, not beyond', () => {
    assert.equal(verifyTotp(check(codeAt(STEP - 2))).ok, true);
    assert.equal(verifyTotp(check(codeAt(STEP + 2))).ok, true);
    assert.equal(verifyTotp(check(codeAt(STEP - 3))).ok, false);
    assert.equal(verifyTotp(check(codeAt(STEP + 3))).ok, false);
    assert.equal(verifyTotp(check(codeAt(STEP - 1), { window: 0 })).ok, false);
  });

  it("follows a device's known drift, but never beyond maxDriftSteps of the server's clock", () => {
    assert.deepEqual(verifyTotp(check(codeAt(STEP + 4), { driftSteps: 3 })), { ok: true, step: STEP + 4, driftSteps: 4 });
    assert.equal(verifyTotp(check(codeAt(STEP + 6), { driftSteps: 5 })).ok, false);
  });

  it('refuses wrong codes and anything that is not 6 or 8 digits', () => {
    for (const code of ['000000', '', '12345', '1234567', '12345a', ` ${codeAt(STEP)}`]) assert.equal(verifyTotp(check(code)).ok, false, code);
  });
});

describe('verifyHotp', () => {
  it('accepts the next counter or one within the window, and moves past it', () => {
    assert.deepEqual(verifyHotp({ secret: SECRET, code: '755224', counter: 0, window: 100 }), { ok: true, nextCounter: 1 });
    assert.deepEqual(verifyHotp({ secret: SECRET, code: '520489', counter: 0, window: 100 }), { ok: true, nextCounter: 10 });
    assert.deepEqual(verifyHotp({ secret: SECRET, code: '520489', counter: 0, window: 8 }), { ok: false });
  });

  it('refuses a code of a counter already used (below the next one)', () => {
    assert.deepEqual(verifyHotp({ secret: SECRET, code: '755224', counter: 1, window: 100 }), { ok: false });
  });

  it('reads a checksum digit after the code when the device adds one', () => {
    const code = hotp({ secret: SECRET, counter: 2, digits: 6, checksum: true });
    assert.deepEqual(verifyHotp({ secret: SECRET, code, counter: 0, window: 5, checksum: true }), { ok: true, nextCounter: 3 });
    assert.equal(verifyHotp({ secret: SECRET, code: code.slice(0, 6), counter: 0, window: 5, checksum: true }).ok, false);
  });
});
