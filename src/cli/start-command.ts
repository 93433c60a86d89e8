/** `arbor start` (also `npm start`): runs the server until SIGTERM or SIGINT, then shuts down gracefully. */
import { loadServerSettings } from '../config/server-settings.ts';
import { createPlatform } from '../platform/create-platform.ts';
import { openPlatformStore } from '../platform/open-platform-store.ts';
import type { CliCommand } from './command.ts';

const usage = `Usage: arbor start

Starts Arbor. Settings come from the environment:
  PORT                  port to listen on (8080)
  HOST                  address to listen on (0.0.0.0)
  ARBOR_DATA_DIR        data directory for the embedded SQLite store and the master key (./data)
  ARBOR_DATABASE_URL    postgres://… to use PostgreSQL instead of SQLite
  ARBOR_REDIS_URL       redis://… to keep journeys and sessions in Redis
  ARBOR_ADMIN_PASSWORD  password of the administrator amadmin, on first start (else generated and printed once)
  ARBOR_MASTER_KEY      base64url 32-byte key that encrypts realm keys (else generated into the data directory)
  ARBOR_PUBLIC_URL      the public base URL (http://localhost:<PORT>)
  ARBOR_CORS_ORIGINS    comma-separated browser origins allowed to call the API with credentials
  ARBOR_COOKIE_NAME     session cookie name (iPlanetDirectoryPro)
  ARBOR_SECURE_COOKIE   true behind HTTPS; ARBOR_COOKIE_SAMESITE lax|strict|none
  ARBOR_TRUST_PROXY     true behind a reverse proxy that sets X-Forwarded-*
  ARBOR_LOG             false to silence request logs`;

/** The `start` command. */
export const startCommand: CliCommand = {
  path: ['start'],
  summary: 'Run the Arbor server',
  usage,
  async run(args, ctx) {
    if (args.length > 0) {
      ctx.err(`arbor start: unexpected arguments ${args.join(' ')}\n\n${usage}`);
      return 2;
    }
    let settings;
    try {
      settings = loadServerSettings(ctx.env, process.cwd());
    } catch (error) {
      ctx.err(`arbor start: ${(error as Error).message}`);
      return 2;
    }
    // Everything Arbor writes (the SQLite file, the master key) is for its own user only.
    process.umask(0o077);
    const store = await openPlatformStore(settings, ctx.err);
    const platform = await createPlatform({ settings, store, clock: { now: () => Date.now() }, logger: ctx.env.ARBOR_LOG !== 'false', env: ctx.env });
    for (const notice of platform.notices) ctx.err(notice);
    await platform.app.listen({ port: settings.port, host: settings.host });
    const address = platform.app.server.address();
    const port = address !== null && typeof address === 'object' ? address.port : settings.port;
    ctx.out(`Arbor listening on http://${settings.host}:${port} (${store.dialect}${settings.redisUrl ? ' + Redis' : ''}, data in ${settings.databaseUrl ? 'PostgreSQL' : settings.dataDir})`);
    ctx.out(`Sign in: POST ${settings.publicUrl}/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Login`);
    ctx.out(`Administrator: amadmin in realm root (POST ${settings.publicUrl}/am/json/realms/root/authenticate). Add users with: npm run arbor -- user add --realm alpha --username <name> --password <password> --set givenName=<first> --set sn=<last> --set mail=<email>`);
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      ctx.out(`${signal}: shutting down`);
      platform.close().then(
        () => process.exit(0),
        (error: unknown) => {
          ctx.err(`shutdown failed: ${(error as Error).message}`);
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    return 0;
  },
};
