/**
 * Relationships as stored: one record per edge, kept as a managed object of the internal type
 * `_relationship` (never served over REST: no managed config may declare a name starting with `_`),
 * so that an edge is written in the same store transaction as the objects it joins, as IDM keeps
 * its `relationships` table beside the objects. A record names both ends (collection, id,
 * property); reading a property of an object finds the records where it is either end.
 */
import type { ManagedObjectRepository, StoredManagedObject } from '../ports.ts';
import type { QueryFilter } from '../query-filter/query-filter.ts';

/** The internal managed type holding relationship records. */
export const RELATIONSHIP_TYPE = '_relationship';

/** How a grant came about: by hand (`''`, as IDM writes it) or from a role's condition. */
export type GrantType = '' | 'conditional';

/** One end of an edge. */
export interface RelationshipEnd {
  /** `managed/alpha_user`, `internal/role`. */
  collection: string;
  id: string;
  /** The property of that object the edge belongs to (`roles`); '' when the end has none (an internal role). */
  property: string;
}

/** A stored edge. */
export interface RelationshipRecord {
  id: string;
  rev: string;
  first: RelationshipEnd;
  second: RelationshipEnd;
  grantType: GrantType;
}

/** The most edges one read gathers (one object's property); a bound, not a page. */
export const MAX_EDGES = 10_000;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The record of a stored object of `RELATIONSHIP_TYPE`. */
export function recordOf(stored: StoredManagedObject): RelationshipRecord {
  const data = stored.data;
  return {
    id: stored.id,
    rev: stored.rev,
    first: { collection: text(data.firstCollection), id: text(data.firstId), property: text(data.firstProperty) },
    second: { collection: text(data.secondCollection), id: text(data.secondId), property: text(data.secondProperty) },
    grantType: data.grantType === 'conditional' ? 'conditional' : '',
  };
}

/** The stored data of an edge. */
export function dataOf(first: RelationshipEnd, second: RelationshipEnd, grantType: GrantType): Record<string, unknown> {
  return {
    firstCollection: first.collection,
    firstId: first.id,
    firstProperty: first.property,
    secondCollection: second.collection,
    secondId: second.id,
    secondProperty: second.property,
    grantType,
  };
}

const eq = (name: string, value: string): QueryFilter => ({ op: 'eq', field: [name], value });

function endFilter(side: 'first' | 'second', end: Partial<RelationshipEnd> & { collection: string; id: string }): QueryFilter {
  const filters = [eq(`${side}Collection`, end.collection), eq(`${side}Id`, end.id)];
  if (end.property !== undefined) filters.push(eq(`${side}Property`, end.property));
  return { op: 'and', filters };
}

/** The edges where an object is an end (under `property`, when given), at most `MAX_EDGES`. */
export async function edgesOf(
  objects: Pick<ManagedObjectRepository, 'query'>,
  end: { collection: string; id: string; property?: string },
): Promise<RelationshipRecord[]> {
  const filter: QueryFilter = { op: 'or', filters: [endFilter('first', end), endFilter('second', end)] };
  const page = await objects.query(RELATIONSHIP_TYPE, { filter, sortKeys: [], pageSize: MAX_EDGES, countTotal: false });
  return page.items.map(recordOf);
}

/** The other end of `record`, seen from `from`. */
export function otherEnd(record: RelationshipRecord, from: { collection: string; id: string; property: string }): RelationshipEnd {
  const isFirst = record.first.collection === from.collection && record.first.id === from.id && record.first.property === from.property;
  return isFirst ? record.second : record.first;
}

/** IDM's answer for an edge seen from one end: `_ref`, `_refResourceCollection`, `_refResourceId`, `_refProperties`. */
export function referenceOf(record: RelationshipRecord, from: { collection: string; id: string; property: string }): Record<string, unknown> {
  const other = otherEnd(record, from);
  return {
    _ref: `${other.collection}/${other.id}`,
    _refResourceCollection: other.collection,
    _refResourceId: other.id,
    _refProperties: { _grantType: record.grantType, _id: record.id, _rev: record.rev },
  };
}
