/**
 * Timing a failure, for outage tests that bound how long a store takes to give up: how long a
 * call took to reject, and with what. A call that resolves fails the test.
 */
import assert from 'node:assert/strict';

/** Resolves to how long `work` took to reject, and with what. */
export async function rejection(work: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  try {
    await work();
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
  return assert.fail('expected a rejection');
}
