/**
 * The PostgreSQL LISTEN/NOTIFY invalidation channel against a real server
 * (`ARBOR_TEST_POSTGRES_URL`), in a fresh schema (the channel is named after it) dropped
 * afterwards: the shared channel suite (a change seen by another process's cache within a second;
 * reconnection after `pg_terminate_backend` and after a cut link).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describeInvalidationChannel } from '../testing/describe-invalidation-channel.ts';
import { postgresInvalidationChannel } from './postgres-invalidation-channel.ts';

const POSTGRES_URL = process.env['ARBOR_TEST_POSTGRES_URL'] || undefined;
const schema = `arbor_inv_${randomBytes(6).toString('hex')}`;
let admin: pg.Client | undefined;

describeInvalidationChannel({
  name: 'PostgreSQL',
  url: POSTGRES_URL,
  variable: 'ARBOR_TEST_POSTGRES_URL',
  defaultPort: 5432,
  async setUp(url) {
    admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const inSchema = new URL(url);
    inSchema.searchParams.set('options', `-c search_path=${schema}`);
    return inSchema;
  },
  async tearDown() {
    await admin?.query(`drop schema if exists ${schema} cascade`);
    await admin?.end();
  },
  channel: (url) => postgresInvalidationChannel(url, { connectTimeoutMs: 2000, maxBackoffMs: 500 }),
  async endServerSide(ports) {
    await admin?.query(
      "select pg_terminate_backend(pid) as terminated from pg_stat_activity where client_addr = '127.0.0.1' and client_port = any($1::int[]) and pid <> pg_backend_pid()",
      [ports],
    );
  },
});
