/**
 * A managed-object repository that keeps relationships in line with every write, whatever the
 * path (REST, journeys, the identity service): a user written gets the conditional roles its data
 * matches (and loses the others), a role written grants itself to the users its condition
 * matches, an object deleted takes its edges with it. Each such write and its upkeep run in one
 * store transaction: both land, or neither.
 */
import type { ConfigRepository } from '../../config/ports.ts';
import { userTypeOfRoleOrGroup } from '../default-role-schema.ts';
import type { ManagedObjectRepository, StoredManagedObject } from '../ports.ts';
import { conditionalLinks, syncGrantorMembers, syncUserGrants } from './conditional-grants.ts';
import { edgesOf, MAX_EDGES, RELATIONSHIP_TYPE } from './relationship-records.ts';

/** What the upkeep needs: the repository, the configs, and the store's transactions. */
export interface RelationshipUpkeepDeps {
  objects: ManagedObjectRepository;
  configs: ConfigRepository;
  transaction<T>(work: (objects: ManagedObjectRepository) => Promise<T>): Promise<T>;
}

/**
 * How long "this user type has conditional roles" is believed (ms). A sign-in writes its user:
 * while a realm has no role with a condition, that write stays one plain update. A role written
 * here clears it at once; one written by another process is seen within this time (and that
 * write itself matched every user already).
 */
const CONDITIONAL_CHECK_TTL_MS = 5_000;

async function keepUp(objects: ManagedObjectRepository, configs: ConfigRepository, kind: 'user' | 'grantor', written: StoredManagedObject): Promise<void> {
  if (kind === 'user') await syncUserGrants(objects, configs, written.type, written.id, written.data);
  else await syncGrantorMembers(objects, configs, written.type, written.id, written.data);
}

/** `deps.objects` with relationship upkeep on create, update and delete. */
export function withRelationshipUpkeep(deps: RelationshipUpkeepDeps): ManagedObjectRepository {
  const { objects, configs } = deps;
  const conditional = new Map<string, { has: boolean; at: number }>();

  /** True when some grantor of `userType` (a role) has a condition. */
  async function hasConditionalGrantors(userType: string, links: Awaited<ReturnType<typeof conditionalLinks>>): Promise<boolean> {
    const known = conditional.get(userType);
    if (known !== undefined && Date.now() - known.at < CONDITIONAL_CHECK_TTL_MS) return known.has;
    let has = false;
    for (const link of links) {
      const found = await objects.query(link.grantorType, { filter: { op: 'pr', field: [link.conditionField] }, sortKeys: [], pageSize: 1, countTotal: false });
      if (found.items.length > 0) {
        has = true;
        break;
      }
    }
    conditional.set(userType, { has, at: Date.now() });
    return has;
  }

  /** True when writes of `type` need upkeep beyond the write itself. */
  async function upkeepOf(type: string): Promise<'user' | 'grantor' | undefined> {
    if (type === RELATIONSHIP_TYPE) return undefined;
    if (userTypeOfRoleOrGroup(type) !== undefined) {
      conditional.clear();
      return 'grantor';
    }
    const links = await conditionalLinks(configs, type);
    return links.length > 0 && (await hasConditionalGrantors(type, links)) ? 'user' : undefined;
  }

  return {
    ...objects,
    async create(type, id, data, meta) {
      const kind = await upkeepOf(type);
      if (kind === undefined) return objects.create(type, id, data, meta);
      return deps.transaction(async (tx) => {
        const created = await tx.create(type, id, data, meta);
        await keepUp(tx, configs, kind, created);
        return created;
      });
    },
    async update(type, id, data, meta, expectedRev) {
      const kind = await upkeepOf(type);
      if (kind === undefined) return objects.update(type, id, data, meta, expectedRev);
      return deps.transaction(async (tx) => {
        const updated = await tx.update(type, id, data, meta, expectedRev);
        await keepUp(tx, configs, kind, updated);
        return updated;
      });
    },
    async delete(type, id, expectedRev) {
      if (type === RELATIONSHIP_TYPE) return objects.delete(type, id, expectedRev);
      return deps.transaction(async (tx) => {
        const deleted = await tx.delete(type, id, expectedRev);
        // One read gathers at most MAX_EDGES edges: read again until none is left (a role with more members).
        for (let edges = await edgesOf(tx, { collection: `managed/${type}`, id }); edges.length > 0; edges = edges.length < MAX_EDGES ? [] : await edgesOf(tx, { collection: `managed/${type}`, id })) {
          for (const edge of edges) await tx.delete(RELATIONSHIP_TYPE, edge.id);
        }
        return deleted;
      });
    },
  };
}
