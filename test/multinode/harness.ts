/**
 * The multi-node harness: three `arbor start` processes on loopback ports sharing one fresh
 * PostgreSQL schema and one Redis database claimed for the run (both removed afterwards), the
 * same master key and public URL, behind a round-robin proxy (`round-robin-proxy.ts`) that can
 * pin a request to a node, and a way to kill -9 a node. The first node starts alone (it migrates
 * and bootstraps), the other two together. The nodes' PostgreSQL connections carry the run's own
 * `application_name` (so that a fault test ends only those); a test may bring its own Redis
 * (`redisUrl`). `multinodeSkip` says why the tests cannot run.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { startArborChild, type ArborChild } from '../helpers/start-arbor-child.ts';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy.ts';

const POSTGRES_URL = process.env['ARBOR_TEST_POSTGRES_URL'] || undefined;
const REDIS_URL = process.env['ARBOR_TEST_REDIS_URL'] || undefined;

/** Why the multi-node tests are skipped here, or false when they run. */
export const multinodeSkip: string | false =
  POSTGRES_URL === undefined || REDIS_URL === undefined ? `the multi-node tests need ${POSTGRES_URL === undefined ? 'ARBOR_TEST_POSTGRES_URL' : 'ARBOR_TEST_REDIS_URL'} (PostgreSQL and Redis shared by three processes)` : false;

/** The administrator's password on every node. */
export const MULTINODE_ADMIN_PASSWORD = 'Admin-Passw0rd!';

/** The administrator's `X-OpenIDM-*` headers. */
export const ADMIN_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'x-openidm-username': 'amadmin', 'x-openidm-password': MULTINODE_ADMIN_PASSWORD });

/** A running cluster. */
export interface Cluster {
  /** The proxy: the URL clients use. */
  proxy: RoundRobinProxy;
  url: string;
  nodes: ArborChild[];
  /** The PostgreSQL schema of the run. */
  schema: string;
  /** The `application_name` of every node's PostgreSQL connections (this run's only). */
  applicationName: string;
  /** What the nodes share (database, Redis, master key, public URL): enough for an `arbor` CLI command on the cluster's store. */
  sharedEnv: Readonly<Record<string, string>>;
  /** Kills node `node` with SIGKILL and takes it out of the rotation. */
  kill(node: number): Promise<void>;
  close(): Promise<void>;
}

/** Claims a Redis database (1–15) nobody else's run holds, with a key that expires if the run dies. */
async function claimRedisDatabase(url: string, runId: string): Promise<{ url: string; release(): Promise<void> }> {
  for (let db = 15; db >= 1; db -= 1) {
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${db}`;
    const client = new Redis(dbUrl.toString(), { lazyConnect: true, maxRetriesPerRequest: 0 });
    await client.connect();
    const claimed = await client.set('arbor-multinode-claim', runId, 'PX', 30 * 60_000, 'NX');
    if (claimed === 'OK') {
      return {
        url: dbUrl.toString(),
        async release() {
          // Only the database this run claimed, and only while it still holds the claim.
          if ((await client.get('arbor-multinode-claim')) === runId) await client.flushdb();
          await client.quit();
        },
      };
    }
    await client.quit();
  }
  throw new Error('no free Redis database (1–15) for the multi-node run');
}

/** Starts three nodes and the proxy (about ten seconds). */
export async function startCluster(options: { nodes?: number; env?: Record<string, string>; redisUrl?: string } = {}): Promise<Cluster> {
  if (POSTGRES_URL === undefined || REDIS_URL === undefined) throw new Error(String(multinodeSkip));
  const runId = randomBytes(6).toString('hex');
  const schema = `arbor_multinode_${runId}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const databaseUrl = new URL(POSTGRES_URL);
  databaseUrl.searchParams.set('options', `-c search_path=${schema}`);
  // Names this run's connections, so that a fault test ends only those (the URL's name wins over Arbor's).
  const applicationName = `arbor-${runId}`;
  databaseUrl.searchParams.set('application_name', applicationName);
  // A Redis of the test's own (`redisUrl`) is used whole; otherwise a database of the shared one is claimed.
  const redis = options.redisUrl === undefined ? await claimRedisDatabase(REDIS_URL, runId) : { url: options.redisUrl, release: async () => undefined };
  const proxy = await startRoundRobinProxy();
  const dataDirs: string[] = [];
  const nodes: ArborChild[] = [];
  const env = async (): Promise<Record<string, string>> => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'arbor-multinode-'));
    dataDirs.push(dataDir);
    return {
      ARBOR_DATABASE_URL: databaseUrl.toString(),
      ARBOR_REDIS_URL: redis.url,
      ARBOR_MASTER_KEY: masterKey,
      ARBOR_ADMIN_PASSWORD: MULTINODE_ADMIN_PASSWORD,
      ARBOR_PUBLIC_URL: proxy.url,
      ARBOR_DATA_DIR: dataDir,
      ARBOR_LOG: 'false',
      ...options.env,
    };
  };
  const masterKey = randomBytes(32).toString('base64url');
  const close = async (): Promise<void> => {
    await Promise.all(nodes.map((node) => node.stop()));
    await proxy.close();
    await redis.release().catch(() => undefined);
    await admin.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    await admin.end();
    await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  };
  try {
    nodes.push(await startArborChild(await env()));
    const count = options.nodes ?? 3;
    const others = await Promise.all(Array.from({ length: count - 1 }, async () => startArborChild(await env())));
    nodes.push(...others);
  } catch (error) {
    await close();
    throw error;
  }
  proxy.setTargets(nodes.map((node) => node.baseUrl));
  return {
    proxy,
    url: proxy.url,
    nodes,
    schema,
    applicationName,
    sharedEnv: { ARBOR_DATABASE_URL: databaseUrl.toString(), ARBOR_REDIS_URL: redis.url, ARBOR_MASTER_KEY: masterKey, ARBOR_PUBLIC_URL: proxy.url },
    async kill(node) {
      proxy.down(node);
      await nodes[node]?.kill('SIGKILL');
    },
    close,
  };
}
