/** `arbor user list`: prints a realm's users, one line each, in pages. */
import { identityForStore } from '../platform/identity-for-store.ts';
import type { CliCommand } from './command.ts';
import { defineCommand } from './define-command.ts';
import { integerOption } from './integer-option.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import { realmOption } from './realm-option.ts';
import { resolveRealm } from './resolve-realm.ts';

const usage = `Usage: arbor user list [--realm alpha] [--limit 100] [--offset 0] [--json]

Lists the users of the realm, ordered by id: _id, userName, mail and accountStatus, or the
objects as IDM returns them (without password hashes) as JSON lines with --json.

Options:
  --realm <name>  realm to list: alpha, /alpha, root or / (default: alpha)
  --limit <n>     users per page, 1 to 10000 (default: 100)
  --offset <n>    users to skip, 0 or more (default: 0)
  --json          one JSON object per user
  -h, --help      show this help

Exit status: 0, 2 usage error or unknown realm.`;

/** The `user list` command. */
export const userListCommand: CliCommand = defineCommand({
  path: ['user', 'list'],
  summary: 'List the users of a realm',
  usage,
  async run(args, ctx) {
    const { values } = parseCommandArgs({
      args,
      options: { realm: { type: 'string', default: 'alpha' }, limit: { type: 'string', default: '100' }, offset: { type: 'string', default: '0' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help === true) {
      ctx.out(usage);
      return 0;
    }
    const limit = integerOption('limit', values.limit, 1, 10_000);
    const offset = integerOption('offset', values.offset, 0);
    realmOption(values.realm);
    const store = await ctx.openStore();
    try {
      const realm = await resolveRealm(store.realms, values.realm);
      const { identity } = identityForStore(store, { now: () => Date.now() });
      const page = await identity.listUsers(realm.userType, { limit, offset });
      for (const user of page.items) {
        if (values.json) {
          ctx.out(JSON.stringify({ _id: user._id, _rev: user._rev, ...user.attributes }));
        } else {
          const a = user.attributes;
          ctx.out([user._id, a.userName ?? '', a.mail ?? '', a.accountStatus ?? ''].map(String).join('\t'));
        }
      }
      if (!values.json) ctx.err(`${page.items.length} of ${page.total} users in realm ${realm.name}`);
      return 0;
    } finally {
      await store.close();
    }
  },
});
