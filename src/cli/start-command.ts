/**
 * `arbor start` (also `npm start`): runs the server until SIGTERM or SIGINT, then shuts down
 * gracefully. Every setting is parsed and checked (`loadServerSettings`, the worker count, then
 * `checkStartEnvironment`) before anything is created: a bad one exits 2 with
 * `arbor start: <message naming the variable>`, leaving no directory, database or key behind.
 * With one worker (SQLite, or `--workers 1`) Arbor runs in this process; with more, this process
 * is the primary of a `node:cluster` (`start-primary.ts`) and each worker runs `start-worker.ts`.
 * The server's modules (the platform, Fastify, the OpenID provider…) are loaded only here, when
 * Arbor is to serve: every other command starts without them (`cli-main.ts` imports this file).
 */
import cluster from 'node:cluster';
import os from 'node:os';
import { booleanSetting, loadServerSettings } from '../config/server-settings.ts';
import { checkStartEnvironment } from './check-start-environment.ts';
import type { CliCommand } from './command.ts';
import { defineCommand } from './define-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import { WORKERS_ENV, workerCount } from './worker-count.ts';

const usage = `Usage: arbor start [--workers N]

Starts Arbor.
  --workers N           processes serving requests, sharing the port (also ${WORKERS_ENV}); default:
                        one per core on PostgreSQL, 1 on SQLite (which one process uses alone:
                        more is refused). SIGTERM stops them all gracefully; SIGHUP replaces
                        them one at a time; one that crashes is restarted, and a crash loop (5
                        exits within a minute) stops Arbor
Settings come from the environment:
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
  ARBOR_EXPOSE_WORKER   true to name the serving worker's pid in an x-arbor-worker header (with --workers)
Booleans are true/1 or false/0. Every setting is checked before anything is created.
Exit status: 0 after a graceful shutdown, 1 failure (database or Redis unreachable), 2 bad setting.`;

/** The `start` command. */
export const startCommand: CliCommand = defineCommand({
  path: ['start'],
  summary: 'Run the Arbor server',
  usage,
  async run(args, ctx) {
    const { values } = parseCommandArgs({ args, options: { help: { type: 'boolean', short: 'h' }, workers: { type: 'string' } } });
    if (values.help === true) {
      ctx.out(usage);
      return 0;
    }
    const settings = loadServerSettings(ctx.env, process.cwd());
    const exposeWorker = booleanSetting(ctx.env, 'ARBOR_EXPOSE_WORKER', false);
    if (cluster.isWorker) {
      // Forked by the primary, which has checked everything already.
      process.umask(0o077);
      const { runWorker } = await import('./start-worker.ts');
      return runWorker(settings, ctx, { exposeWorker });
    }
    const workers = workerCount({ option: values.workers, env: ctx.env, sharedStore: settings.databaseUrl !== undefined, cores: os.availableParallelism() });
    await checkStartEnvironment(settings);
    // Everything Arbor writes (the SQLite file, the master key) is for its own user only.
    process.umask(0o077);
    if (workers > 1) {
      const { runPrimary } = await import('./start-primary.ts');
      return runPrimary(settings, ctx, { workers });
    }
    const { serveOneProcess } = await import('./serve-one-process.ts');
    return serveOneProcess(settings, ctx);
  },
});
