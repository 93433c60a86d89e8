/**
 * ARBOR_REDIS_URL=redis+cluster://… on loopback: three masters of the test's own joined into a
 * Redis Cluster. The ephemeral store contract suite passes with keys spread over all three
 * masters (every command and the increment script touch one key, so one slot), the invalidation
 * channel delivers across nodes, and a cluster that is not there fails at once in words.
 * Skipped, saying why, without redis-server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ephemeralStoreContract } from '../contract/ephemeral-store.contract.ts';
import { openStore } from '../open-store.ts';
import { isStoreConnectionError } from '../store-connection-error.ts';
import { assertChannelDelivers } from '../testing/assert-channel-delivers.ts';
import { type RedisClusterServers, redisCommand, redisServerSkip, startRedisCluster } from '../testing/redis-loopback-servers.ts';
import { openRedisEphemeral } from './open-redis-ephemeral.ts';

describe('Redis Cluster (redis+cluster://)', { skip: redisServerSkip }, () => {
  let servers: RedisClusterServers;
  before(async () => {
    servers = await startRedisCluster();
  });
  after(async () => {
    await servers?.stop();
  });

  ephemeralStoreContract(async () => {
    const backend = await openRedisEphemeral(servers.url, { prefix: 'contract:' });
    return { ephemeral: backend.store, close: () => backend.close() };
  }, { clocked: false });

  it('spreads keys over every master, each command finding its slot', async () => {
    const backend = await openRedisEphemeral(servers.url, { prefix: 'spread:' });
    try {
      await backend.health();
      for (let i = 0; i < 30; i++) {
        await backend.store.put(`k${i}`, `v${i}`, 60_000);
        assert.equal(await backend.store.increment(`c${i}`, { ttlMs: 60_000, max: 5 }), 1);
      }
      const counts = await Promise.all(servers.ports.map(async (port) => Number(await redisCommand(port, 'DBSIZE'))));
      assert.ok(counts.every((count) => count > 0), `keys per master: ${counts.join(', ')}`);
      for (let i = 0; i < 30; i++) assert.equal(await backend.store.consume(`k${i}`), `v${i}`);
    } finally {
      await backend.close();
    }
  });

  it('is what openStore uses for a redis+cluster:// redisUrl', async () => {
    const store = await openStore({ memory: true, redisUrl: servers.url });
    try {
      await store.health();
      await store.ephemeral.put('open-store', 'v', 60_000);
      assert.equal(await store.ephemeral.consume('open-store'), 'v');
      assert.equal(await store.ephemeral.get('open-store'), undefined);
    } finally {
      await store.close();
    }
  });

  it('the invalidation channel delivers from one connection pair to another', async () => {
    await assertChannelDelivers(servers.url);
  });

  it('a cluster that is not there fails at once in words', async () => {
    const started = Date.now();
    await assert.rejects(openRedisEphemeral('redis+cluster://:Cluster-Secret@127.0.0.1:1,127.0.0.1:2', { connectTimeoutMs: 2000 }), (error: unknown) => {
      assert.ok(isStoreConnectionError(error));
      assert.equal(error.message, 'cannot connect to Redis at cluster 127.0.0.1:1,127.0.0.1:2: no node of the cluster answers');
      return true;
    });
    assert.ok(Date.now() - started < 2000, 'not at once');
  });
});
