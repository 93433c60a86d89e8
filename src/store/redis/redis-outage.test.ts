/**
 * The Redis ephemeral store through an outage, in-process, reached through a TCP proxy on
 * loopback: a black-holed Redis makes every command a `STORE_UNAVAILABLE` error within the command
 * limit (never a hang), a lost connection (cut on the wire, or `CLIENT KILL`) makes commands fail
 * at once while it reconnects (nothing is queued to run later), an error Redis itself answers
 * stays what it is, and the store serves again by itself once Redis answers. Skipped without
 * `ARBOR_TEST_REDIS_URL`.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import type { EphemeralBackend } from '../ephemeral-backend.ts';
import { isStoreConnectionError } from '../store-connection-error.ts';
import { assertStoreUnavailable } from '../testing/assert-store-unavailable.ts';
import { deleteRedisKeys } from '../testing/delete-redis-keys.ts';
import { proxyServiceUrl } from '../testing/proxy-service-url.ts';
import { rejection } from '../testing/rejection.ts';
import type { TcpProxy } from '../testing/start-tcp-proxy.ts';
import { openRedisEphemeral } from './open-redis-ephemeral.ts';

const url = process.env['ARBOR_TEST_REDIS_URL'] || undefined;

const COMMAND_TIMEOUT_MS = 300;

const assertUnavailable = (error: unknown): void => assertStoreUnavailable(error, 'Redis');

/** Polls `work` every 50 ms until it resolves; fails after `deadlineMs`. */
async function eventually<T>(work: () => Promise<T>, deadlineMs: number): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the Redis ephemeral store through an outage', { timeout: 60_000, skip: url === undefined ? 'ARBOR_TEST_REDIS_URL is not set' : false }, () => {
  const target = new URL(url ?? 'redis://unset');
  const prefix = `arbor_outage_${randomBytes(6).toString('hex')}:`;
  let admin: Redis;
  let proxy: TcpProxy;
  let backend: EphemeralBackend;

  before(async () => {
    admin = new Redis(url ?? '', { lazyConnect: true });
    await admin.connect();
    const proxied = await proxyServiceUrl(target, 6379);
    proxy = proxied.proxy;
    backend = await openRedisEphemeral(proxied.viaProxy.toString(), { prefix, commandTimeoutMs: COMMAND_TIMEOUT_MS });
  });

  after(async () => {
    await backend?.close();
    await proxy?.close();
    await deleteRedisKeys(admin, prefix);
    await admin.quit();
  });

  it('black-holed: every command is STORE_UNAVAILABLE within the command limit, health fails too; then it serves again', async () => {
    await backend.store.put('a', '1', 60_000);
    proxy.pause();
    try {
      const calls = await Promise.all([rejection(() => backend.store.get('a')), rejection(() => backend.store.increment('c', { ttlMs: 60_000 })), rejection(() => backend.store.consume('a'))]);
      for (const { error, ms } of calls) {
        assertUnavailable(error);
        assert.ok(ms < COMMAND_TIMEOUT_MS + 500, `${Math.round(ms)} ms`);
      }
      await assert.rejects(backend.health());
    } finally {
      proxy.resume();
    }
    await eventually(() => backend.health(), 5000);
    // TCP delivers what was sent during the stall once it ends: a command that timed out may still
    // have run (here the GETDEL), as operations.md warns.
    assert.equal(await backend.store.get('a'), undefined);
  });

  it('the connection cut, or killed by the server: a command fails at once (nothing waits for the reconnection), then it serves again', async () => {
    const ends: [string, () => Promise<unknown>][] = [
      ['cut on the wire', async () => proxy.cut()],
      ['CLIENT KILL', () => admin.call('CLIENT', 'KILL', 'ADDR', `127.0.0.1:${proxy.upstreamPorts()[0]}`)],
    ];
    for (const [how, end] of ends) {
      await backend.store.put('b', '2', 60_000);
      await end();
      const { error, ms } = await rejection(() => backend.store.get('b'));
      assertUnavailable(error);
      assert.ok(ms < COMMAND_TIMEOUT_MS, `${how}: ${Math.round(ms)} ms`);
      assert.equal(await eventually(() => backend.store.get('b'), 5000), '2', how);
    }
  });

  it('an error Redis answers itself is not an outage', async () => {
    await admin.set(`${prefix}text`, 'not a number');
    const { error } = await rejection(() => backend.store.increment('text', { ttlMs: 60_000 }));
    assert.ok(!isStoreConnectionError(error), String(error));
  });
});
