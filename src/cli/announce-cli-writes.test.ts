/**
 * A CLI command's writes reach a running server's caches (another process on the same
 * invalidation bus, an in-memory stand-in for Redis or NOTIFY): a command that only reads opens no
 * channel; writes open it once, are announced in order, and are all out when the store is closed;
 * when the channel cannot be opened or a message cannot be sent, the write still lands and one
 * warning says when the servers see it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { CacheKind } from '../cache/cache-invalidation.ts';
import { crossProcessInvalidation, type InvalidationChannel, type InvalidationChannelHandlers } from '../cache/cross-process-invalidation.ts';
import { defaultRealmConfig } from '../config/realm-config.ts';
import { generateKeyPairMaterial } from '../secrets/generate-key-pair-material.ts';
import { createRealmKeyPairs } from '../secrets/realm-key-pairs.ts';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import { storeConnectionError } from '../store/store-connection-error.ts';
import { announceCliWrites, type OpenCliInvalidation, UNANNOUNCED_CHANGE_NOTE } from './announce-cli-writes.ts';

/** A bus every channel publishes to and hears from, which can be down; publishing takes a few ms. */
function bus() {
  const listeners = new Set<InvalidationChannelHandlers>();
  let down = false;
  const channel = (): InvalidationChannel => {
    let mine: InvalidationChannelHandlers | undefined;
    return {
      async listen(handlers) {
        mine = handlers;
        listeners.add(handlers);
      },
      async publish(payload) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (down) throw new Error('connection lost');
        for (const listener of listeners) listener.message(payload);
      },
      async close() {
        if (mine !== undefined) listeners.delete(mine);
      },
    };
  };
  return { channel, setDown: (value: boolean) => void (down = value) };
}

/** A running server on `shared`: what its caches are told. */
async function server(shared: ReturnType<typeof bus>) {
  const invalidation = await crossProcessInvalidation(shared.channel());
  const heard: [CacheKind, string][] = [];
  invalidation.subscribe((kind, key) => void heard.push([kind, key]));
  return { invalidation, heard };
}

/** How the CLI opens its channel on `shared`, counting the openings and closings. */
function opener(shared: ReturnType<typeof bus>) {
  const counts = { opened: 0, closed: 0 };
  const open: OpenCliInvalidation = async (onError) => {
    counts.opened += 1;
    const invalidation = await crossProcessInvalidation(shared.channel(), { onError });
    return {
      invalidation,
      transport: 'test bus',
      close: async () => {
        counts.closed += 1;
        await invalidation.close();
      },
    };
  };
  return { open, counts };
}

describe('announceCliWrites', () => {
  it('opens no channel for a command that only reads', async () => {
    const shared = bus();
    const { open, counts } = opener(shared);
    const warnings: string[] = [];
    const store = announceCliWrites(openMemoryStore(), open, (line) => void warnings.push(line));
    await store.realms.list();
    await store.configs.get('managed');
    await store.keys.listKeyPairs('alpha');
    await store.close();
    assert.deepEqual(counts, { opened: 0, closed: 0 });
    assert.deepEqual(warnings, []);
  });

  it('announces each write to the running servers, in order, all of them out once the store is closed', async () => {
    const shared = bus();
    const running = await server(shared);
    const { open, counts } = opener(shared);
    const store = announceCliWrites(openMemoryStore(), open, () => assert.fail('no warning'));
    await store.configs.put('managed', { objects: [] });
    await store.transaction(async (tx) => {
      await tx.realms.put(defaultRealmConfig('beta'));
      await tx.configs.put('selfservice.kba', {});
    });
    const keyPairs = createRealmKeyPairs({ keys: store.keys, masterKey: randomBytes(32), clock: { now: () => Date.now() } });
    const material = await generateKeyPairMaterial({ type: 'EC', use: 'sig', commonName: 'test', now: Date.now() });
    assert.equal((await keyPairs.install('alpha', { use: 'sig', material, replace: false })).outcome, 'installed');
    await store.close();
    assert.deepEqual(running.heard, [
      ['config', 'managed'],
      ['realm', 'beta'],
      ['config', 'selfservice.kba'],
      ['keys', 'alpha'],
    ]);
    assert.deepEqual(counts, { opened: 1, closed: 1 });
    await running.invalidation.close();
  });

  it('still writes when the channel cannot be opened, and warns once that servers see the change within their cache time', async () => {
    const raw = openMemoryStore();
    const warnings: string[] = [];
    let attempts = 0;
    const store = announceCliWrites(
      raw,
      async () => {
        attempts += 1;
        throw storeConnectionError({ service: 'Redis', address: '127.0.0.1:6390', stage: 'connect', reason: 'connection refused', setting: 'ARBOR_REDIS_URL' });
      },
      (line) => void warnings.push(line),
    );
    await store.configs.put('managed', { v: 1 });
    await store.journeys.delete('alpha', 'Login');
    await store.close();
    assert.deepEqual(await raw.configs.get('managed'), { v: 1 });
    assert.equal(attempts, 1, 'one attempt per command');
    assert.deepEqual(warnings, [`warning: could not tell the running Arbor servers of this command's changes (cannot connect to Redis at 127.0.0.1:6390 (ARBOR_REDIS_URL): connection refused): ${UNANNOUNCED_CHANGE_NOTE}`]);
    assert.match(UNANNOUNCED_CHANGE_NOTE, /5 seconds for configuration.*30 seconds for keys/);
  });

  it('warns once when its messages cannot be sent', async () => {
    const shared = bus();
    const { open } = opener(shared);
    const warnings: string[] = [];
    const store = announceCliWrites(openMemoryStore(), open, (line) => void warnings.push(line));
    shared.setDown(true);
    await store.configs.put('managed', { v: 1 });
    await store.configs.put('managed', { v: 2 });
    await store.close();
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /^warning: could not tell the running Arbor servers of this command's changes \(connection lost\): they see them within their cache time/);
  });
});
