/** The `arbor secrets` commands, for the command list. */
import type { CliCommand } from './command.ts';
import { secretsDeleteCommand } from './secrets-delete-command.ts';
import { secretsListCommand } from './secrets-list-command.ts';
import { secretsSetCommand } from './secrets-set-command.ts';

/** `secrets set`, `secrets list`, `secrets delete`. */
export const secretsCommands: readonly CliCommand[] = [secretsSetCommand, secretsListCommand, secretsDeleteCommand];
