/**
 * The store a run measures: SQLite in a fresh temporary data directory, or PostgreSQL in a fresh
 * schema (every connection's search_path set to it), dropped afterwards. Either way the settings
 * name a fixed master key, so that every start on the data reads the same realm keys.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type StoreKind = 'sqlite' | 'postgres';

export interface BenchStore {
  kind: StoreKind;
  label: string;
  /** The ARBOR_* settings every process on this store gets. */
  settings: Record<string, string>;
  dataDir: string;
  /** Drops the schema and removes the data directory. */
  dispose(): Promise<void>;
}

/** A fixed master key (base64url of 32 bytes): the same for every start of a run. */
const MASTER_KEY = createHash('sha256').update('arbor bench/login master key').digest('base64url');
export const ADMIN_PASSWORD = 'Admin-Passw0rd!';

async function runStatement(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Prepares a fresh store of `kind`; PostgreSQL needs `postgresUrl`. Arbor runs `workers` worker
 * processes (always set: on PostgreSQL its default is one per core), with Redis when `redisUrl` is given.
 */
export async function prepareStore(kind: StoreKind, postgresUrl: string | undefined, cluster: { workers: number; redisUrl?: string | undefined } = { workers: 1 }): Promise<BenchStore> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'arbor-bench-login-'));
  const settings: Record<string, string> = { ARBOR_DATA_DIR: dataDir, ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD, ARBOR_MASTER_KEY: MASTER_KEY, ARBOR_WORKERS: String(cluster.workers) };
  if (cluster.redisUrl !== undefined) settings.ARBOR_REDIS_URL = cluster.redisUrl;
  if (kind === 'sqlite') {
    return { kind, label: 'SQLite', settings, dataDir, dispose: () => rm(dataDir, { recursive: true, force: true }) };
  }
  if (postgresUrl === undefined) throw new Error('PostgreSQL needs ARBOR_BENCH_POSTGRES_URL or ARBOR_TEST_POSTGRES_URL');
  const schema = `arbor_bench_${randomBytes(6).toString('hex')}`;
  try {
    await runStatement(postgresUrl, `create schema ${schema}`);
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  settings.ARBOR_DATABASE_URL = url.toString();
  return {
    kind,
    label: `PostgreSQL (${new URL(postgresUrl).host}, schema ${schema})${cluster.redisUrl === undefined ? '' : ` + Redis (${new URL(cluster.redisUrl).host})`}${cluster.workers > 1 ? `, ${cluster.workers} Arbor workers` : ''}`,
    settings,
    dataDir,
    async dispose() {
      try {
        await runStatement(postgresUrl, `drop schema if exists ${schema} cascade`);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}
