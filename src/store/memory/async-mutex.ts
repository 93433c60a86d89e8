/**
 * A first-come, first-served async mutex: whoever holds it runs alone, the others wait in order.
 * The memory store serializes its writes and transactions through one.
 */

/** Runs work one at a time, in the order it was submitted. */
export interface AsyncMutex {
  /** Waits for every earlier holder, then runs `work` holding the mutex until it settles. */
  run<T>(work: () => T | Promise<T>): Promise<T>;
}

/** A mutex nobody holds. */
export function createAsyncMutex(): AsyncMutex {
  let tail: Promise<void> = Promise.resolve();
  return {
    async run(work) {
      const previous = tail;
      const turn = Promise.withResolvers<void>();
      tail = turn.promise;
      await previous;
      try {
        return await work();
      } finally {
        turn.resolve();
      }
    },
  };
}
