/**
 * The journeys Arbor ships per realm: JSON files in AM REST `{tree, nodes}` shape under
 * `defaults/<realm>/<Name>.json`, read with the same readers as an import.
 */
import { readdir, readFile } from 'node:fs/promises';
import type { JourneyDefinition } from '../engine/tree-model.ts';
import { parseJourneyJson, readJourneyFile } from './read-journey-file.ts';

const DEFAULTS = new URL('./defaults/', import.meta.url);
const REALM_NAME = /^[A-Za-z0-9_-]+$/;

/** The default journeys of a realm, sorted by name; none for a realm without defaults. */
export async function defaultJourneys(realmName: string): Promise<JourneyDefinition[]> {
  if (!REALM_NAME.test(realmName)) return [];
  const folder = new URL(`${realmName}/`, DEFAULTS);
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const journeys: JourneyDefinition[] = [];
  for (const name of names) {
    const fileName = `defaults/${realmName}/${name}`;
    const content = readJourneyFile(parseJourneyJson(await readFile(new URL(name, folder), 'utf8'), fileName), fileName);
    journeys.push(...content.journeys);
  }
  return journeys;
}
