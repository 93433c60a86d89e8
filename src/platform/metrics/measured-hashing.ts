/**
 * Password hashing, measured: the time of each hash or verification once it runs (the hasher
 * inside the bound, so waiting for a slot is not counted), the bound's running and waiting counts
 * read at scrape time, and every check the bound refused (OVERLOADED).
 */
import type { LimitedHashing } from '../../identity/hashing-limiter.ts';
import type { PasswordHasher } from '../../identity/password-hasher.ts';
import { isRetryLaterError } from '../../identity/retry-later-error.ts';
import type { ArborMetrics } from './arbor-metrics.ts';
import { secondsSince } from './arbor-metrics.ts';

type HashingMetrics = Pick<ArborMetrics, 'hashingSeconds' | 'hashingRefused' | 'sources'>;

async function timedHash<T>(metrics: HashingMetrics, operation: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    metrics.hashingSeconds.observe({ operation }, secondsSince(start));
  }
}

/** `hasher` with each operation's time observed. */
export function timedHasher(hasher: PasswordHasher, metrics: HashingMetrics): PasswordHasher {
  return {
    parameters: hasher.parameters,
    hash: (password) => timedHash(metrics, 'hash', () => hasher.hash(password)),
    verify: (storedHash, password) => timedHash(metrics, 'verify', () => hasher.verify(storedHash, password)),
    dummyVerify: (password) => timedHash(metrics, 'dummy_verify', () => hasher.dummyVerify(password)),
  };
}

/** `hashing` whose refusals are counted and whose load the gauges read at scrape time. */
export function watchedHashing(hashing: LimitedHashing, metrics: HashingMetrics): LimitedHashing {
  metrics.sources.hashing = () => hashing.load();
  const counted = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (isRetryLaterError(error, 'OVERLOADED')) metrics.hashingRefused.inc();
      throw error;
    }
  };
  const { hasher } = hashing;
  return {
    // The credential guard refuses a check up front when `saturated()` says so.
    saturated: () => {
      const saturated = hashing.saturated();
      if (saturated) metrics.hashingRefused.inc();
      return saturated;
    },
    load: () => hashing.load(),
    hasher: {
      parameters: hasher.parameters,
      hash: (password) => counted(() => hasher.hash(password)),
      verify: (storedHash, password) => counted(() => hasher.verify(storedHash, password)),
      dummyVerify: (password) => counted(() => hasher.dummyVerify(password)),
    },
  };
}
