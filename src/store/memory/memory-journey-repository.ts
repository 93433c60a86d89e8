/**
 * JourneyRepository in memory: per realm and tree name, the current revision and every version
 * kept (definitions as JSON text), with the SQL stores' revision rules: each change a new
 * revision, an equal definition keeps it, replaced and deleted versions readable until purged,
 * the latest of each name never purged (revision numbers are never reused).
 */
import { isDeepStrictEqual } from 'node:util';
import type { JourneyDefinition } from '../../journeys/engine/tree-model.ts';
import type { JourneyRepository, JourneyVersion } from '../../journeys/ports.ts';
import { compareCodePoints } from '../../identity/query-filter/fold-case.ts';
import type { StoreClock } from '../store-clock.ts';
import { fromJsonText, isJsonObject, toJsonText } from './json-text.ts';
import type { MemoryJourney, MemoryJourneyVersion, MemoryState } from './memory-state.ts';
import type { MemoryStateAccess } from './memory-state-access.ts';

/** The stored document has the shape of a journey definition (it was one when it was put). */
function isJourneyDefinition(value: unknown): value is JourneyDefinition {
  if (!isJsonObject(value) || !isJsonObject(value['nodes'])) return false;
  const tree = value['tree'];
  return isJsonObject(tree) && typeof tree['_id'] === 'string' && isJsonObject(tree['nodes']);
}

function decoded(realm: string, name: string, version: MemoryJourneyVersion): JourneyVersion {
  const value = fromJsonText(version.definition);
  if (!isJourneyDefinition(value)) throw new Error(`stored journey ${realm}/${name} (revision ${version.revision}) is not a journey definition`);
  return { revision: version.revision, definition: value };
}

function journeyOf(state: MemoryState, realm: string, name: string): MemoryJourney | undefined {
  return state.journeys.get(realm)?.get(name);
}

function currentVersion(journey: MemoryJourney | undefined): MemoryJourneyVersion | undefined {
  return journey?.current === undefined ? undefined : journey.versions.find((version) => version.revision === journey.current);
}

/** Sets `journey` as the entry of `realm`/`name` (the realm's map is the fork's own: forks copy it). */
function setJourney(state: MemoryState, realm: string, name: string, journey: MemoryJourney): void {
  const journeys = state.journeys.get(realm) ?? new Map<string, MemoryJourney>();
  journeys.set(name, journey);
  state.journeys.set(realm, journeys);
}

/** The versions with the current one marked replaced at `now`. */
function superseded(versions: readonly MemoryJourneyVersion[], now: number): MemoryJourneyVersion[] {
  return versions.map((version) => (version.supersededAt === undefined ? { ...version, supersededAt: now } : version));
}

/** Journeys in the state `access` reaches; `clock` dates replacements. */
export function memoryJourneyRepository(access: MemoryStateAccess, clock: StoreClock): JourneyRepository {
  return {
    async get(realm, name) {
      const version = currentVersion(journeyOf(access.read(), realm, name));
      return version === undefined ? undefined : decoded(realm, name, version).definition;
    },

    async current(realm, name) {
      const version = currentVersion(journeyOf(access.read(), realm, name));
      return version === undefined ? undefined : decoded(realm, name, version);
    },

    async version(realm, name, revision) {
      const version = journeyOf(access.read(), realm, name)?.versions.find((candidate) => candidate.revision === revision);
      return version === undefined ? undefined : decoded(realm, name, version);
    },

    async put(realm, definition) {
      const name = definition.tree._id;
      const text = toJsonText(definition);
      return access.write((state) => {
        const journey = journeyOf(state, realm, name);
        const current = currentVersion(journey);
        if (current !== undefined && isDeepStrictEqual(fromJsonText(current.definition), fromJsonText(text))) return current.revision;
        const versions = journey?.versions ?? [];
        const revision = Math.max(0, ...versions.map((version) => version.revision)) + 1;
        setJourney(state, realm, name, { current: revision, versions: [...superseded(versions, clock.now()), { revision, definition: text, supersededAt: undefined }] });
        return revision;
      });
    },

    async list(realm) {
      const journeys = access.read().journeys.get(realm) ?? new Map<string, MemoryJourney>();
      return [...journeys].filter(([, journey]) => journey.current !== undefined).map(([name]) => name).sort(compareCodePoints);
    },

    async delete(realm, name) {
      return access.write((state) => {
        const journey = journeyOf(state, realm, name);
        if (journey?.current === undefined) return false;
        setJourney(state, realm, name, { current: undefined, versions: superseded(journey.versions, clock.now()) });
        return true;
      });
    },

    async purgeVersions(supersededBefore) {
      return access.write((state) => {
        let purged = 0;
        for (const [realm, journeys] of state.journeys) {
          for (const [name, journey] of journeys) {
            const latest = Math.max(...journey.versions.map((version) => version.revision));
            const kept = journey.versions.filter((version) => version.revision === latest || version.supersededAt === undefined || version.supersededAt >= supersededBefore);
            if (kept.length === journey.versions.length) continue;
            purged += journey.versions.length - kept.length;
            setJourney(state, realm, name, { current: journey.current, versions: kept });
          }
        }
        return purged;
      });
    },
  };
}
