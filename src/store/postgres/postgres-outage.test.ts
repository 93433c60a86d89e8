/**
 * The PostgreSQL store through an outage, in-process, reached through a TCP proxy on loopback: a
 * connection lost while checked out (inside a transaction, between two statements) must not
 * surface as an unhandled `'error'` event (the test runner fails on one), every outage is a
 * `STORE_UNAVAILABLE` error within the configured time limits, a statement slower than the
 * statement limit is cancelled, index builds are not limited, and the store serves again once
 * the database answers. Skipped without `ARBOR_TEST_POSTGRES_URL`.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { openStore } from '../open-store.ts';
import type { SqlStore } from '../sql/sql-store.ts';
import { assertStoreUnavailable } from '../testing/assert-store-unavailable.ts';
import { proxyServiceUrl } from '../testing/proxy-service-url.ts';
import { rejection } from '../testing/rejection.ts';
import type { TcpProxy } from '../testing/start-tcp-proxy.ts';

const url = process.env['ARBOR_TEST_POSTGRES_URL'] || undefined;

const TIMEOUTS = { connectMs: 500, statementMs: 500, idleMs: 30_000, redisCommandMs: 500 };

/** Polls `condition` every 20 ms until it holds; fails after `deadlineMs`. */
async function eventually(condition: () => Promise<boolean> | boolean, deadlineMs: number, what: string): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`not within ${deadlineMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const assertUnavailable = (error: unknown): void => assertStoreUnavailable(error, 'PostgreSQL');

describe('the PostgreSQL store through an outage', { timeout: 60_000, skip: url === undefined ? 'ARBOR_TEST_POSTGRES_URL is not set' : false }, () => {
  const target = new URL(url ?? 'postgres://unset');
  const schema = `arbor_outage_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  let proxy: TcpProxy;
  let store: SqlStore;

  before(async () => {
    await admin.query(`create schema ${schema}`);
    const proxied = await proxyServiceUrl(target, 5432);
    proxy = proxied.proxy;
    const viaProxy = proxied.viaProxy;
    viaProxy.searchParams.set('options', `-c search_path=${schema}`);
    const opened = await openStore({ databaseUrl: viaProxy.toString(), timeouts: TIMEOUTS });
    assert.ok('db' in opened);
    store = opened as SqlStore;
  });

  after(async () => {
    await store?.close();
    await proxy?.close();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });

  it('a connection lost inside a transaction, between two statements, is STORE_UNAVAILABLE (no unhandled error); the next call serves', async () => {
    const { error } = await rejection(() =>
      store.transaction(async (tx) => {
        await tx.realms.list();
        const [port] = proxy.upstreamPorts();
        const ended = await admin.query<{ terminated: boolean }>(
          "select pg_terminate_backend(pid) as terminated from pg_stat_activity where client_addr = '127.0.0.1' and client_port = any($1::int[]) and state = 'idle in transaction'",
          [proxy.upstreamPorts()],
        );
        assert.ok(port !== undefined && ended.rows.some((row) => row.terminated), 'the transaction’s connection was ended');
        // The checked-out connection hears of its end while nobody queries it: its 'error' event.
        await eventually(() => !proxy.upstreamPorts().includes(port), 5000, 'the server closed the connection');
        await tx.realms.list();
      }),
    );
    assertUnavailable(error);
    assert.deepEqual(await store.realms.list(), []);
  });

  it('connections cut on the wire: STORE_UNAVAILABLE, then it serves again', async () => {
    await store.realms.list();
    proxy.cut();
    const results = await Promise.allSettled([store.realms.list(), store.configs.get('x'), store.ephemeral.get('k')]);
    for (const result of results) if (result.status === 'rejected') assertUnavailable(result.reason);
    assert.deepEqual(await store.realms.list(), []);
  });

  it('black-holed: every call is STORE_UNAVAILABLE within the connect and statement limits, health too; then it serves again', async () => {
    await store.realms.list();
    proxy.pause();
    try {
      const calls = await Promise.all([...Array.from({ length: 14 }, () => rejection(() => store.realms.list())), rejection(() => store.health())]);
      for (const { error, ms } of calls) {
        assertUnavailable(error);
        assert.ok(ms < TIMEOUTS.connectMs + TIMEOUTS.statementMs + 500, `${Math.round(ms)} ms`);
      }
      // Connections lost to the black hole are replaced by new ones, which cannot connect either.
      const again = await rejection(() => store.realms.list());
      assertUnavailable(again.error);
      assert.ok(again.ms < TIMEOUTS.connectMs + TIMEOUTS.statementMs + 500, `${Math.round(again.ms)} ms`);
    } finally {
      proxy.resume();
    }
    await store.health();
    assert.deepEqual(await store.realms.list(), []);
  });

  it('a statement slower than the limit fails with STORE_UNAVAILABLE; the store goes on', async () => {
    const { error } = await rejection(() => sql`select pg_sleep(2)`.execute(store.db));
    assertUnavailable(error);
    assert.match(String(error), /statement_timeout|no answer/);
    await store.health();
  });

  it('index builds are not held to the statement limit', async () => {
    const type = `slow_${randomBytes(3).toString('hex')}`;
    // A lock held for longer than the statement limit makes the index build wait that long.
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query(`lock table ${schema}.managed_objects in share row exclusive mode`);
      const building = store.managedObjects.setSearchableAttributes(type, ['mail']);
      const waited = async (): Promise<boolean> => {
        const rows = await admin.query(
          "select 1 from pg_stat_activity where query ilike 'create index%' and wait_event_type = 'Lock' and now() - query_start > make_interval(secs => $1)",
          [(TIMEOUTS.statementMs * 2) / 1000],
        );
        return (rows.rowCount ?? 0) > 0;
      };
      await eventually(waited, 10_000, 'the index build waited twice the statement limit');
      await locker.query('commit');
      await building;
    } finally {
      await locker.end();
    }
  });
});
