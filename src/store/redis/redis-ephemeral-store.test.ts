/**
 * The ephemeral store contract on Redis at ARBOR_TEST_REDIS_URL, under a key prefix unique to the
 * run and removed afterwards; reported as skipped when the variable is not set.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { unique } from '../contract/contract-helpers.ts';
import { ephemeralStoreContract } from '../contract/ephemeral-store.contract.ts';
import { openStore } from '../open-store.ts';
import { deleteRedisKeys } from '../testing/delete-redis-keys.ts';
import { REDIS_KEY_PREFIX, redisEphemeralStore } from './redis-ephemeral-store.ts';

const url = process.env['ARBOR_TEST_REDIS_URL'] || undefined;

describe('ephemeral store contract suite on Redis', { skip: url === undefined ? 'ARBOR_TEST_REDIS_URL is not set' : false }, () => {
  if (url === undefined) return;
  const prefix = `arbor_test_${randomBytes(6).toString('hex')}:`;
  const client = new Redis(url, { lazyConnect: true });

  before(async () => {
    await client.connect();
    const target = new URL(url);
    console.log(`store contract suite: running on Redis (${target.host}, prefix ${prefix})`);
  });
  after(async () => {
    await deleteRedisKeys(client, prefix);
    await client.quit();
  });

  ephemeralStoreContract(async () => ({ ephemeral: redisEphemeralStore(client, { prefix }), close: async () => {} }), { clocked: false });

  describe('Redis specifics', () => {
    it('stores under the prefix with a TTL', async () => {
      const eph = redisEphemeralStore(client, { prefix });
      await eph.put('k', 'v', 60_000);
      assert.equal(await client.get(`${prefix}k`), 'v');
      const ttl = await client.pttl(`${prefix}k`);
      assert.ok(ttl > 0 && ttl <= 60_000, String(ttl));
    });

    it('replaceIfPresent sets the new TTL, and leaves a missing key missing', async () => {
      const eph = redisEphemeralStore(client, { prefix });
      await eph.put('r', 'v1', 1_000);
      assert.equal(await eph.replaceIfPresent('r', 'v2', 60_000), true);
      const ttl = await client.pttl(`${prefix}r`);
      assert.ok(ttl > 1_000 && ttl <= 60_000, String(ttl));
      assert.equal(await eph.replaceIfPresent('missing', 'v', 60_000), false);
      assert.equal(await client.exists(`${prefix}missing`), 0);
    });

    it('sets the counter window when the counter is created and never extends it', async () => {
      const eph = redisEphemeralStore(client, { prefix });
      await eph.increment('c', { ttlMs: 60_000, max: 3 });
      for (let i = 0; i < 4; i++) await eph.increment('c', { ttlMs: 600_000, max: 3 });
      const ttl = await client.pttl(`${prefix}c`);
      assert.ok(ttl > 0 && ttl <= 60_000, String(ttl));
      assert.equal(await client.get(`${prefix}c`), '3');
    });

    it('is what openStore uses when redisUrl is set, under the arbor: prefix', async () => {
      const store = await openStore({ memory: true, redisUrl: url });
      try {
        await store.health();
        const key = unique('open_store');
        await store.ephemeral.put(key, 'v', 60_000);
        assert.equal(await client.get(`${REDIS_KEY_PREFIX}${key}`), 'v');
        assert.equal(await store.ephemeral.consume(key), 'v');
        assert.equal(await client.exists(`${REDIS_KEY_PREFIX}${key}`), 0);
      } finally {
        await store.close();
      }
    });
  });
});
