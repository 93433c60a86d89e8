/**
 * The default journeys a capability ships (MFALogin, SocialLogin…): AM REST `{tree, nodes}` files
 * written for `managed/alpha_user`, read once, and installed in every realm that has no journey of
 * that name yet, on the realm's own identity resource. An administrator's journey of the same name
 * is never replaced.
 */
import { readFile } from 'node:fs/promises';
import type { RealmRepository } from '../config/ports.ts';
import { identityResourceOf } from '../config/realm-config.ts';
import type { JourneyDefinition } from '../journeys/engine/tree-model.ts';
import type { JourneyRepository } from '../journeys/ports.ts';
import { parseJourneyJson, readJourneyFile } from '../journeys/trees/read-journey-file.ts';

const TEMPLATE_RESOURCE = 'managed/alpha_user';

/** The journey `name` from the file `journeys/<name>.json` beside `base` (a module's `import.meta.url`). */
export async function readJourneyTemplate(base: string, name: string): Promise<JourneyDefinition> {
  const fileName = `journeys/${name}.json`;
  const content = readJourneyFile(parseJourneyJson(await readFile(new URL(fileName, base), 'utf8'), fileName), fileName);
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

/** The store parts an installation uses. */
export interface JourneyInstallStore {
  realms: Pick<RealmRepository, 'list'>;
  journeys: Pick<JourneyRepository, 'get' | 'put'>;
}

/** Installs the missing `templates` in every realm of `store`; resolves to `<realm>/<name>` of those written. */
export async function installJourneyTemplates(store: JourneyInstallStore, templates: readonly JourneyDefinition[]): Promise<string[]> {
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
