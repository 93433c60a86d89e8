/**
 * `arbor admin reset-password`: regains the administrator from the machine Arbor runs on, when
 * its password is forgotten or it is locked out: sets a new password (generated and printed once
 * when none is given), ends the administrator's lockout (and a deactivation), and ends every
 * session of the administrator on every server, through the same account-change hook as a
 * password change over REST.
 */
import { ADMIN_REALM, ADMINISTRATOR_NAMES } from '../identity/administrators.ts';
import { hasErrorCode } from '../identity/errors.ts';
import { createLockoutService } from '../identity/lockout-service.ts';
import { describeFailures, generatedPassword } from '../platform/bootstrap-platform.ts';
import { endSessionsOnAccountChange } from '../platform/end-sessions-on-account-change.ts';
import { identityForStore } from '../platform/identity-for-store.ts';
import { createSessionService } from '../sessions/session-service.ts';
import { cliError } from './cli-error.ts';
import type { CliCommand } from './command.ts';
import { defineCommand } from './define-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';

const ADMINISTRATOR = ADMINISTRATOR_NAMES[0] ?? 'amadmin';

const usage = `Usage: arbor admin reset-password [--password <password>]

Sets a new password for the administrator ${ADMINISTRATOR} of the root realm, from the machine
Arbor runs on (with the same ARBOR_DATA_DIR / ARBOR_DATABASE_URL / ARBOR_REDIS_URL as the server):
the way back in when its password is forgotten or it is locked out. The password must pass the
root realm's password policy. The administrator's lockout ends, an inactive administrator is
active again, and every session of the administrator ends on every server.

Options:
  --password <password>  the new password; without it one is generated and printed, once
  -h, --help             show this help

Exit status: 0 reset, 1 refused by the password policy (or no administrator yet: run arbor start
first), 2 usage error.

Example:
  arbor admin reset-password --password 'N3w-Admin-Passw0rd!'`;

/** The `admin reset-password` command. */
export const adminResetPasswordCommand: CliCommand = defineCommand({
  path: ['admin', 'reset-password'],
  summary: 'Set a new password for the administrator (and end its lockout and sessions)',
  usage,
  async run(args, ctx) {
    const { values } = parseCommandArgs({ args, options: { password: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help === true) {
      ctx.out(usage);
      return 0;
    }
    if (values.password === '') throw cliError('INVALID_INPUT', '--password must not be empty (leave it out to have one generated)', 2);
    const store = await ctx.openStore();
    try {
      const realm = await store.realms.get(ADMIN_REALM);
      if (realm === undefined) throw cliError('REFUSED', 'there is no root realm yet: run arbor start once first', 1);
      const clock = { now: () => Date.now() };
      const sessions = createSessionService({ ephemeral: store.ephemeral, clock });
      const { identity } = identityForStore(store, clock, { onAccountChanged: endSessionsOnAccountChange({ sessions, realms: store.realms }) });
      const [admin] = await identity.findByAttribute(realm.userType, 'userName', ADMINISTRATOR, 2);
      if (admin === undefined) throw cliError('REFUSED', `there is no administrator ${ADMINISTRATOR} yet: run arbor start once first (it creates it)`, 1);
      const password = values.password ?? generatedPassword();
      try {
        // The write announces the new password: every session of the administrator ends.
        await identity.patchUser(realm.userType, admin._id, { password });
      } catch (error) {
        if (hasErrorCode(error, 'POLICY_VALIDATION_FAILED')) {
          throw cliError('REFUSED', `the password does not meet the root realm's password policy: ${describeFailures((error as { detail?: unknown }).detail)}`, 1);
        }
        throw error;
      }
      const lockout = createLockoutService({ identity, ephemeral: store.ephemeral, settingsFor: async () => realm.lockout, clock });
      await lockout.unlock(realm.userType, admin._id);
      const after = await identity.getUser(realm.userType, admin._id);
      if (typeof after?.attributes.accountStatus === 'string' && after.attributes.accountStatus.toLowerCase() === 'inactive') {
        await identity.setAccountStatus(realm.userType, admin._id, 'active');
      }
      if (values.password === undefined) ctx.out(`Generated password for ${ADMINISTRATOR} (shown once, keep it): ${password}`);
      ctx.out(`reset the password of ${ADMINISTRATOR} in realm root; its lockout and its sessions ended`);
      return 0;
    } finally {
      await store.close();
    }
  },
});
