/**
 * `arbor user unlock`: ends the login failure lockout of a user, as `POST
 * /openidm/managed/<type>/<id>?_action=unlock` does: the lock and the failure count go, the run of
 * lockouts starts again, and an account made inactive by a persistent lockout is active again.
 */
import { createLockoutService } from '../identity/lockout-service.ts';
import { identityForStore } from '../platform/identity-for-store.ts';
import { cliError, usageError } from './cli-error.ts';
import type { CliCommand } from './command.ts';
import { defineCommand } from './define-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import { realmOption } from './realm-option.ts';
import { resolveRealm } from './resolve-realm.ts';

const usage = `Usage: arbor user unlock --username <name> [--realm alpha]

Ends the login failure lockout of a user: the lock and the count of failed sign-ins are cleared,
the next lockout lasts the base duration again, and an account that a persistent lockout made
inactive is active again. An account an administrator made inactive stays inactive (set its
accountStatus). The running servers see it at once (the lock lives in the shared store).

Options:
  --username <name>  the user name (required)
  --realm <name>     the user's realm: alpha, /alpha, root or / (default: alpha)
  -h, --help         show this help

Exit status: 0 unlocked (or nothing was locked), 2 usage error, unknown realm or unknown user.

Example:
  arbor user unlock --realm alpha --username bjensen`;

/** The `user unlock` command. */
export const userUnlockCommand: CliCommand = defineCommand({
  path: ['user', 'unlock'],
  summary: 'End the login failure lockout of a user',
  usage,
  async run(args, ctx) {
    const { values } = parseCommandArgs({
      args,
      options: { realm: { type: 'string', default: 'alpha' }, username: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help === true) {
      ctx.out(usage);
      return 0;
    }
    if (values.username === undefined || values.username === '') throw usageError('--username is required');
    realmOption(values.realm);
    const store = await ctx.openStore();
    try {
      const realm = await resolveRealm(store.realms, values.realm);
      const clock = { now: () => Date.now() };
      const { identity } = identityForStore(store, clock);
      const [user, ...others] = await identity.findByAttribute(realm.userType, 'userName', values.username, 2);
      if (user === undefined || others.length > 0) throw cliError('UNKNOWN_USER', `realm ${realm.name} has no user named ${values.username}`, 2);
      const lockout = createLockoutService({ identity, ephemeral: store.ephemeral, settingsFor: async () => realm.lockout, clock });
      const result = await lockout.unlock(realm.userType, user._id);
      if (result === undefined) throw cliError('UNKNOWN_USER', `realm ${realm.name} has no user named ${values.username}`, 2);
      ctx.out(result.unlocked ? `unlocked ${values.username} in realm ${realm.name}` : `${values.username} in realm ${realm.name} was not locked out`);
      return 0;
    } finally {
      await store.close();
    }
  },
});
