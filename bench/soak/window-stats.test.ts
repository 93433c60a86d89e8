/** The soak's window counts and quantiles. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWindowRecorder, quantile } from './window-stats.ts';

describe('the soak window recorder', () => {
  it('counts journeys and errors by kind, keeps the first example of each, and starts afresh on take()', () => {
    const recorder = createWindowRecorder();
    recorder.latency(5);
    recorder.completed('sign-in');
    recorder.failed('reset', 'reset email: not received within a minute', 'first');
    recorder.failed('reset', 'reset email: not received within a minute', 'second');
    const window = recorder.take();
    assert.deepEqual(window.latencies, [5]);
    assert.equal(window.completed['sign-in'], 1);
    assert.equal(window.failed.reset, 2);
    assert.equal(window.errors.get('reset email: not received within a minute'), 2);
    assert.equal(window.examples.get('reset email: not received within a minute'), 'first');
    const next = recorder.take();
    assert.deepEqual([next.latencies, next.completed['sign-in'], next.errors.size], [[], 0, 0]);
  });

  it('answers quantiles by nearest rank, and nothing for no values', () => {
    const values = Array.from({ length: 100 }, (_, index) => 100 - index);
    assert.equal(quantile(values, 0.5), 50);
    assert.equal(quantile(values, 0.99), 99);
    assert.equal(quantile(values, 1), 100);
    assert.equal(quantile([7], 0.99), 7);
    assert.equal(quantile([], 0.5), undefined);
  });
});
