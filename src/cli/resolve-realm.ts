/**
 * The realm a command works in, from its `--realm` option: normalized by `realmOption`, then
 * looked up. An unknown realm is a `CliError` `UNKNOWN_REALM` (exit 2) that lists the realms that
 * exist, and points out a difference of case only.
 */
import type { RealmRepository } from '../config/ports.ts';
import { realmPath, type RealmConfig } from '../config/realm-config.ts';
import { cliError } from './cli-error.ts';
import { realmOption } from './realm-option.ts';

/** The realm `raw` names; throws `UNKNOWN_REALM` naming the existing realms when there is none. */
export async function resolveRealm(realms: Pick<RealmRepository, 'get' | 'list'>, raw: string): Promise<RealmConfig> {
  const name = realmOption(raw);
  const realm = await realms.get(name);
  if (realm !== undefined) return realm;
  const names = (await realms.list()).map((existing) => existing.name);
  const sameButCase = names.find((existing) => existing.toLowerCase() === name.toLowerCase());
  const hint = sameButCase === undefined ? '' : `; realm names are case-sensitive: did you mean ${sameButCase}?`;
  const known = names.length === 0 ? 'there is no realm yet' : `the realms are ${names.map((existing) => `${existing} (${realmPath(existing)})`).join(', ')}`;
  throw cliError('UNKNOWN_REALM', `realm ${realmPath(name)} does not exist${hint} (${known})`, 2);
}
