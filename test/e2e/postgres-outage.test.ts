/**
 * A PostgreSQL outage seen by a running Arbor process (`arbor start` as a child), reached through
 * a TCP proxy of the test's own on loopback (`describeArborOutage`): its connections ended during
 * a load, server-side (`pg_terminate_backend`) and on the wire, then the database black-holed.
 * Arbor must stay up, answer only successes or AM's bare 503 while it lasts, fail readiness within
 * about 2 seconds and every request needing the database (configuration reads included) within 5,
 * keep answering liveness, and work again by itself when the database answers. Arbor's schema is
 * a fresh one, dropped afterwards. Skipped without `ARBOR_TEST_POSTGRES_URL`.
 */
import pg from 'pg';
import { describeArborOutage } from '../helpers/describe-arbor-outage.ts';

const POSTGRES_URL = process.env['ARBOR_TEST_POSTGRES_URL'] || undefined;
const schema = `arbor_outage_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
let admin: pg.Client | undefined;

describeArborOutage({
  name: 'PostgreSQL',
  url: POSTGRES_URL,
  variable: 'ARBOR_TEST_POSTGRES_URL',
  defaultPort: 5432,
  serverSideEnd: 'pg_terminate_backend',
  configurationNeedsService: true,
  async setUp(viaProxy) {
    admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    viaProxy.searchParams.set('options', `-c search_path=${schema}`);
    return { ARBOR_DATABASE_URL: viaProxy.toString() };
  },
  async endConnections(ports) {
    // The termination is in the select list: it runs only for the rows the WHERE clause kept
    // (in the WHERE clause itself, PostgreSQL may call it for every session before filtering).
    await admin?.query(
      "select pg_terminate_backend(pid) as terminated from pg_stat_activity where client_addr = '127.0.0.1' and client_port = any($1::int[]) and pid <> pg_backend_pid()",
      [ports],
    );
  },
  async tearDown() {
    await admin?.query(`drop schema if exists ${schema} cascade`);
    await admin?.end();
  },
});
