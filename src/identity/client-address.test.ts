import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientAddress } from './client-address.ts';
import { fixedWindow } from './fixed-window.ts';

describe('clientAddress', () => {
  it('keeps IPv4, unmaps IPv4-mapped IPv6, and reduces IPv6 to its /64', () => {
    assert.equal(clientAddress('192.0.2.7'), '192.0.2.7');
    assert.equal(clientAddress('::ffff:192.0.2.7'), '192.0.2.7');
    assert.equal(clientAddress('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(clientAddress('2001:0DB8:0000:0001:abcd::1'), '2001:db8:0:1::/64');
    assert.equal(clientAddress('2001:db8:0:1:ffff:ffff:ffff:ffff'), clientAddress('2001:db8:0:1::'));
    assert.equal(clientAddress('fe80::1%eth0'), 'fe80:0:0:0::/64');
    assert.equal(clientAddress(''), '');
  });
});

describe('fixedWindow', () => {
  it('numbers windows from the epoch and says how long is left, in whole seconds rounded up', () => {
    assert.deepEqual(fixedWindow(120_000, 60_000), { index: 2, remainingMs: 60_000, retryAfterSeconds: 60 });
    assert.deepEqual(fixedWindow(179_001, 60_000), { index: 2, remainingMs: 999, retryAfterSeconds: 1 });
    assert.deepEqual(fixedWindow(150_500, 60_000), { index: 2, remainingMs: 29_500, retryAfterSeconds: 30 });
  });
});
