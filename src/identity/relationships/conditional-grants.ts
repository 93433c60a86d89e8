/**
 * IDM's conditional roles: a role whose `condition` (a query filter over users) matches a user
 * makes them a member, with an edge marked `_grantType: conditional`. A user's grants are brought
 * in line when the user is written; a role's members when the role is written (every user of the
 * realm is matched again, at most `MAX_CONDITIONAL_MEMBERS` of them, or the role is refused).
 */
import { randomUUID } from 'node:crypto';
import type { ConfigRepository } from '../../config/ports.ts';
import { crestError } from '../crest/errors.ts';
import type { ManagedObjectRepository } from '../ports.ts';
import { matchesQueryFilter } from '../query-filter/evaluate-query-filter.ts';
import { parseQueryFilter } from '../query-filter/parse-query-filter.ts';
import type { QueryFilter } from '../query-filter/query-filter.ts';
import { userTypeOfRoleOrGroup } from '../default-role-schema.ts';
import { schemaForType } from '../schema-for-type.ts';
import type { RelationshipEnd } from './relationship-records.ts';
import { dataOf, edgesOf, MAX_EDGES, otherEnd, RELATIONSHIP_TYPE } from './relationship-records.ts';
import { relationshipProperties } from './relationship-schema.ts';

/** The most users one role's condition may grant to; a role matching more is refused. */
export const MAX_CONDITIONAL_MEMBERS = MAX_EDGES;

/** A user property granted by the condition of objects of another type. */
interface ConditionalLink {
  /** The user's property (`roles`). */
  property: string;
  /** The granting type (`alpha_role`). */
  grantorType: string;
  /** Its property naming the users (`members`). */
  reverse: string;
  /** Its field holding the condition (`condition`). */
  conditionField: string;
}

/** The conditional links of a user type: its relationships to types that have a condition field. */
export async function conditionalLinks(configs: ConfigRepository, userType: string): Promise<ConditionalLink[]> {
  let schema;
  try {
    schema = (await schemaForType(configs, userType)).schema;
  } catch {
    return [];
  }
  const links: ConditionalLink[] = [];
  for (const property of relationshipProperties(schema)) {
    if (!property.many || property.reverse === undefined) continue;
    for (const target of property.targets) {
      const grantorType = /^managed\/([A-Za-z0-9_-]+)$/.exec(target)?.[1];
      if (grantorType === undefined) continue;
      const grantor = await schemaForType(configs, grantorType).catch(() => undefined);
      const field = property.conditionField ?? 'condition';
      if (grantor !== undefined && Object.hasOwn(grantor.schema.properties, field)) links.push({ property: property.name, grantorType, reverse: property.reverse, conditionField: field });
    }
  }
  return links;
}

/** The parsed condition of a grantor, undefined when it has none; BAD_REQUEST when it does not parse. */
export function conditionOf(data: Record<string, unknown>, field: string): QueryFilter | undefined {
  const text = data[field];
  if (text === undefined || text === null || text === '') return undefined;
  if (typeof text !== 'string') throw crestError('BAD_REQUEST', `${field}: a condition is a query filter (text)`);
  try {
    return parseQueryFilter(text);
  } catch (error) {
    throw crestError('BAD_REQUEST', `${field}: ${error instanceof Error ? error.message : 'not a query filter'}`);
  }
}

async function setConditionalEdges(objects: ManagedObjectRepository, from: RelationshipEnd, wanted: Map<string, RelationshipEnd>, clock: () => string): Promise<void> {
  const edges = (await edgesOf(objects, from)).filter((edge) => edge.grantType === 'conditional');
  for (const edge of edges) {
    const other = otherEnd(edge, from);
    if (wanted.has(`${other.collection}/${other.id}`)) wanted.delete(`${other.collection}/${other.id}`);
    else await objects.delete(RELATIONSHIP_TYPE, edge.id);
  }
  for (const other of wanted.values()) {
    const now = clock();
    await objects.create(RELATIONSHIP_TYPE, randomUUID(), dataOf(from, other, 'conditional'), { createDate: now, lastChanged: { date: now } });
  }
}

const nowIso = (): string => new Date().toISOString();

/** Brings the conditional grants of one user in line with its data (undefined: the user is gone). */
export async function syncUserGrants(objects: ManagedObjectRepository, configs: ConfigRepository, userType: string, userId: string, data: Record<string, unknown> | undefined): Promise<void> {
  for (const link of await conditionalLinks(configs, userType)) {
    const wanted = new Map<string, RelationshipEnd>();
    if (data !== undefined) {
      const grantors = await objects.query(link.grantorType, { filter: { op: 'pr', field: [link.conditionField] }, sortKeys: [], pageSize: MAX_EDGES, countTotal: false });
      for (const grantor of grantors.items) {
        let condition: QueryFilter | undefined;
        try {
          condition = conditionOf(grantor.data, link.conditionField);
        } catch {
          continue; // A condition stored before it was checked grants nothing.
        }
        if (condition !== undefined && matchesQueryFilter(condition, { ...data, _id: userId })) {
          wanted.set(`managed/${link.grantorType}/${grantor.id}`, { collection: `managed/${link.grantorType}`, id: grantor.id, property: link.reverse });
        }
      }
    }
    await setConditionalEdges(objects, { collection: `managed/${userType}`, id: userId, property: link.property }, wanted, nowIso);
  }
}

/** Matches every user of the grantor's realm against its condition again (undefined data: the grantor is gone). */
export async function syncGrantorMembers(objects: ManagedObjectRepository, configs: ConfigRepository, grantorType: string, grantorId: string, data: Record<string, unknown> | undefined): Promise<void> {
  const userType = userTypeOfRoleOrGroup(grantorType);
  if (userType === undefined) return;
  for (const link of (await conditionalLinks(configs, userType)).filter((candidate) => candidate.grantorType === grantorType)) {
    const condition = data === undefined ? undefined : conditionOf(data, link.conditionField);
    const wanted = new Map<string, RelationshipEnd>();
    if (condition !== undefined) {
      const users = await objects.query(userType, { filter: condition, sortKeys: [], pageSize: MAX_CONDITIONAL_MEMBERS + 1, countTotal: false });
      if (users.items.length > MAX_CONDITIONAL_MEMBERS) {
        throw crestError('BAD_REQUEST', `${link.conditionField}: the condition matches more than ${MAX_CONDITIONAL_MEMBERS} users; narrow it, or grant the role by hand`);
      }
      for (const user of users.items) wanted.set(`managed/${userType}/${user.id}`, { collection: `managed/${userType}`, id: user.id, property: link.property });
    }
    await setConditionalEdges(objects, { collection: `managed/${grantorType}`, id: grantorId, property: link.reverse }, wanted, nowIso);
  }
}
