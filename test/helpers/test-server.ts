/**
 * Starts a real Arbor server on a loopback port for end-to-end tests, on SQLite in a temporary
 * data directory or on PostgreSQL in a fresh schema, with a clock the test can move forward and
 * a way to mark a test user as having accepted the active terms. CLI commands run in this process
 * on their own store, whose writes are announced to the server's caches: an import takes effect at
 * once, as it will from another process once cache invalidation is shared (scale-out; until then
 * a running server sees a change made by another process within `CACHE_TTL_MS`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { CliContext } from '../../src/cli/command.ts';
import { loadServerSettings } from '../../src/config/server-settings.ts';
import { runCli } from '../../src/main.ts';
import { announceWrites } from '../../src/platform/announce-writes.ts';
import { createPlatform } from '../../src/platform/create-platform.ts';
import { openPlatformStore } from '../../src/platform/open-platform-store.ts';
import type { OutboxRunSummary } from '../../src/selfservice/email/outbox-worker.ts';
import { freePort } from './start-arbor-child.ts';

/** A clock tests move by hand. */
export interface TestClock {
  now(): number;
  advance(ms: number): void;
}

/** A running server. */
export interface TestServer {
  baseUrl: string;
  clock: TestClock;
  /**
   * Runs an `arbor` CLI command against the same store; resolves to `{code, out, err}`. Its writes
   * are announced to the server's caches, unless `announce` is false: then the server learns of
   * them as it would from another process today, within `CACHE_TTL_MS`.
   */
  cli(args: string[], options?: { announce?: boolean }): Promise<{ code: number; out: string; err: string }>;
  /** Delivers the due outbox messages now (one pass of the mail worker) and resolves to its report. */
  flushMail(): Promise<OutboxRunSummary>;
  /**
   * Records on user `userName` of `realm` that they accepted the active terms (`_meta.termsAccepted`),
   * as the alpha `Login` journey's terms step does; nothing when no terms are active. For tests that
   * sign in through that journey but are not about terms.
   */
  acceptActiveTerms(realm: string, userName: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts Arbor; `postgresUrl` switches the store to PostgreSQL (a fresh schema, dropped on close). */
export async function startTestServer(options: { postgresUrl?: string; env?: Record<string, string>; ownPublicUrl?: boolean } = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'arbor-e2e-'));
  let databaseUrl: string | undefined;
  let dropSchema = async (): Promise<void> => {};
  if (options.postgresUrl !== undefined) {
    const schema = `arbor_e2e_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: options.postgresUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const url = new URL(options.postgresUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    databaseUrl = url.toString();
    dropSchema = async () => {
      const client = new pg.Client({ connectionString: options.postgresUrl });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    };
  }
  let offset = 0;
  const clock: TestClock = { now: () => Date.now() + offset, advance: (ms) => (offset += ms) };
  // With `ownPublicUrl`, the server's public URL is the address it listens on (redirects a browser follows: the OpenID provider, the account page's sign-in).
  const port = options.ownPublicUrl === true ? await freePort() : 0;
  const env: Record<string, string | undefined> = {
    ...(port === 0 ? {} : { ARBOR_PUBLIC_URL: `http://127.0.0.1:${port}` }),
    ARBOR_DATA_DIR: dataDir,
    ARBOR_ADMIN_PASSWORD: 'Admin-Passw0rd!',
    ...(databaseUrl === undefined ? {} : { ARBOR_DATABASE_URL: databaseUrl }),
    ...options.env,
  };
  const settings = loadServerSettings(env, dataDir);
  const quiet = (): void => {};
  const store = await openPlatformStore(settings, quiet, { clock });
  const platform = await createPlatform({ settings, store, clock, logger: false });
  await platform.app.listen({ port, host: '127.0.0.1' });
  const address = platform.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no port');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    clock,
    async cli(args, options = {}) {
      let out = '';
      let err = '';
      const openStore = async () => {
        const opened = await openPlatformStore(settings, quiet, { clock });
        return options.announce === false ? opened : announceWrites(opened, platform.cacheInvalidation);
      };
      const ctx: CliContext = { env, out: (l) => (out += `${l}\n`), err: (l) => (err += `${l}\n`), openStore };
      const code = await runCli(args, ctx);
      return { code, out, err };
    },
    flushMail: () => platform.mailer.runOnce(),
    async acceptActiveTerms(realm, userName) {
      const terms = await fetch(`http://127.0.0.1:${address.port}/openidm/selfservice/terms`);
      if (terms.status === 404) return;
      const { version } = (await terms.json()) as { version?: unknown };
      if (typeof version !== 'string') throw new Error(`no active terms version in /openidm/selfservice/terms (${terms.status})`);
      const type = (await store.realms.get(realm))?.userType;
      if (type === undefined) throw new Error(`no realm ${realm}`);
      const [user, ...others] = await platform.identity.findByAttribute(type, 'userName', userName, 2);
      if (user === undefined || others.length > 0) throw new Error(`no single ${type} named ${userName}`);
      const acceptDate = new Date(clock.now()).toISOString();
      await platform.identity.updateMeta(type, user._id, (meta) => ({ ...meta, termsAccepted: { acceptDate, termsVersion: version } }));
    },
    async close() {
      await platform.close();
      await dropSchema();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
