/**
 * The `arbor` CLI as a module (`bin/arbor.js` is the command, with the compile cache on; running
 * this file directly works too, without the cache): see `cli/cli-main.ts`.
 */
export { commands, groupUsage, runCli, runMain } from './cli/cli-main.ts';
import { runMain } from './cli/cli-main.ts';

if (import.meta.main) await runMain();
