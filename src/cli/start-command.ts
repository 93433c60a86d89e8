/**
 * `arbor start` (also `npm start`): runs the server until SIGTERM or SIGINT, then shuts down
 * gracefully. Every setting is parsed and checked (`loadServerSettings`, then
 * `checkStartEnvironment`) before anything is created: a bad one exits 2 with
 * `arbor start: <message naming the variable>`, leaving no directory, database or key behind.
 */
import { loadServerSettings } from '../config/server-settings.ts';
import { createPlatform, type Platform } from '../platform/create-platform.ts';
import { openPlatformStore } from '../platform/open-platform-store.ts';
import { checkStartEnvironment, listenError } from './check-start-environment.ts';
import type { CliCommand } from './command.ts';
import { defineCommand } from './define-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';

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
  ARBOR_CORS_ORIGINS    comma-separated browser origins (scheme://host[:port]) allowed to call the API with credentials
  ARBOR_COOKIE_NAME     session cookie name (iPlanetDirectoryPro)
  ARBOR_SECURE_COOKIE   true behind HTTPS; ARBOR_COOKIE_SAMESITE lax|strict|none
  ARBOR_TRUST_PROXY     true behind a reverse proxy that sets X-Forwarded-*
  ARBOR_BODY_LIMIT      largest request body in bytes (262144)
  ARBOR_LOG             false to silence request logs
  ARBOR_DEBUG           true to print stack traces after error messages
Booleans are true/1 or false/0. Every setting is checked before anything is created.
Exit status: 0 after a graceful shutdown, 1 failure (database or Redis unreachable), 2 bad setting.`;

/** Listens, closing everything already opened when that fails (a port taken in the meantime). */
async function listen(platform: Platform, host: string, port: number): Promise<void> {
  try {
    await platform.app.listen({ port, host });
  } catch (error) {
    await platform.close().catch(() => undefined);
    throw listenError(error, host, port);
  }
}

/** The `start` command. */
export const startCommand: CliCommand = defineCommand({
  path: ['start'],
  summary: 'Run the Arbor server',
  usage,
  async run(args, ctx) {
    const { values } = parseCommandArgs({ args, options: { help: { type: 'boolean', short: 'h' } } });
    if (values.help === true) {
      ctx.out(usage);
      return 0;
    }
    const settings = loadServerSettings(ctx.env, process.cwd());
    await checkStartEnvironment(settings);
    // Everything Arbor writes (the SQLite file, the master key) is for its own user only.
    process.umask(0o077);
    const store = await openPlatformStore(settings, ctx.err);
    let platform: Platform;
    try {
      platform = await createPlatform({ settings, store, clock: { now: () => Date.now() }, logger: settings.log, env: ctx.env });
    } catch (error) {
      await store.close().catch(() => undefined);
      throw error;
    }
    for (const notice of platform.notices) ctx.err(notice);
    // Installed before listening: a SIGTERM sent as soon as the address is printed (a supervisor,
    // a test) must stop Arbor gracefully, not kill it with the default action.
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      ctx.out(`${signal}: shutting down`);
      platform.close().then(
        () => process.exit(0),
        (error: unknown) => {
          ctx.err(`arbor start: shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    await listen(platform, settings.host, settings.port);
    const address = platform.app.server.address();
    const port = address !== null && typeof address === 'object' ? address.port : settings.port;
    ctx.out(`Arbor listening on http://${settings.host}:${port} (${store.dialect}${settings.redisUrl ? ' + Redis' : ''}, data in ${settings.databaseUrl ? 'PostgreSQL' : settings.dataDir})`);
    ctx.out(`Sign in: POST ${settings.publicUrl}/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Login`);
    ctx.out(`In a browser: ${settings.publicUrl}/login?realm=alpha (sign up: ${settings.publicUrl}/login?realm=alpha&journey=Registration, your account: ${settings.publicUrl}/account?realm=alpha)`);
    ctx.out(`Apps (OpenID Connect): issuer ${settings.publicUrl}/am/oauth2/realms/root/realms/alpha; add one with: npm run arbor -- clients add <id> --realm alpha --redirect-uri <uri> [--public]`);
    ctx.out(`Administrator: amadmin in realm root (POST ${settings.publicUrl}/am/json/realms/root/authenticate). Add users with: npm run arbor -- user add --realm alpha --username <name> --password <password> --set givenName=<first> --set sn=<last> --set mail=<email>`);
    return 0;
  },
});
