/** The hashing bound: at most `concurrency` running, `queueLimit` waiting in order, the rest refused at once. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { limitHashing } from './hashing-limiter.ts';
import type { PasswordHasher } from './password-hasher.ts';
import { isRetryLaterError } from './retry-later-error.ts';

/** A hasher whose verifications finish only when the test says so, in any order. */
function heldHasher() {
  const pending: { password: string; finish: () => void }[] = [];
  const started: string[] = [];
  const hold = (password: string) =>
    new Promise<void>((resolve) => {
      started.push(password);
      pending.push({ password, finish: resolve });
    });
  const hasher: PasswordHasher = {
    parameters: { memoryCost: 1, timeCost: 1, parallelism: 1 },
    hash: async (password) => (await hold(password), `hash:${password}`),
    verify: async (_stored, password) => (await hold(password), { ok: false, needsRehash: false }),
    dummyVerify: async (password) => hold(password),
  };
  const finish = (password: string) => pending.find((entry) => entry.password === password)?.finish();
  return { hasher, started, finish };
}

/** Lets queued promise callbacks run (no timers). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('limitHashing', () => {
  it('runs at most `concurrency` at once, queues up to `queueLimit` in order, and refuses the rest at once with OVERLOADED', async () => {
    const held = heldHasher();
    const limited = limitHashing(held.hasher, { concurrency: 2, queueLimit: 2 });
    const work = ['a', 'b', 'c', 'd'].map((password) => limited.hasher.verify('stored', password));
    await settle();
    assert.deepEqual(held.started, ['a', 'b']);
    assert.deepEqual(limited.load(), { running: 2, waiting: 2 });
    assert.equal(limited.saturated(), true);
    await assert.rejects(limited.hasher.hash('e'), (error) => isRetryLaterError(error, 'OVERLOADED'));
    await assert.rejects(limited.hasher.dummyVerify('f'), (error) => isRetryLaterError(error, 'OVERLOADED'));
    held.finish('b');
    await settle();
    assert.deepEqual(held.started, ['a', 'b', 'c'], 'the first in the queue takes the freed slot');
    held.finish('a');
    held.finish('c');
    await settle();
    held.finish('d');
    await Promise.all(work);
    assert.deepEqual(limited.load(), { running: 0, waiting: 0 });
    assert.equal(limited.saturated(), false);
  });

  it('frees the slot when the hash fails', async () => {
    const failing: PasswordHasher = {
      parameters: { memoryCost: 1, timeCost: 1, parallelism: 1 },
      hash: async () => {
        throw new Error('boom');
      },
      verify: async () => ({ ok: true, needsRehash: false }),
      dummyVerify: async () => {},
    };
    const limited = limitHashing(failing, { concurrency: 1, queueLimit: 0 });
    await assert.rejects(limited.hasher.hash('x'), /boom/);
    assert.deepEqual(await limited.hasher.verify('s', 'x'), { ok: true, needsRehash: false });
  });
});
