import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { createSecretSealer } from '../../secrets/secret-sealer.ts';
import type { EphemeralStore } from '../../store/ephemeral-store.ts';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import { createFormPostEntries } from './form-post-entries.ts';

/** The memory store's ephemeral store, with what is written kept for the test to read. */
function watched(): { ephemeral: EphemeralStore; written: string[] } {
  const { ephemeral } = openMemoryStore();
  const written: string[] = [];
  return { ephemeral: { ...ephemeral, put: (key, value, ttlMs) => (written.push(`${key} ${value}`), ephemeral.put(key, value, ttlMs)) }, written };
}

test('a posted answer is kept sealed under a random id and taken back once', async () => {
  const { ephemeral, written } = watched();
  const entries = createFormPostEntries(ephemeral, createSecretSealer(randomBytes(32)));
  const id = await entries.put({ realm: 'alpha', provider: 'itsme', answer: { code: 'the-code-123', state: 'the-state' } });
  assert.match(id, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(written.length, 1);
  assert.doesNotMatch(written[0] ?? '', /the-code-123|the-state|itsme/, 'sealed at rest');
  assert.ok(!(written[0] ?? '').includes(id), 'stored under the id’s hash');
  assert.deepEqual(await entries.take(id), { realm: 'alpha', provider: 'itsme', answer: { code: 'the-code-123', state: 'the-state' } });
  assert.equal(await entries.take(id), undefined, 'single use');
  assert.equal(await entries.take('not an id'), undefined);
});

test('an entry sealed under another master key does not open', async () => {
  const { ephemeral } = watched();
  const id = await createFormPostEntries(ephemeral, createSecretSealer(randomBytes(32))).put({ realm: 'alpha', provider: 'itsme', answer: { state: 's' } });
  assert.equal(await createFormPostEntries(ephemeral, createSecretSealer(randomBytes(32))).take(id), undefined);
});
