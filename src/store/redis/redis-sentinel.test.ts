/**
 * ARBOR_REDIS_URL=redis+sentinel://… on loopback: a master, its replica and a sentinel of the
 * test's own. The ephemeral store contract suite passes through the sentinel URL, the
 * invalidation channel delivers across two connections, a wrong master name or a dead sentinel
 * fails at once in words, and after a failover (SENTINEL FAILOVER) the store writes to the new
 * master and the channel resumes there. Skipped, saying why, without redis-server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ephemeralStoreContract } from '../contract/ephemeral-store.contract.ts';
import type { EphemeralBackend } from '../ephemeral-backend.ts';
import { isStoreConnectionError } from '../store-connection-error.ts';
import { type RedisSentinelServers, redisCommand, redisServerSkip, startRedisSentinel, waitFor } from '../testing/redis-loopback-servers.ts';
import { openRedisEphemeral } from './open-redis-ephemeral.ts';
import { redisInvalidationChannel } from './redis-invalidation-channel.ts';
import { assertChannelDelivers } from '../testing/assert-channel-delivers.ts';

describe('Redis through Sentinel (redis+sentinel://)', { skip: redisServerSkip }, () => {
  let servers: RedisSentinelServers;
  before(async () => {
    servers = await startRedisSentinel();
  });
  after(async () => {
    await servers?.stop();
  });

  ephemeralStoreContract(async () => {
    const backend = await openRedisEphemeral(servers.url, { prefix: 'contract:' });
    return { ephemeral: backend.store, close: () => backend.close() };
  }, { clocked: false });

  it('writes land on the master the sentinel names', async () => {
    const backend = await openRedisEphemeral(servers.url, { prefix: 'where:' });
    try {
      await backend.health();
      await backend.store.put('k', 'v', 60_000);
      assert.equal(await redisCommand(servers.masterPort, 'GET', 'where:k'), 'v');
    } finally {
      await backend.close();
    }
  });

  it('the invalidation channel delivers from one connection pair to another', async () => {
    await assertChannelDelivers(servers.url);
  });

  it('an unknown master name fails at once, naming it and the sentinels', async () => {
    const url = `redis+sentinel://127.0.0.1:${servers.sentinelPort}/othermaster`;
    await assert.rejects(openRedisEphemeral(url, { connectTimeoutMs: 2000 }), (error: unknown) => {
      assert.ok(isStoreConnectionError(error));
      assert.equal(error.message, `cannot connect to Redis at master othermaster via sentinels 127.0.0.1:${servers.sentinelPort}: no sentinel knows a master named othermaster`);
      return true;
    });
  });

  it('a sentinel that is not there fails at once in words, without the passwords', async () => {
    const started = Date.now();
    const url = `redis+sentinel://:Data-Secret@127.0.0.1:1/mymaster?sentinelPassword=Sentinel-Secret`;
    await assert.rejects(openRedisEphemeral(url, { connectTimeoutMs: 2000 }), (error: unknown) => {
      assert.ok(isStoreConnectionError(error));
      assert.equal(error.message, 'cannot connect to Redis at master mymaster via sentinels 127.0.0.1:1: no sentinel answers');
      return true;
    });
    assert.ok(Date.now() - started < 2000, 'not at once');
  });

  it('after a failover the store writes to the new master', async () => {
    const backend: EphemeralBackend = await openRedisEphemeral(servers.url, { prefix: 'failover:', commandTimeoutMs: 1000 });
    const heard: string[] = [];
    let resumed = 0;
    const listener = redisInvalidationChannel(servers.url, { channel: 'arbor:invalidate:failover', connectTimeoutMs: 2000 });
    const publisher = redisInvalidationChannel(servers.url, { channel: 'arbor:invalidate:failover', connectTimeoutMs: 2000 });
    try {
      await listener.listen({ message: (payload) => void heard.push(payload), resumed: () => void resumed++, error: () => {} });
      await publisher.listen({ message: () => {}, resumed: () => {}, error: () => {} });
      await backend.store.put('before', 'v1', 60_000);
      await waitFor('the replica having the write', async () => (await redisCommand(servers.replicaPort, 'GET', 'failover:before')) === 'v1');
      assert.equal(await redisCommand(servers.sentinelPort, 'SENTINEL', 'FAILOVER', 'mymaster'), 'OK');
      await waitFor('the sentinel naming the replica as master', async () => {
        const address = await redisCommand(servers.sentinelPort, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'mymaster');
        return Array.isArray(address) && address[1] === String(servers.replicaPort);
      });
      // Commands caught by the switch fail (STORE_UNAVAILABLE); the client then follows the
      // sentinel's +switch-master to the new master.
      await waitFor('a write landing on the new master', async () => {
        await backend.store.put('after', 'v2', 60_000);
        return (await redisCommand(servers.replicaPort, 'GET', 'failover:after')) === 'v2';
      });
      assert.equal(await backend.store.get('before'), 'v1', 'what was written before the failover is kept');
      // The channel's connections follow too: the listener says it resumed (caches are emptied) and hears what is published.
      await waitFor('the listener resumed on the new master', async () => resumed > 0);
      await waitFor('a message heard after the failover', async () => {
        await publisher.publish('after-failover');
        return heard.includes('after-failover');
      });
    } finally {
      await listener.close();
      await publisher.close();
      await backend.close();
    }
  });
});
