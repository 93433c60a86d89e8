/**
 * The MFA capability's default journeys, `MFALogin` (password, then an authenticator app, a
 * security key or passkey, or an emailed code; a user without a device is offered to register an
 * authenticator app) and `PasswordlessLogin` (a passkey without a username; otherwise a password
 * and a new passkey), AM REST `{tree, nodes}` files beside this one written for
 * `managed/alpha_user`. They are installed in every realm that has no journey of that name yet,
 * on the realm's own identity resource; an administrator's journey of the same name is never
 * replaced. See docs/mfa.md.
 */
import { readFile } from 'node:fs/promises';
import type { RealmRepository } from '../../config/ports.ts';
import { identityResourceOf } from '../../config/realm-config.ts';
import type { JourneyDefinition } from '../../journeys/engine/tree-model.ts';
import type { JourneyRepository } from '../../journeys/ports.ts';
import { parseJourneyJson, readJourneyFile } from '../../journeys/trees/read-journey-file.ts';

/** The journeys installed, by name. */
export const MFA_JOURNEYS = ['MFALogin', 'PasswordlessLogin'] as const;

const TEMPLATE_RESOURCE = 'managed/alpha_user';

/** The journey `name` as its file holds it (for `managed/alpha_user`). */
export async function mfaJourneyTemplate(name: (typeof MFA_JOURNEYS)[number]): Promise<JourneyDefinition> {
  const fileName = `journeys/${name}.json`;
  const content = readJourneyFile(parseJourneyJson(await readFile(new URL(fileName, import.meta.url), 'utf8'), fileName), fileName);
  const [journey] = content.journeys;
  if (journey === undefined || journey.tree._id !== name) throw new Error(`${fileName} does not hold the journey ${name}`);
  return journey;
}

/** `journey` for a realm whose users are `identityResource`. */
function forResource(journey: JourneyDefinition, identityResource: string): JourneyDefinition {
  const copy = structuredClone(journey);
  copy.tree.identityResource = identityResource;
  for (const config of Object.values(copy.nodes)) if (config.identityResource === TEMPLATE_RESOURCE) config.identityResource = identityResource;
  return copy;
}

/** Installs the missing MFA journeys in every realm; resolves to `<realm>/<name>` of those written. */
export async function installMfaJourneys(store: { realms: Pick<RealmRepository, 'list'>; journeys: Pick<JourneyRepository, 'get' | 'put'> }): Promise<string[]> {
  const templates = await Promise.all(MFA_JOURNEYS.map(mfaJourneyTemplate));
  const installed: string[] = [];
  for (const realm of await store.realms.list()) {
    for (const journey of templates) {
      if ((await store.journeys.get(realm.name, journey.tree._id)) !== undefined) continue;
      await store.journeys.put(realm.name, forResource(journey, identityResourceOf(realm)));
      installed.push(`${realm.name}/${journey.tree._id}`);
    }
  }
  return installed;
}
