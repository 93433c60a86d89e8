/**
 * The CLI command contract. Each `arbor` command is one object in its own file under `cli/`;
 * `main.ts` dispatches to it. Commands write through `out`/`err`, never to the console directly,
 * so that tests can run them in-process.
 */
import type { Store } from '../store/store.ts';

/** What a command may use. */
export interface CliContext {
  /** Opens the store named by the environment (SQLite in the data directory by default), migrated. */
  openStore(): Promise<Store>;
  env: Record<string, string | undefined>;
  out(line: string): void;
  err(line: string): void;
}

/** One `arbor` command (`journey import`, `user add`…). */
export interface CliCommand {
  /** Words after `arbor`, e.g. `['journey', 'import']`. */
  path: string[];
  /** One line for `arbor --help`. */
  summary: string;
  /** Full help text printed by `--help`. */
  usage: string;
  /** Runs with the arguments after the command path; resolves to the exit code. */
  run(args: string[], ctx: CliContext): Promise<number>;
}
