import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OathHash } from './hotp.ts';
import { timeStep, totp } from './totp.ts';

// RFC 6238 Appendix B: the seeds and the 8-digit codes at each time (seconds).
const SEEDS: Record<OathHash, Buffer> = {
  SHA1: Buffer.from('12345678901234567890'),
  SHA256: Buffer.from('12345678901234567890123456789012'),
  SHA512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};
const VECTORS: [number, Record<OathHash, string>][] = [
  [59, { SHA1: '94287082', SHA256: '46119246', SHA512: '90693936' }],
  [1111111109, { SHA1: '07081804', SHA256: '68084774', SHA512: '25091201' }],
  [1111111111, { SHA1: '14050471', SHA256: '67062674', SHA512: '99943326' }],
  [1234567890, { SHA1: '89005924', SHA256: '91819424', SHA512: '93441116' }],
  [2000000000, { SHA1: '69279037', SHA256: '90698825', SHA512: '38618901' }],
  [20000000000, { SHA1: '65353130', SHA256: '77737706', SHA512: '47863826' }],
];

describe('totp', () => {
  it("computes every RFC 6238 test vector with HMAC-SHA1, SHA-256 and SHA-512", () => {
    for (const [seconds, codes] of VECTORS) {
      for (const hash of ['SHA1', 'SHA256', 'SHA512'] as const) {
        assert.equal(totp({ secret: SEEDS[hash], timeMs: seconds * 1000, periodSeconds: 30, digits: 8, hash }), codes[hash], `${hash} at ${seconds}`);
      }
    }
  });

  it('counts whole periods since the epoch (the time step), and a 6-digit code is the last 6 digits', () => {
    assert.equal(timeStep(59_999, 30), 1);
    assert.equal(timeStep(60_000, 30), 2);
    assert.equal(timeStep(60_000, 60), 1);
    assert.equal(totp({ secret: SEEDS.SHA1, timeMs: 59_000, periodSeconds: 30, digits: 6 }), '287082');
    assert.throws(() => timeStep(0, 0), { code: 'OATH_PARAMETER_INVALID' });
  });
});
