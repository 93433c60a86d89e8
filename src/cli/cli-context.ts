/**
 * The real CLI context: settings from the environment, console output, the store they name. On a
 * shared store (PostgreSQL), what a command writes is announced to the running servers
 * (`announce-cli-writes.ts`); on SQLite they read it again within their cache time.
 */
import { loadServerSettings } from '../config/server-settings.ts';
import { openCacheInvalidation } from '../platform/open-cache-invalidation.ts';
import { openPlatformStore } from '../platform/open-platform-store.ts';
import { auditedCliStore } from '../platform/audit/platform-audit.ts';
import { announceCliWrites } from './announce-cli-writes.ts';
import type { CliContext } from './command.ts';

/** Builds the context for a CLI run in this process. */
export function cliContext(env: Record<string, string | undefined>): CliContext {
  return {
    env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    async openStore() {
      // Whatever a command creates (a new data directory, the SQLite file, exports) is the operator's alone.
      process.umask(0o077);
      const settings = loadServerSettings(env, process.cwd());
      const warn = (line: string): void => void process.stderr.write(`${line}\n`);
      const opened = await openPlatformStore(settings, warn);
      const store = opened.dialect === 'postgres' ? announceCliWrites(opened, (onError) => openCacheInvalidation(settings, { onError }), warn) : opened;
      // What a command writes to users, journeys and configuration is audited as the server's writes are.
      return auditedCliStore(store, env);
    },
  };
}
