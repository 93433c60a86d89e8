import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { geoDistanceKm, parseDistance } from './geo-distance.ts';

const BRUSSELS = { latitude: 50.8503, longitude: 4.3517 };
const ANTWERP = { latitude: 51.2194, longitude: 4.4025 };
const PARIS = { latitude: 48.8566, longitude: 2.3522 };

describe('geoDistanceKm', () => {
  it('measures Brussels–Antwerp at about 41 km and Brussels–Paris at about 264 km', () => {
    assert.ok(Math.abs(geoDistanceKm(BRUSSELS, ANTWERP) - 41.2) < 1);
    assert.ok(Math.abs(geoDistanceKm(BRUSSELS, PARIS) - 264) < 2);
  });

  it('is zero for the same place and never NaN for nearly the same place', () => {
    assert.equal(geoDistanceKm(BRUSSELS, BRUSSELS), 0);
    assert.ok(Number.isFinite(geoDistanceKm(BRUSSELS, { latitude: 50.8503, longitude: 4.35170000001 })));
  });
});

describe('parseDistance', () => {
  it("reads AM's decimal texts and refuses anything else", () => {
    assert.equal(parseDistance('10'), 10);
    assert.equal(parseDistance(' 2.5 '), 2.5);
    assert.equal(parseDistance('-1'), undefined);
    assert.equal(parseDistance('1e3'), undefined);
  });
});
