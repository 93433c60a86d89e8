import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { loadServerSettings } from '../config/server-settings.ts';
import { isStoreConnectionError, type StoreConnectionError } from '../store/store-connection-error.ts';
import { openPlatformStore } from './open-platform-store.ts';

const POSTGRES_URL = process.env.ARBOR_TEST_POSTGRES_URL || undefined;
const REDIS_URL = process.env.ARBOR_TEST_REDIS_URL || undefined;

const roots: string[] = [];
after(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

async function workDir(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'arbor-open-platform-store-'));
  roots.push(root);
  return root;
}

/** A loopback port nobody listens on (bound, then let go). */
async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.ok(address !== null && typeof address === 'object');
  return address.port;
}

/** A loopback server that accepts connections and never says a word. */
async function silentServer(): Promise<{ port: number; server: Server }> {
  const sockets: Array<{ destroy(): void }> = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.on('close', () => sockets.forEach((socket) => socket.destroy()));
  const address = server.address();
  assert.ok(address !== null && typeof address === 'object');
  return { port: address.port, server };
}

/** Opens with `env` and resolves to the connection error and how long it took (fails the test if it opens). */
async function failure(env: Record<string, string>, connectTimeoutMs?: number): Promise<{ error: StoreConnectionError; ms: number; dataDir: string }> {
  const dir = await workDir();
  const dataDir = join(dir, 'data');
  const settings = loadServerSettings({ ARBOR_DATA_DIR: dataDir, ARBOR_ADMIN_PASSWORD: 'Admin-Passw0rd!', ...env }, dir);
  const started = Date.now();
  const logged: string[] = [];
  try {
    const store = await openPlatformStore(settings, (line) => logged.push(line), connectTimeoutMs === undefined ? {} : { connectTimeoutMs });
    await store.close();
  } catch (error) {
    assert.ok(isStoreConnectionError(error), `a StoreConnectionError, got ${String(error)}`);
    assert.deepEqual(logged, [], 'no admin password was generated');
    return { error, ms: Date.now() - started, dataDir };
  }
  assert.fail('the store opened');
}

describe('openPlatformStore: a database or Redis that cannot be used', () => {
  it('Redis that refuses: one sentence naming Redis, the address and ARBOR_REDIS_URL, at once, and no SQLite file', async () => {
    const port = await unusedPort();
    const { error, ms, dataDir } = await failure({ ARBOR_REDIS_URL: `redis://:Sup3r-Secret@127.0.0.1:${port}/0` });
    assert.equal(error.message, `cannot connect to Redis at 127.0.0.1:${port} (ARBOR_REDIS_URL): connection refused`);
    assert.deepEqual([error.code, error.service, error.setting, error.stage], ['STORE_UNAVAILABLE', 'Redis', 'ARBOR_REDIS_URL', 'connect']);
    assert.ok(ms < 3000, `gave up after ${ms} ms`);
    await assert.rejects(readdir(dataDir), /ENOENT/, 'nothing was created');
  });

  it('Redis that never answers: gives up after the time limit', async () => {
    const { port, server } = await silentServer();
    try {
      const { error, ms } = await failure({ ARBOR_REDIS_URL: `redis://127.0.0.1:${port}` }, 500);
      assert.equal(error.message, `cannot connect to Redis at 127.0.0.1:${port} (ARBOR_REDIS_URL): no answer within 0.5 seconds`);
      assert.ok(ms >= 450 && ms < 2500, `gave up after ${ms} ms`);
    } finally {
      server.close();
    }
  });

  it('PostgreSQL that refuses: names PostgreSQL, the address and ARBOR_DATABASE_URL, never the password', async () => {
    const port = await unusedPort();
    const { error, ms, dataDir } = await failure({ ARBOR_DATABASE_URL: `postgres://arbor:Sup3r-Secret@127.0.0.1:${port}/arbor` });
    assert.equal(error.message, `cannot connect to PostgreSQL at 127.0.0.1:${port} (ARBOR_DATABASE_URL): connection refused`);
    assert.ok(!`${error.message}${String(error.stack)}`.includes('Sup3r-Secret'));
    assert.ok(ms < 3000, `gave up after ${ms} ms`);
    await assert.rejects(readdir(dataDir), /ENOENT/);
  });

  it('PostgreSQL that never answers: gives up after the time limit', async () => {
    const { port, server } = await silentServer();
    try {
      const { error, ms } = await failure({ ARBOR_DATABASE_URL: `postgres://arbor@127.0.0.1:${port}/arbor` }, 500);
      assert.equal(error.message, `cannot connect to PostgreSQL at 127.0.0.1:${port} (ARBOR_DATABASE_URL): no answer within 0.5 seconds`);
      assert.ok(ms >= 450 && ms < 2500, `gave up after ${ms} ms`);
    } finally {
      server.close();
    }
  });

  it('a database that does not exist, or a schema that does not, says so in words', { skip: POSTGRES_URL === undefined ? 'ARBOR_TEST_POSTGRES_URL is not set' : false }, async () => {
    const base = new URL(POSTGRES_URL ?? '');
    const missingDb = new URL(base);
    missingDb.pathname = `/arbor_missing_${Date.now().toString(36)}`;
    const address = `${base.hostname}:${base.port || 5432}`;
    const db = await failure({ ARBOR_DATABASE_URL: missingDb.toString() });
    assert.equal(db.error.message, `cannot connect to PostgreSQL at ${address} (ARBOR_DATABASE_URL): database "${missingDb.pathname.slice(1)}" does not exist`);
    const missingSchema = new URL(base);
    missingSchema.searchParams.set('options', '-c search_path=arbor_no_such_schema');
    const schema = await failure({ ARBOR_DATABASE_URL: missingSchema.toString() });
    assert.equal(
      schema.error.message,
      `cannot connect to PostgreSQL at ${address} (ARBOR_DATABASE_URL): no schema of the search_path (arbor_no_such_schema) exists in this database: create it (CREATE SCHEMA …) or fix ?options=-c search_path=…`,
    );
  });

  it('a user without the right to create tables: permission denied, in words', { skip: POSTGRES_URL === undefined ? 'ARBOR_TEST_POSTGRES_URL is not set' : false }, async () => {
    const suffix = `${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    const role = `arbor_ro_${suffix}`;
    const schemaName = `arbor_ro_${suffix}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'Ro-Passw0rd'`);
      await admin.query(`CREATE SCHEMA ${schemaName}`);
      await admin.query(`GRANT USAGE ON SCHEMA ${schemaName} TO ${role}`);
      const url = new URL(POSTGRES_URL ?? '');
      url.username = role;
      url.password = 'Ro-Passw0rd';
      url.searchParams.set('options', `-c search_path=${schemaName}`);
      const { error } = await failure({ ARBOR_DATABASE_URL: url.toString() });
      assert.equal(error.stage, 'setup');
      assert.match(error.message, new RegExp(`^cannot set up PostgreSQL at [^ ]+ \\(ARBOR_DATABASE_URL\\): permission denied: permission denied for schema ${schemaName} \\(the database user must be allowed to create tables`));
      assert.ok(!error.message.includes('Ro-Passw0rd'));
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${schemaName} CASCADE`);
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  });

  it('a reachable Redis opens as before', { skip: REDIS_URL === undefined ? 'ARBOR_TEST_REDIS_URL is not set' : false }, async () => {
    const dir = await workDir();
    const settings = loadServerSettings({ ARBOR_DATA_DIR: join(dir, 'data'), ARBOR_ADMIN_PASSWORD: 'Admin-Passw0rd!', ARBOR_REDIS_URL: REDIS_URL ?? '' }, dir);
    const store = await openPlatformStore(settings, () => undefined);
    try {
      await store.health();
    } finally {
      await store.close();
    }
  });
});
