/**
 * The real password hasher behind a counting proxy, with a gate: every verification (`verify` and
 * `dummyVerify`, the cost a credential check pays) is counted, and while the gate is held each
 * one waits at it until `release`, so that a test can see how many verifications a burst of
 * parallel requests started, and send one more request while they are all in flight. Hashing
 * (`hash`) is neither counted nor held.
 */
import { createPasswordHasher } from '../../src/identity/password-hasher.ts';
import type { PasswordHasher } from '../../src/identity/password-hasher.ts';
import { TEST_ARGON2 } from '../../src/platform/testing/node-test-services.ts';

/** The hasher, its count and its gate. */
export interface CountingHasher {
  hasher: PasswordHasher;
  /** Verifications started since the last `reset`. */
  verifications(): number;
  reset(): void;
  /** From now on, verifications wait at the gate. */
  hold(): void;
  /** Verifications waiting at the gate now. */
  waiting(): number;
  /** Lets every waiting verification through, and the next ones without waiting. */
  release(): void;
  /** Resolves when `check()` is true, re-checked whenever a verification arrives at the gate or `poke` is called. */
  until(check: () => boolean): Promise<void>;
  /** Re-checks the conditions `until` waits for (call it when something else they read changed). */
  poke(): void;
}

/** A counting hasher over the real argon2id hasher (cheap test parameters unless `hasher` is given). */
export function countingHasher(hasher: PasswordHasher = createPasswordHasher(TEST_ARGON2)): CountingHasher {
  let count = 0;
  let held = false;
  let gate: { promise: Promise<void>; open: () => void } | undefined;
  let waiting = 0;
  const conditions: { check: () => boolean; resolve: () => void }[] = [];
  const poke = (): void => {
    for (const condition of [...conditions]) {
      if (condition.check()) {
        conditions.splice(conditions.indexOf(condition), 1);
        condition.resolve();
      }
    }
  };
  async function pass(): Promise<void> {
    count += 1;
    if (!held) return;
    gate ??= (() => {
      let open = (): void => {};
      const promise = new Promise<void>((resolve) => {
        open = resolve;
      });
      return { promise, open };
    })();
    waiting += 1;
    poke();
    await gate.promise;
    waiting -= 1;
  }
  return {
    hasher: {
      parameters: hasher.parameters,
      hash: (password) => hasher.hash(password),
      async verify(storedHash, password) {
        await pass();
        return hasher.verify(storedHash, password);
      },
      async dummyVerify(password) {
        await pass();
        return hasher.dummyVerify(password);
      },
    },
    verifications: () => count,
    reset: () => void (count = 0),
    hold: () => void (held = true),
    waiting: () => waiting,
    release() {
      held = false;
      gate?.open();
      gate = undefined;
    },
    until(check) {
      if (check()) return Promise.resolve();
      return new Promise((resolve) => conditions.push({ check, resolve }));
    },
    poke,
  };
}
