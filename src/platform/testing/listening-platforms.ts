/**
 * Arbor listening on a loopback port, for HTTP tests that race real requests: once with SQLite in
 * memory (durable and ephemeral), once on PostgreSQL (a fresh schema, the `ephemeral` table
 * included, dropped afterwards) and once with the ephemeral store in Redis (under a key prefix
 * unique to the run, removed afterwards). PostgreSQL and Redis are skipped, saying why, when
 * `ARBOR_TEST_POSTGRES_URL` / `ARBOR_TEST_REDIS_URL` are not set.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe } from 'node:test';
import { Redis } from 'ioredis';
import pg from 'pg';
import { openStore } from '../../store/open-store.ts';
import { openRedisEphemeral } from '../../store/redis/open-redis-ephemeral.ts';
import type { PasswordHasher } from '../../identity/password-hasher.ts';
import { openSqliteStore } from '../../store/sqlite/open-sqlite-store.ts';
import { deleteRedisKeys } from '../../store/testing/delete-redis-keys.ts';
import type { Store } from '../../store/store.ts';
import type { TestClock, TestPlatform } from './in-memory-platform.ts';
import { testPlatformOn } from './in-memory-platform.ts';

/** A platform serving HTTP at `baseUrl`. */
export interface ListeningPlatform extends TestPlatform {
  baseUrl: string;
}

/** What a suite may change about the platforms it runs on. */
export interface ListeningOptions {
  /** Settings over the defaults (e.g. `ARBOR_TRUST_PROXY`). */
  env?: Record<string, string>;
  /** Replaces the real password hasher (e.g. one that counts its calls). */
  passwordHasher?: PasswordHasher;
  /** Wraps the opened store before Arbor uses it (e.g. to count its calls); the platform still closes the real one. */
  wrapStore?: (store: Store) => Store;
}

/** The administrator's password on every listening platform. */
export const LISTENING_ADMIN_PASSWORD = 'Admin-Passw0rd!';

/** Where a suite's store lives: how to open it, and what to remove afterwards. */
interface Backend {
  name: string;
  skip: string | false;
  open(clock: TestClock): Promise<{ store: Store; cleanUp(): Promise<void> }>;
}

async function postgresStore(url: string, clock: TestClock): Promise<{ store: Store; cleanUp(): Promise<void> }> {
  const schema = `arbor_listen_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  await admin.query(`create schema ${schema}`);
  const schemaUrl = new URL(url);
  schemaUrl.searchParams.set('options', `-c search_path=${schema}`);
  return {
    store: await openStore({ databaseUrl: schemaUrl.toString(), clock }),
    async cleanUp() {
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    },
  };
}

async function redisStore(url: string, clock: TestClock): Promise<{ store: Store; cleanUp(): Promise<void> }> {
  const prefix = `arbor_listen_${randomBytes(6).toString('hex')}:`;
  const store = openSqliteStore({ dataDir: '', memory: true, clock, ephemeral: await openRedisEphemeral(url, { prefix }) });
  await store.migrate();
  return {
    store,
    async cleanUp() {
      const client = new Redis(url, { lazyConnect: true });
      await client.connect();
      await deleteRedisKeys(client, prefix);
      await client.quit();
    },
  };
}

function backends(): Backend[] {
  const postgresUrl = process.env['ARBOR_TEST_POSTGRES_URL'] || undefined;
  const redisUrl = process.env['ARBOR_TEST_REDIS_URL'] || undefined;
  return [
    { name: 'SQLite', skip: false, open: async (clock) => ({ store: await openStore({ memory: true, clock }), cleanUp: async () => {} }) },
    { name: 'PostgreSQL', skip: postgresUrl === undefined ? 'ARBOR_TEST_POSTGRES_URL is not set' : false, open: (clock) => postgresStore(postgresUrl ?? '', clock) },
    { name: 'Redis', skip: redisUrl === undefined ? 'ARBOR_TEST_REDIS_URL is not set' : false, open: (clock) => redisStore(redisUrl ?? '', clock) },
  ];
}

/** Starts Arbor on `backend`, listening on 127.0.0.1 on a free port. */
async function listen(backend: Backend, options: ListeningOptions = {}): Promise<ListeningPlatform> {
  let cleanUp = async (): Promise<void> => {};
  const platform = await testPlatformOn(
    async (clock) => {
      const opened = await backend.open(clock);
      cleanUp = opened.cleanUp;
      return options.wrapStore === undefined ? opened.store : options.wrapStore(opened.store);
    },
    { ...options.env, ARBOR_ADMIN_PASSWORD: LISTENING_ADMIN_PASSWORD },
    options.passwordHasher === undefined ? {} : { passwordHasher: options.passwordHasher },
  );
  await platform.app.listen({ port: 0, host: '127.0.0.1' });
  const address = platform.app.server.address();
  assert.ok(address !== null && typeof address === 'object', 'the server listens on a port');
  return {
    ...platform,
    baseUrl: `http://127.0.0.1:${address.port}`,
    async close() {
      await platform.close();
      await cleanUp();
    },
  };
}

/** Runs `suite` on a listening Arbor once per backend (SQLite; PostgreSQL and Redis when configured). */
export function onEveryBackend(title: string, suite: (arbor: () => ListeningPlatform) => void, options: ListeningOptions = {}): void {
  for (const backend of backends()) {
    describe(`${title} (${backend.name})`, { skip: backend.skip }, () => {
      let platform: ListeningPlatform | undefined;
      before(async () => {
        platform = await listen(backend, options);
      });
      after(async () => platform?.close());
      suite(() => {
        assert.ok(platform !== undefined, 'the platform is not open');
        return platform;
      });
    });
  }
}
