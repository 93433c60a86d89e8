import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hotp } from './hotp.ts';

const SECRET = Buffer.from('12345678901234567890');

describe('hotp', () => {
  it("computes RFC 4226 Appendix D's ten codes", () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    assert.deepEqual(
      expected.map((_, counter) => hotp({ secret: SECRET, counter, digits: 6 })),
      expected,
    );
  });

  it('appends the RFC 4226 reference checksum digit when asked, keeping the code before it', () => {
    const withChecksum = hotp({ secret: SECRET, counter: 0, digits: 6, checksum: true });
    assert.equal(withChecksum.length, 7);
    assert.equal(withChecksum.slice(0, 6), '755224');
    // Luhn: doubling every other digit from the right, the total with the check digit ends in 0.
    const digits = [...withChecksum].map(Number).reverse();
    const total = digits.reduce((sum, digit, index) => sum + (index % 2 === 1 ? [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][digit] ?? 0 : digit), 0);
    assert.equal(total % 10, 0);
  });

  it('truncates at a fixed offset when given one, dynamically for -1', () => {
    assert.equal(hotp({ secret: SECRET, counter: 0, digits: 6, truncationOffset: -1 }), '755224');
    assert.notEqual(hotp({ secret: SECRET, counter: 0, digits: 6, truncationOffset: 0 }), hotp({ secret: SECRET, counter: 0, digits: 6, truncationOffset: 1 }));
  });

  it('refuses a negative counter and absurd lengths', () => {
    assert.throws(() => hotp({ secret: SECRET, counter: -1, digits: 6 }), { code: 'OATH_PARAMETER_INVALID' });
    assert.throws(() => hotp({ secret: SECRET, counter: 0, digits: 12 }), { code: 'OATH_PARAMETER_INVALID' });
  });
});
