/** `arbor user add`: creates a managed user in a realm, through the same policies as the REST API. */
import { hasErrorCode } from '../identity/errors.ts';
import { withFields } from '../identity/object-fields.ts';
import { identityForStore } from '../platform/identity-for-store.ts';
import { cliError, usageError } from './cli-error.ts';
import type { CliCommand } from './command.ts';
import { coerceAttribute } from './coerce-attribute.ts';
import { defineCommand } from './define-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import { realmOption } from './realm-option.ts';
import { resolveRealm } from './resolve-realm.ts';

const usage = `Usage: arbor user add --username <name> [--password <password>] [--realm alpha] [--set attr=value …]

Creates a user in the realm after checking the realm's password and attribute policies.

Options:
  --username <name>      the user name (required)
  --password <password>  the password; without it the user cannot sign in with a password until
                         they choose one (ResetPassword journey)
  --realm <name>         realm to create the user in: alpha, /alpha, root or / (default: alpha)
  --set attr=value       an attribute, repeatable; nested attributes use / (preferences/marketing=true);
                         values are converted to the schema's type (boolean, number; JSON for objects)
  -h, --help             show this help

Exit status: 0 created, 1 refused by a policy, 2 usage error or unknown realm.

Example:
  arbor user add --realm alpha --username bjensen --password 'Ch4ngeit!' \\
    --set givenName=Babs --set sn=Jensen --set mail=bjensen@example.com`;

/** The `user add` command. */
export const userAddCommand: CliCommand = defineCommand({
  path: ['user', 'add'],
  summary: 'Create a user in a realm',
  usage,
  async run(args, ctx) {
    const { values } = parseCommandArgs({
      args,
      options: { realm: { type: 'string', default: 'alpha' }, username: { type: 'string' }, password: { type: 'string' }, set: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help === true) {
      ctx.out(usage);
      return 0;
    }
    if (values.username === undefined || values.username === '') throw usageError('--username is required');
    realmOption(values.realm);
    const assignments = (values.set ?? []).map((assignment) => {
      const index = assignment.indexOf('=');
      if (index <= 0) throw usageError(`--set needs attr=value, got "${assignment}"`);
      return { path: assignment.slice(0, index), raw: assignment.slice(index + 1) };
    });
    const store = await ctx.openStore();
    try {
      const realm = await resolveRealm(store.realms, values.realm);
      const { identity } = identityForStore(store, { now: () => Date.now() });
      const schema = await identity.schema(realm.userType);
      let attributes: Record<string, unknown> = { userName: values.username };
      if (values.password !== undefined) attributes.password = values.password;
      for (const { path, raw } of assignments) {
        const coerced = coerceAttribute(schema.schema, path, raw);
        if (!coerced.ok) throw cliError('INVALID_INPUT', coerced.message, 2);
        attributes = withFields(attributes, { [coerced.path]: coerced.value });
      }
      try {
        const user = await identity.createUser(realm.userType, attributes);
        ctx.out(`created ${values.username} in realm ${realm.name} (_id ${user._id})`);
        return 0;
      } catch (error) {
        if (hasErrorCode(error, 'POLICY_VALIDATION_FAILED')) throw cliError('REFUSED', `policy validation failed: ${JSON.stringify((error as { detail?: unknown }).detail)}`, 1);
        throw error;
      }
    } finally {
      await store.close();
    }
  },
});
