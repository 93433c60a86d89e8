/**
 * The three places Arbor keeps ephemeral state (journey steps, suspended journeys, sessions,
 * counters), opened for a test together with a way to read back every stored value raw: the
 * `ephemeral` table of SQLite (in memory) and of PostgreSQL (in a fresh schema, dropped
 * afterwards), and Redis (under a key prefix unique to the run, removed afterwards). PostgreSQL
 * and Redis are skipped, with the reason, when `ARBOR_TEST_POSTGRES_URL` / `ARBOR_TEST_REDIS_URL`
 * are not set.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { TestClock } from '../../src/platform/testing/in-memory-platform.ts';
import { openStore } from '../../src/store/open-store.ts';
import { openRedisEphemeral } from '../../src/store/redis/open-redis-ephemeral.ts';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store.ts';
import type { SqlStore } from '../../src/store/sql/sql-store.ts';
import type { Store } from '../../src/store/store.ts';

/** One stored ephemeral entry, as the backend holds it. */
export interface RawEntry {
  key: string;
  value: string;
}

/** A backend set up for one test suite. */
export interface OpenedBackend {
  /** Opens (and migrates) the store a platform runs on. */
  open(clock: TestClock): Promise<Store>;
  /** Every entry the backend holds right now, read around Arbor's own code. */
  entries(): Promise<RawEntry[]>;
  tearDown(): Promise<void>;
}

/** A backend a suite may run on, or the reason it is skipped. */
export interface EphemeralBackendCase {
  name: string;
  skip: string | false;
  setUp(): Promise<OpenedBackend>;
}

/** Every row of the SQL `ephemeral` table of the store `opened` last returned. */
function sqlEntries(store: () => Store | undefined): () => Promise<RawEntry[]> {
  return async () => {
    const opened = store();
    assert.ok(opened !== undefined && 'db' in opened, 'the store is open and is a SQL store');
    return (opened as SqlStore).db.selectFrom('ephemeral').select(['key', 'value']).execute();
  };
}

function sqlite(): EphemeralBackendCase {
  return {
    name: 'SQLite',
    skip: false,
    async setUp() {
      let store: Store | undefined;
      return {
        async open(clock) {
          store = await openStore({ memory: true, clock });
          return store;
        },
        entries: sqlEntries(() => store),
        async tearDown() {},
      };
    },
  };
}

function postgres(url: string | undefined): EphemeralBackendCase {
  return {
    name: 'PostgreSQL',
    skip: url === undefined ? 'ARBOR_TEST_POSTGRES_URL is not set' : false,
    async setUp() {
      assert.ok(url !== undefined);
      const schema = `arbor_scan_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      const schemaUrl = new URL(url);
      schemaUrl.searchParams.set('options', `-c search_path=${schema}`);
      let store: Store | undefined;
      return {
        async open(clock) {
          store = await openStore({ databaseUrl: schemaUrl.toString(), clock });
          return store;
        },
        entries: sqlEntries(() => store),
        async tearDown() {
          await admin.query(`drop schema if exists ${schema} cascade`);
          await admin.end();
        },
      };
    },
  };
}

function redis(url: string | undefined): EphemeralBackendCase {
  return {
    name: 'Redis',
    skip: url === undefined ? 'ARBOR_TEST_REDIS_URL is not set' : false,
    async setUp() {
      assert.ok(url !== undefined);
      const prefix = `arbor_scan_${randomBytes(6).toString('hex')}:`;
      const client = new Redis(url, { lazyConnect: true });
      await client.connect();
      const keys = async (): Promise<string[]> => {
        const found: string[] = [];
        let cursor = '0';
        do {
          const [next, batch] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
          found.push(...batch);
          cursor = next;
        } while (cursor !== '0');
        return found;
      };
      return {
        async open(clock) {
          const store = openSqliteStore({ dataDir: '', memory: true, clock, ephemeral: await openRedisEphemeral(url, { prefix }) });
          await store.migrate();
          return store;
        },
        async entries() {
          const entries: RawEntry[] = [];
          for (const key of await keys()) {
            // Every value Arbor writes is a string (SET, INCR); anything else would be a new kind of entry to look at.
            assert.equal(await client.type(key), 'string', `${key} holds a string`);
            const value = await client.get(key);
            if (value !== null) entries.push({ key, value });
          }
          return entries;
        },
        async tearDown() {
          const left = await keys();
          if (left.length > 0) await client.del(...left);
          await client.quit();
        },
      };
    },
  };
}

/** SQLite always; PostgreSQL and Redis when their test URLs are set. */
export function ephemeralBackends(): EphemeralBackendCase[] {
  return [sqlite(), postgres(process.env['ARBOR_TEST_POSTGRES_URL'] || undefined), redis(process.env['ARBOR_TEST_REDIS_URL'] || undefined)];
}
