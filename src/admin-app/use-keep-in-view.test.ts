import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { whollyVisible } from './use-keep-in-view.ts';

describe('wholly visible nodes of the journey editor', () => {
  it('is true inside the pane and false for a box cut by one of its edges', () => {
    assert.equal(whollyVisible({ x: 10, y: 10, width: 100, height: 50 }, 800, 600), true);
    assert.equal(whollyVisible({ x: 750, y: 10, width: 100, height: 50 }, 800, 600), false, 'behind the side panel');
    assert.equal(whollyVisible({ x: -5, y: 10, width: 100, height: 50 }, 800, 600), false);
    assert.equal(whollyVisible({ x: 10, y: 580, width: 100, height: 50 }, 800, 600), false);
    assert.equal(whollyVisible({ x: 10, y: -1, width: 100, height: 50 }, 800, 600), false);
  });
});
