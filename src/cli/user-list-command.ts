/** `arbor user list`: prints a realm's users, one line each, in pages. */
import { parseArgs } from 'node:util';
import { identityForStore } from '../platform/identity-for-store.ts';
import type { CliCommand } from './command.ts';

const usage = `Usage: arbor user list [--realm <realm>] [--limit <n>] [--offset <n>] [--json]

Lists the users of the realm (alpha by default), ordered by id: _id, userName, mail and
accountStatus, or the objects as IDM returns them (without password hashes) as JSON lines with --json.`;

/** The `user list` command. */
export const userListCommand: CliCommand = {
  path: ['user', 'list'],
  summary: 'List the users of a realm',
  usage,
  async run(args, ctx) {
    let values;
    try {
      ({ values } = parseArgs({ args, options: { realm: { type: 'string', default: 'alpha' }, limit: { type: 'string', default: '100' }, offset: { type: 'string', default: '0' }, json: { type: 'boolean', default: false } }, strict: true }));
    } catch (error) {
      ctx.err(`arbor user list: ${(error as Error).message}\n\n${usage}`);
      return 2;
    }
    const limit = Number(values.limit);
    const offset = Number(values.offset);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000 || !Number.isInteger(offset) || offset < 0) {
      ctx.err('arbor user list: --limit must be 1–10000 and --offset 0 or more');
      return 2;
    }
    const store = await ctx.openStore();
    try {
      const realm = await store.realms.get(values.realm);
      if (realm === undefined) {
        ctx.err(`arbor user list: realm "${values.realm}" does not exist`);
        return 1;
      }
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
};
