/**
 * A bound on concurrent password hashing. argon2 runs on libuv's thread pool (`UV_THREADPOOL_SIZE`,
 * 4 by default): past as many hashes as it has threads, more hashes only wait there, with
 * everything else that needs the pool (DNS lookups, file reads) behind them. So at most
 * `concurrency` hashes (and verifications) run at once, at most `queueLimit` more wait their turn
 * in order, and beyond that a hash is refused at once with OVERLOADED (503 with `Retry-After`)
 * instead of making every sign-in slower for as long as a flood lasts.
 */
import type { PasswordHasher } from './password-hasher.ts';
import { retryLaterError } from './retry-later-error.ts';

/** How much hashing may run and wait. */
export interface HashingLimits {
  /** Hashes running at once (at least 1). */
  concurrency: number;
  /** Hashes waiting for a turn (0: none wait). */
  queueLimit: number;
}

/** A hasher behind the bound, and what the credential guard asks of it. */
export interface LimitedHashing {
  hasher: PasswordHasher;
  /** True when a hash asked for now would be refused (every slot busy, the queue full). */
  saturated(): boolean;
  /** Hashes running and waiting now. */
  load(): { running: number; waiting: number };
}

/** `hasher` with at most `limits.concurrency` operations at once and `limits.queueLimit` waiting. */
export function limitHashing(hasher: PasswordHasher, limits: HashingLimits): LimitedHashing {
  const concurrency = Math.max(1, Math.floor(limits.concurrency));
  const queueLimit = Math.max(0, Math.floor(limits.queueLimit));
  let running = 0;
  const waiting: (() => void)[] = [];

  const saturated = (): boolean => running >= concurrency && waiting.length >= queueLimit;

  async function acquire(): Promise<void> {
    if (running < concurrency) {
      running += 1;
      return;
    }
    if (waiting.length >= queueLimit) {
      throw retryLaterError('OVERLOADED', 'Too many password checks are in progress; try again in a moment', 1);
    }
    // The slot is handed over by `release`, so `running` stays counted for the waiter.
    await new Promise<void>((resolve) => waiting.push(resolve));
  }

  function release(): void {
    const next = waiting.shift();
    if (next === undefined) running -= 1;
    else next();
  }

  async function limited<T>(work: () => Promise<T>): Promise<T> {
    await acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }

  return {
    saturated,
    load: () => ({ running, waiting: waiting.length }),
    hasher: {
      parameters: hasher.parameters,
      hash: (password) => limited(() => hasher.hash(password)),
      verify: (storedHash, password) => limited(() => hasher.verify(storedHash, password)),
      dummyVerify: (password) => limited(() => hasher.dummyVerify(password)),
    },
  };
}
