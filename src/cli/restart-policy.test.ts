import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRestartPolicy, MAX_RECENT_EXITS, WINDOW_MS } from './restart-policy.ts';

describe('restart policy of the worker primary', () => {
  it('restarts after a delay that doubles with each recent exit, capped', () => {
    const policy = createRestartPolicy({ maxRecentExits: 100 });
    const delays = Array.from({ length: 7 }, (_, index) => {
      const decision = policy.exited(1000 + index);
      assert.ok(decision.restart);
      return decision.delayMs;
    });
    assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16000, 16000, 16000]);
  });

  it(`stops at the ${MAX_RECENT_EXITS}th exit within the window: a crash loop`, () => {
    const policy = createRestartPolicy();
    const decisions = Array.from({ length: MAX_RECENT_EXITS }, (_, index) => policy.exited(index * 1000));
    assert.deepEqual(
      decisions.map((decision) => decision.restart),
      [...Array.from({ length: MAX_RECENT_EXITS - 1 }, () => true), false],
    );
    assert.equal(decisions.at(-1)?.recentExits, MAX_RECENT_EXITS);
  });

  it('forgets exits older than the window: a worker that crashes once a day is restarted at once', () => {
    const policy = createRestartPolicy();
    for (let day = 0; day < 10; day += 1) {
      const decision = policy.exited(day * 24 * 3600_000);
      assert.deepEqual(decision, { restart: true, delayMs: 1000, recentExits: 1 });
    }
    policy.exited(0);
    assert.deepEqual(policy.exited(WINDOW_MS + 1), { restart: true, delayMs: 1000, recentExits: 1 });
  });
});
