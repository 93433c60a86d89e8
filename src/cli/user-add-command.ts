/** `arbor user add`: creates a managed user in a realm, through the same policies as the REST API. */
import { parseArgs } from 'node:util';
import { hasErrorCode } from '../identity/errors.ts';
import { withFields } from '../identity/object-fields.ts';
import { identityForStore } from '../platform/identity-for-store.ts';
import type { CliCommand } from './command.ts';
import { coerceAttribute } from './coerce-attribute.ts';

const usage = `Usage: arbor user add --realm <realm> --username <name> --password <password> [--set attr=value …]

Creates a user in the realm (alpha by default) after checking the realm's password and
attribute policies. --set may be repeated; nested attributes use / (preferences/marketing=true);
values are converted to the schema's type (boolean, number).

Example:
  arbor user add --realm alpha --username bjensen --password 'Ch4ngeit!' \\
    --set givenName=Babs --set sn=Jensen --set mail=bjensen@example.com`;

/** The `user add` command. */
export const userAddCommand: CliCommand = {
  path: ['user', 'add'],
  summary: 'Create a user in a realm',
  usage,
  async run(args, ctx) {
    let values;
    try {
      ({ values } = parseArgs({ args, options: { realm: { type: 'string', default: 'alpha' }, username: { type: 'string' }, password: { type: 'string' }, set: { type: 'string', multiple: true } }, strict: true }));
    } catch (error) {
      ctx.err(`arbor user add: ${(error as Error).message}\n\n${usage}`);
      return 2;
    }
    if (values.username === undefined || values.username === '') {
      ctx.err(`arbor user add: --username is required\n\n${usage}`);
      return 2;
    }
    const store = await ctx.openStore();
    try {
      const realm = await store.realms.get(values.realm);
      if (realm === undefined) {
        ctx.err(`arbor user add: realm "${values.realm}" does not exist`);
        return 1;
      }
      const { identity } = identityForStore(store, { now: () => Date.now() });
      const schema = await identity.schema(realm.userType);
      let attributes: Record<string, unknown> = { userName: values.username };
      if (values.password !== undefined) attributes.password = values.password;
      for (const assignment of values.set ?? []) {
        const index = assignment.indexOf('=');
        if (index <= 0) {
          ctx.err(`arbor user add: --set needs attr=value, got "${assignment}"`);
          return 2;
        }
        const coerced = coerceAttribute(schema.schema, assignment.slice(0, index), assignment.slice(index + 1));
        if (!coerced.ok) {
          ctx.err(`arbor user add: ${coerced.message}`);
          return 2;
        }
        attributes = withFields(attributes, { [coerced.path]: coerced.value });
      }
      try {
        const user = await identity.createUser(realm.userType, attributes);
        ctx.out(`created ${values.username} in realm ${realm.name} (_id ${user._id})`);
        return 0;
      } catch (error) {
        if (hasErrorCode(error, 'POLICY_VALIDATION_FAILED')) {
          ctx.err(`arbor user add: policy validation failed: ${JSON.stringify((error as { detail?: unknown }).detail)}`);
          return 1;
        }
        throw error;
      }
    } finally {
      await store.close();
    }
  },
};
