/**
 * Redis topologies of a test's own on loopback, in a temporary directory removed afterwards, nothing
 * kept on disk (`--save '' --appendonly no`): a master with one replica watched by one sentinel
 * (`startRedisSentinel`), or a three-master Redis Cluster (`startRedisCluster`). `redisServerSkip`
 * says why such tests are skipped when `redis-server` or `redis-cli` is not on PATH. `stop()`
 * kills every process started, waits for each to exit and removes the directory.
 * With `tls` (a CA and the server certificate it signed, see `throwaway-tls-certificates.ts`),
 * every server also listens in TLS on a port of its own, replicates, monitors and joins its
 * cluster over TLS, and the URL returned is the TLS one (`rediss…`); `startRedisTlsServer` starts
 * one such server alone. The ports returned stay the plain ones: the tests' own checks use them.
 */
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import type { ThrowawayTls } from './throwaway-tls-certificates.ts';

const run = promisify(execFile);

/** Why tests that start Redis servers are skipped here, or false when they can run. */
export const redisServerSkip: string | false = ['redis-server', 'redis-cli'].every((tool) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0)
  ? false
  : 'redis-server and redis-cli are not on PATH';

/** Processes and a directory to clean up. */
interface Servers {
  dir: string;
  children: ChildProcess[];
}

/** Ports already given out by this process (two free ports picked in a row could be the same one). */
const givenOut = new Set<number>();

/** A free loopback port whose cluster bus port (port + 10000) is free too. */
async function freePort(withBus = false): Promise<number> {
  const probe = (port: number): Promise<number | undefined> =>
    new Promise((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(undefined));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : undefined));
      });
    });
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = withBus ? 20_000 + Math.floor(Math.random() * 25_000) : await probe(0);
    if (port === undefined || givenOut.has(port) || (withBus && givenOut.has(port + 10_000)) || (await probe(port)) === undefined) continue;
    if (!withBus || (await probe(port + 10_000)) !== undefined) {
      givenOut.add(port);
      if (withBus) givenOut.add(port + 10_000);
      return port;
    }
  }
  throw new Error('no free loopback port');
}

/** A connection to 127.0.0.1:`port` that never retries. */
function admin(port: number): Redis {
  const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  return client;
}

/** Polls `check` (errors count as "not yet") until it holds; fails after `timeoutMs` naming `what`. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} seconds`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs `command` on the server at `port` and returns its reply. */
export async function redisCommand(port: number, ...command: string[]): Promise<unknown> {
  const client = admin(port);
  try {
    await client.connect();
    const [name = '', ...args] = command;
    return await client.call(name, ...args);
  } finally {
    client.disconnect();
  }
}

/** The arguments that make a server listen in TLS on `tlsPort` with `tls`, and replicate over TLS (no client certificate asked). */
function tlsArgs(tls: ThrowawayTls, tlsPort: number): string[] {
  return ['--tls-port', String(tlsPort), '--tls-cert-file', tls.certFile, '--tls-key-file', tls.keyFile, '--tls-ca-cert-file', tls.caFile, '--tls-auth-clients', 'no', '--tls-replication', 'yes'];
}

/** Starts `redis-server` with `args` (a config file first, when given) and waits until it answers PING. */
async function launch(servers: Servers, port: number, args: string[]): Promise<void> {
  const child = spawn('redis-server', [...args, '--port', String(port), '--bind', '127.0.0.1', '--dir', servers.dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  servers.children.push(child);
  child.on('error', () => undefined);
  await waitFor(`redis-server on port ${port}`, async () => {
    if (child.exitCode !== null) throw new Error(`redis-server on port ${port} exited (${child.exitCode})`);
    return (await redisCommand(port, 'PING')) === 'PONG';
  });
}

/** Kills every child (SIGKILL: nothing to keep), waits for them, removes the directory. */
async function stopAll(servers: Servers): Promise<void> {
  await Promise.all(
    servers.children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    }),
  );
  await rm(servers.dir, { recursive: true, force: true });
}

/** Starts the servers `start` launches in a fresh directory, cleaning up when it fails. */
async function started<T>(prefix: string, start: (servers: Servers) => Promise<T>): Promise<T & { stop(): Promise<void> }> {
  const servers: Servers = { dir: await mkdtemp(join(tmpdir(), prefix)), children: [] };
  try {
    return { ...(await start(servers)), stop: () => stopAll(servers) };
  } catch (error) {
    await stopAll(servers);
    throw error;
  }
}

/** A master, its replica and one sentinel watching them as `mymaster`. */
export interface RedisSentinelServers {
  /** `redis+sentinel://127.0.0.1:<sentinel>/mymaster` (with `tls`: `rediss+sentinel://` and the sentinel's TLS port). */
  url: string;
  masterPort: number;
  replicaPort: number;
  sentinelPort: number;
  stop(): Promise<void>;
}

/** Starts a master, a replica of it and a sentinel, and waits until the sentinel knows both. */
export function startRedisSentinel(options: { tls?: ThrowawayTls } = {}): Promise<RedisSentinelServers> {
  const { tls } = options;
  return started('arbor-redis-sentinel-', async (servers) => {
    const [masterPort, replicaPort, sentinelPort] = [await freePort(), await freePort(), await freePort()];
    // Over TLS each server has a TLS port too: the replica and the sentinel reach the master there.
    const [masterTls, replicaTls, sentinelTls] = tls === undefined ? [undefined, undefined, undefined] : [await freePort(), await freePort(), await freePort()];
    const secure = (port: number | undefined): string[] => (tls === undefined || port === undefined ? [] : tlsArgs(tls, port));
    const masterAddress = String(masterTls ?? masterPort);
    await launch(servers, masterPort, secure(masterTls));
    await launch(servers, replicaPort, ['--replicaof', '127.0.0.1', masterAddress, ...secure(replicaTls)]);
    await waitFor('the replica in sync', async () => /master_link_status:up/.test(String(await redisCommand(replicaPort, 'INFO', 'replication'))));
    // Sentinel rewrites its configuration file: it lives in the temporary directory.
    const config = join(servers.dir, 'sentinel.conf');
    await writeFile(
      config,
      [
        `sentinel monitor mymaster 127.0.0.1 ${masterAddress} 1`,
        'sentinel down-after-milliseconds mymaster 1000',
        'sentinel failover-timeout mymaster 5000',
        'sentinel parallel-syncs mymaster 1',
        '',
      ].join('\n'),
    );
    await launch(servers, sentinelPort, [config, '--sentinel', ...secure(sentinelTls)]);
    await waitFor('the sentinel seeing the replica', async () => {
      const replicas = await redisCommand(sentinelPort, 'SENTINEL', 'REPLICAS', 'mymaster');
      return Array.isArray(replicas) && replicas.length === 1 && !String(replicas[0]).includes('disconnected');
    });
    const url = sentinelTls === undefined ? `redis+sentinel://127.0.0.1:${sentinelPort}/mymaster` : `rediss+sentinel://127.0.0.1:${sentinelTls}/mymaster`;
    return { url, masterPort, replicaPort, sentinelPort };
  });
}

/** Three masters forming a Redis Cluster. */
export interface RedisClusterServers {
  /** `redis+cluster://127.0.0.1:<p1>,127.0.0.1:<p2>,127.0.0.1:<p3>` (with `tls`: `rediss+cluster://` and the TLS ports). */
  url: string;
  ports: number[];
  stop(): Promise<void>;
}

/**
 * Starts three cluster-enabled servers, joins them (`redis-cli --cluster create`) and waits until
 * the cluster is ok. With `tls` the nodes announce their TLS ports and talk over TLS on the bus
 * (`--tls-cluster yes`: the bus port is then the TLS port + 10000). With `hostname` the nodes
 * announce that name instead of their address (as managed clusters such as ElastiCache do) and
 * the URL lists it.
 */
export function startRedisCluster(options: { tls?: ThrowawayTls; hostname?: string } = {}): Promise<RedisClusterServers> {
  const { tls, hostname } = options;
  return started('arbor-redis-cluster-', async (servers) => {
    const ports: number[] = [];
    const announced: number[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort(tls === undefined);
      const tlsPort = tls === undefined ? undefined : await freePort(true);
      const secure = tls === undefined || tlsPort === undefined ? [] : [...tlsArgs(tls, tlsPort), '--tls-cluster', 'yes'];
      const named = hostname === undefined ? [] : ['--cluster-announce-hostname', hostname, '--cluster-preferred-endpoint-type', 'hostname'];
      await launch(servers, port, ['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '2000', ...secure, ...named]);
      ports.push(port);
      announced.push(tlsPort ?? port);
    }
    const cli = tls === undefined ? [] : ['--tls', '--cacert', tls.caFile];
    await run('redis-cli', [...cli, '--cluster', 'create', ...announced.map((port) => `127.0.0.1:${port}`), '--cluster-yes'], { timeout: 20_000 });
    for (const port of ports) {
      await waitFor(`cluster state ok on ${port}`, async () => /cluster_state:ok/.test(String(await redisCommand(port, 'CLUSTER', 'INFO'))));
    }
    return { url: `${tls === undefined ? 'redis' : 'rediss'}+cluster://${announced.map((port) => `${hostname ?? '127.0.0.1'}:${port}`).join(',')}`, ports };
  });
}

/** One server listening in TLS too. */
export interface RedisTlsServer {
  /** `rediss://localhost:<TLS port>`. */
  url: string;
  /** The plain port, for the test's own checks. */
  port: number;
  tlsPort: number;
  stop(): Promise<void>;
}

/** Starts one server with a plain port and a TLS port (certificate `tls`). */
export function startRedisTlsServer(tls: ThrowawayTls): Promise<RedisTlsServer> {
  return started('arbor-redis-tls-', async (servers) => {
    const [port, tlsPort] = [await freePort(), await freePort()];
    await launch(servers, port, tlsArgs(tls, tlsPort));
    return { url: `rediss://localhost:${tlsPort}`, port, tlsPort };
  });
}
