/** The real CLI context: settings from the environment, console output, the store they name. */
import { loadServerSettings } from '../config/server-settings.ts';
import { openPlatformStore } from '../platform/open-platform-store.ts';
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
      return openPlatformStore(settings, (line) => process.stderr.write(`${line}\n`));
    },
  };
}
