/**
 * Makes the ioredis client for a parsed ARBOR_REDIS_URL: one server (`new Redis(url)`), a master
 * found through Sentinel (`new Redis({ sentinels, name })`) or a Redis Cluster
 * (`new Cluster(nodes)`), all with the same behaviour: connect only when asked (`lazyConnect`),
 * never queue a command while disconnected, never send one again after a reconnection, and
 * reconnect with the backoff `retry` gives (null: give up); and ends them (`closeRedisClient`).
 * Every Redis connection Arbor opens comes from here.
 *
 * A TLS target (`rediss…`) gets the same TLS options on every connection: to the data nodes, to
 * the sentinels (`sentinelTLS`) and to every node of a cluster (`redisOptions.tls`). Certificates
 * are always verified, host name or IP address included (`rejectUnauthorized` set explicitly, so
 * NODE_TLS_REJECT_UNAUTHORIZED=0 cannot turn it off); `ca` (ARBOR_REDIS_CA_FILE) replaces the
 * system's CAs when given; the target's `servername` (see `parseRedisUrl`) is sent as SNI and is
 * the name certificates are checked against. A cluster over TLS keeps the host names it is given
 * instead of resolving them first (`dnsLookup`), so that each is verified against its name
 * (managed clusters such as ElastiCache certify names, not addresses).
 */
import type { ConnectionOptions } from 'node:tls';
import { Cluster, type DNSLookupFunction, Redis } from 'ioredis';
import type { RedisTarget } from './parse-redis-url.ts';

/** A client on any of the three forms. */
export type RedisClient = Redis | Cluster;

/** The behaviour every client shares. */
export interface RedisClientOptions {
  /** The time limit of one connection attempt. */
  connectTimeoutMs: number;
  /** Each command's time limit; none when undefined (a subscriber waits indefinitely). */
  commandTimeoutMs: number | undefined;
  /** Delay before reconnection attempt `times`, or null to stop (asked again for each attempt). */
  retry(times: number): number | null;
  /** False for a subscriber that subscribes again itself. */
  autoResubscribe?: boolean;
  /** PEM certificates of the only CAs trusted for TLS (ARBOR_REDIS_CA_FILE); the system's when undefined. */
  ca?: string | undefined;
}

/** The TLS options of every connection to `target`: verified, against `ca` when given, under the target's `servername` when it has one. */
export function redisTlsOptions(target: RedisTarget, ca: string | undefined): ConnectionOptions {
  return { rejectUnauthorized: true, ...(ca === undefined ? {} : { ca }), ...(target.servername === undefined ? {} : { servername: target.servername }) };
}

/** Hands a host name back unresolved: the TLS connection resolves it and checks the certificate against it. */
const keepHostName: DNSLookupFunction = (hostname, callback) => callback(null, hostname);

/** A new, unconnected client for `target`. */
export function createRedisClient(target: RedisTarget, options: RedisClientOptions): RedisClient {
  const connection = {
    connectTimeout: options.connectTimeoutMs,
    ...(options.commandTimeoutMs === undefined ? {} : { commandTimeout: options.commandTimeoutMs }),
    autoResendUnfulfilledCommands: false,
    autoResubscribe: options.autoResubscribe ?? true,
    maxRetriesPerRequest: 0,
    keepAlive: 10_000,
    disconnectTimeout: 500,
  };
  const retry = (times: number): number | null => options.retry(times);
  const tls = target.tls ? redisTlsOptions(target, options.ca) : undefined;
  switch (target.kind) {
    case 'single':
      // ioredis turns TLS on for a URL starting with `rediss://` only: given here whatever its case.
      return new Redis(target.url, { ...connection, lazyConnect: true, enableOfflineQueue: false, retryStrategy: retry, ...(tls === undefined ? {} : { tls }) });
    case 'sentinel':
      return new Redis({
        ...connection,
        lazyConnect: true,
        enableOfflineQueue: false,
        retryStrategy: retry,
        sentinels: target.sentinels,
        name: target.name,
        db: target.db,
        ...(target.username === undefined ? {} : { username: target.username }),
        ...(target.password === undefined ? {} : { password: target.password }),
        ...(target.sentinelUsername === undefined ? {} : { sentinelUsername: target.sentinelUsername }),
        ...(target.sentinelPassword === undefined ? {} : { sentinelPassword: target.sentinelPassword }),
        sentinelCommandTimeout: options.connectTimeoutMs,
        // Hear +switch-master from the sentinels and leave the old master at once, rather than
        // writing to it until it is demoted (writes it takes then are lost).
        failoverDetector: true,
        // When no sentinel answers: the same backoff (and the same giving up before the first success).
        sentinelRetryStrategy: retry,
        // TLS to the master (`tls`, which ioredis uses in Sentinel mode only with the flag) and to the sentinels.
        ...(tls === undefined ? {} : { tls, enableTLSForSentinelMode: true, sentinelTLS: tls }),
      });
    case 'cluster':
      return new Cluster(target.nodes, {
        lazyConnect: true,
        enableOfflineQueue: false,
        clusterRetryStrategy: retry,
        slotsRefreshTimeout: options.connectTimeoutMs,
        ...(tls === undefined ? {} : { dnsLookup: keepHostName }),
        redisOptions: {
          ...connection,
          ...(target.username === undefined ? {} : { username: target.username }),
          ...(target.password === undefined ? {} : { password: target.password }),
          ...(tls === undefined ? {} : { tls }),
        },
      });
  }
}

/**
 * Ends a client: QUIT when it is up, else drop it (and stop its reconnecting). A Sentinel client
 * is dropped after QUIT as well: only that ends the failover detector's connections to the
 * sentinels, which QUIT leaves open (and the process alive).
 */
export async function closeRedisClient(client: RedisClient, target: RedisTarget): Promise<void> {
  if (client.status === 'ready') {
    try {
      await client.quit();
      if (target.kind === 'sentinel') client.disconnect();
      return;
    } catch {
      // Not answered in time: dropped below.
    }
  }
  if (client.status !== 'end' || target.kind === 'sentinel') client.disconnect();
}
