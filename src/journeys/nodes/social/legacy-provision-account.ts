/**
 * Creating the managed user a legacy social sign-in found no account for, from AM's
 * `shared.userInfo` (`attributes`: AM attribute → values, as the legacy social nodes write it):
 * `iplanet-am-user-alias-list` becomes `aliasList` (all values), every other attribute the
 * identity schema has takes its first value (attributes the schema lacks are dropped);
 * `userName` is the first of `userName`/`uid`, `mail`, the alias. The created user is the
 * journey's user (`shared._id`, `shared.username`).
 */
import type { NodeContext } from '../../engine/node-context.ts';
import { ALIAS_PROPERTY, AM_ALIAS_ATTRIBUTE } from './legacy-profile-mapping.ts';
import { USER_INFO_KEY } from './legacy-social-auth-node.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The mapped attributes in shared state, or undefined when no legacy social node wrote them. */
function mappedAttributes(shared: Record<string, unknown>): Record<string, string[]> | undefined {
  const userInfo = shared[USER_INFO_KEY];
  const attributes = isRecord(userInfo) ? userInfo.attributes : undefined;
  if (!isRecord(attributes)) return undefined;
  const mapped: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(attributes)) {
    if (Array.isArray(values)) mapped[name] = values.filter((value): value is string => typeof value === 'string' && value !== '');
  }
  return mapped;
}

/** What provisioning did: the user created, or why not (for the operator's log). */
export type ProvisionResult = { ok: true } | { ok: false; reason: string };

/** Creates the user of `shared.userInfo` (with `password` when given) and identifies it. */
export async function provisionAccount(ctx: NodeContext<unknown>, password: string | undefined): Promise<ProvisionResult> {
  const mapped = mappedAttributes(ctx.state.shared);
  if (mapped === undefined) return { ok: false, reason: 'no user information in shared state (userInfo): a legacy social node must run first' };
  const { properties } = await ctx.services.identity.schema(ctx.identityResource);
  const user: Record<string, unknown> = {};
  const aliases = [...(mapped[AM_ALIAS_ATTRIBUTE] ?? []), ...(mapped[ALIAS_PROPERTY] ?? [])];
  for (const [name, values] of Object.entries(mapped)) {
    if (name === AM_ALIAS_ATTRIBUTE || name === ALIAS_PROPERTY || !Object.hasOwn(properties, name)) continue;
    const [first] = values;
    if (first !== undefined) user[name] = first;
  }
  if (aliases.length > 0 && Object.hasOwn(properties, ALIAS_PROPERTY)) user[ALIAS_PROPERTY] = [...new Set(aliases)];
  const userName = mapped.userName?.[0] ?? mapped.uid?.[0] ?? mapped.mail?.[0] ?? aliases[0];
  if (userName === undefined) return { ok: false, reason: 'the user information has neither a mail address nor an alias to name the account' };
  user.userName = userName;
  if (password !== undefined) user.password = password;
  const created = await ctx.services.identity.createUser(ctx.identityResource, user);
  if (!created.ok) return { ok: false, reason: `the account could not be created: ${created.message}` };
  ctx.state.shared._id = created.user._id;
  ctx.state.shared.username = userName;
  return { ok: true };
}
