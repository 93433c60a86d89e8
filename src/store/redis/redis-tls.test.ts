/**
 * ARBOR_REDIS_URL over TLS on loopback, with throwaway CAs (selfsigned) trusted through
 * ARBOR_REDIS_CA_FILE: one server (`rediss://`), a master, its replica and a sentinel
 * (`rediss+sentinel://`: TLS to the sentinel and to the master) and a three-master cluster that
 * announces its nodes by host name, as ElastiCache does (`rediss+cluster://`), each serve the
 * ephemeral store opened as `arbor start` opens it (settings, then `openStore`) and the
 * invalidation channel. A certificate no trusted CA signed, or one for another name, is refused
 * at once with the reason; a plain port within the time limit. Skipped, saying why, without
 * redis-server.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadServerSettings } from '../../config/server-settings.ts';
import { openStore } from '../open-store.ts';
import { isStoreConnectionError } from '../store-connection-error.ts';
import { assertChannelDelivers } from '../testing/assert-channel-delivers.ts';
import {
  type RedisClusterServers,
  type RedisSentinelServers,
  type RedisTlsServer,
  redisCommand,
  redisServerSkip,
  startRedisCluster,
  startRedisSentinel,
  startRedisTlsServer,
} from '../testing/redis-loopback-servers.ts';
import { type ThrowawayTls, throwawayTls } from '../testing/throwaway-tls-certificates.ts';
import { openRedisEphemeral } from './open-redis-ephemeral.ts';
import { readRedisCaFile } from './read-redis-ca-file.ts';

const NOT_TRUSTED = "the server's TLS certificate is not signed by a CA of ARBOR_REDIS_CA_FILE";

/** ARBOR_REDIS_CA_FILE for each CA, relative to the test's directory (the working directory of its settings). */
const BOTH_CA_FILE = join('both', 'ca.pem');
const NAMES_CA_FILE = join('names', 'ca.pem');

describe('Redis over TLS', { skip: redisServerSkip }, () => {
  let dir = '';
  /** A CA and a certificate for localhost and 127.0.0.1 it signed (one server, Sentinel). */
  let both: ThrowawayTls;
  /** A CA and a certificate for the name localhost only it signed (Cluster). */
  let namesOnly: ThrowawayTls;
  /** The certificate of a CA that signed neither. */
  let otherCa = '';

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'arbor-redis-tls-test-'));
    both = await throwawayTls(dir, 'both');
    namesOnly = await throwawayTls(dir, 'names', { namesOnly: true });
    otherCa = readRedisCaFile((await throwawayTls(dir, 'other')).caFile);
  });
  after(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  /** Opens the store `arbor start` opens for `url` and ARBOR_REDIS_CA_FILE=`caFile`, writes `key` and reads it back. */
  async function roundTrip(url: string, caFile: string, key: string): Promise<void> {
    const settings = loadServerSettings({ ARBOR_REDIS_URL: url, ARBOR_REDIS_CA_FILE: caFile }, dir);
    const store = await openStore({ memory: true, redisUrl: settings.redisUrl, redisCa: settings.redisCa, connectTimeoutMs: 3000 });
    try {
      await store.health();
      await store.ephemeral.put(key, 'over-tls', 60_000);
      assert.equal(await store.ephemeral.get(key), 'over-tls');
    } finally {
      await store.close();
    }
  }

  /** The message `url` is refused with when only `ca` is trusted (undefined: the system's CAs); it comes within 3 seconds. */
  async function refusal(url: string, ca: string | undefined): Promise<string> {
    const started = Date.now();
    let message = '';
    await assert.rejects(openRedisEphemeral(url, { connectTimeoutMs: 2000, ca }), (error: unknown) => {
      assert.ok(isStoreConnectionError(error), String(error));
      message = error.message;
      return true;
    });
    assert.ok(Date.now() - started < 3000, `refused after ${Date.now() - started} ms`);
    return message;
  }

  describe('one server (rediss://)', () => {
    let server: RedisTlsServer;
    before(async () => {
      server = await startRedisTlsServer(both);
    });
    after(async () => {
      await server?.stop();
    });

    it('serves the ephemeral store with ARBOR_REDIS_CA_FILE naming the CA', async () => {
      await roundTrip(server.url, BOTH_CA_FILE, 'single');
      assert.equal(await redisCommand(server.port, 'GET', 'arbor:single'), 'over-tls');
      await roundTrip(`rediss://127.0.0.1:${server.tlsPort}`, BOTH_CA_FILE, 'by-address');
    });

    it('refuses a certificate no trusted CA signed, at once and saying so', async () => {
      assert.equal(await refusal(server.url, otherCa), `cannot connect to Redis at localhost:${server.tlsPort}: ${NOT_TRUSTED}`);
      assert.equal(
        await refusal(server.url, undefined),
        `cannot connect to Redis at localhost:${server.tlsPort}: the server's TLS certificate is not signed by a CA this system trusts (set ARBOR_REDIS_CA_FILE to a private CA's certificate)`,
      );
    });

    it('over TLS, a plain port (which answers nothing) fails within the time limit, suggesting the TLS port', async () => {
      const started = Date.now();
      await assert.rejects(openRedisEphemeral(`rediss://localhost:${server.port}`, { connectTimeoutMs: 500, ca: readRedisCaFile(both.caFile) }), {
        message: `cannot connect to Redis at localhost:${server.port}: no answer within 0.5 seconds (over TLS: is that the server's TLS port?)`,
      });
      assert.ok(Date.now() - started < 1500, `failed after ${Date.now() - started} ms`);
    });
  });

  describe('Sentinel (rediss+sentinel://)', () => {
    let servers: RedisSentinelServers;
    let ca = '';
    before(async () => {
      servers = await startRedisSentinel({ tls: both });
      ca = readRedisCaFile(both.caFile);
    });
    after(async () => {
      await servers?.stop();
    });

    it('serves the ephemeral store on the master the sentinel names, both reached in TLS', async () => {
      assert.match(servers.url, /^rediss\+sentinel:\/\//);
      await roundTrip(servers.url, BOTH_CA_FILE, 'sentinel');
      assert.equal(await redisCommand(servers.masterPort, 'GET', 'arbor:sentinel'), 'over-tls');
    });

    it('the invalidation channel delivers over TLS', async () => {
      await assertChannelDelivers(servers.url, { ca });
    });

    it('refuses a sentinel whose certificate no trusted CA signed, at once and saying so', async () => {
      const sentinel = /\/\/([^/]+)\//.exec(servers.url)?.[1] ?? '';
      assert.equal(await refusal(servers.url, otherCa), `cannot connect to Redis at master mymaster via sentinels ${sentinel}: no sentinel answers over TLS (${sentinel}: ${NOT_TRUSTED})`);
    });
  });

  describe('Cluster (rediss+cluster://) announcing host names', () => {
    let servers: RedisClusterServers;
    let ca = '';
    before(async () => {
      servers = await startRedisCluster({ tls: namesOnly, hostname: 'localhost' });
      ca = readRedisCaFile(namesOnly.caFile);
    });
    after(async () => {
      await servers?.stop();
    });

    it('serves the ephemeral store, keys on every master, each node checked against its name', async () => {
      assert.match(servers.url, /^rediss\+cluster:\/\/localhost:/);
      await roundTrip(servers.url, NAMES_CA_FILE, 'cluster');
      const backend = await openRedisEphemeral(servers.url, { prefix: 'spread:', ca });
      try {
        for (let i = 0; i < 20; i++) await backend.store.put(`k${i}`, `v${i}`, 60_000);
        const counts = await Promise.all(servers.ports.map(async (port) => Number(await redisCommand(port, 'DBSIZE'))));
        assert.ok(counts.every((count) => count > 0), `keys per master: ${counts.join(', ')}`);
        for (let i = 0; i < 20; i++) assert.equal(await backend.store.consume(`k${i}`), `v${i}`);
      } finally {
        await backend.close();
      }
    });

    it('the invalidation channel delivers over TLS', async () => {
      await assertChannelDelivers(servers.url, { ca });
    });

    it('refuses nodes whose certificates no trusted CA signed, at once and saying so', async () => {
      const first = /\/\/([^,]+),/.exec(servers.url)?.[1] ?? '';
      assert.equal(await refusal(servers.url, otherCa), `cannot connect to Redis at cluster ${servers.url.replace(/^rediss\+cluster:\/\//, '')}: no node of the cluster answers over TLS (${first}: ${NOT_TRUSTED})`);
    });

    it('refuses a certificate that is not for the name or address connected to', async () => {
      const byAddress = servers.url.replaceAll('localhost', '127.0.0.1');
      assert.match(await refusal(byAddress, ca), /no node of the cluster answers over TLS \(127\.0\.0\.1:\d+: the server's TLS certificate is not for the name or address connected to \(IP: 127\.0\.0\.1 is not in the cert's list: \)\)$/);
      assert.match(
        await refusal(`${servers.url}?servername=redis.example.com`, ca),
        /no node of the cluster answers over TLS \(localhost:\d+: the server's TLS certificate is not for the name or address connected to \(Host: redis\.example\.com\. is not in the cert's altnames: DNS:localhost\)\)$/,
      );
    });
  });
});
