/** The `arbor clients` commands, for the command list. */
import { clientsAddCommand } from './clients-add-command.ts';
import { clientsListCommand } from './clients-list-command.ts';
import { clientsRemoveCommand } from './clients-remove-command.ts';
import type { CliCommand } from './command.ts';

/** `clients add`, `clients list`, `clients remove`. */
export const clientsCommands: readonly CliCommand[] = [clientsAddCommand, clientsListCommand, clientsRemoveCommand];
