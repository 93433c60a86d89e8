import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonDifferenceCount } from './json-difference-count.ts';
import { browserMetadata } from './device-node-test-setup.ts';

describe('jsonDifferenceCount', () => {
  it('is zero for the same metadata', () => {
    assert.equal(jsonDifferenceCount(browserMetadata(), browserMetadata()), 0);
  });

  it('counts each changed, added and removed member once, however deep', () => {
    const changed = browserMetadata({ timezone: 120, deviceName: 'Other' });
    assert.equal(jsonDifferenceCount(browserMetadata(), changed), 2);
    assert.equal(jsonDifferenceCount({ a: 1, b: 2 }, { a: 1, c: 3 }), 2);
    assert.equal(jsonDifferenceCount({ a: { b: { c: 1 } } }, { a: { b: { c: 2 } } }), 1);
  });

  it('compares arrays and values of another type whole', () => {
    assert.equal(jsonDifferenceCount({ list: [1, 2, 3] }, { list: [1, 2, 4] }), 1);
    assert.equal(jsonDifferenceCount({ a: { b: 1, c: 2 } }, { a: 'text' }), 1);
    assert.equal(jsonDifferenceCount({ a: null }, { a: null }), 0);
  });
});
