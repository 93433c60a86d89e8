/**
 * IDM's relationships over Common REST: the edges of one object's relationship property
 * (`/managed/alpha_user/<id>/roles`: list, read, add with `{_ref}`, remove by the edge's id), the
 * same edges seen from the other end (`/managed/alpha_role/<id>/members`), the references and
 * expanded objects `_fields=roles`, `roles/*` or `roles/name` put on an object, and the computed
 * `effectiveRoles`. Edges granted by a role's condition cannot be removed by hand.
 */
import { randomUUID } from 'node:crypto';
import type { ConfigRepository } from '../../config/ports.ts';
import { crestError } from '../crest/errors.ts';
import type { ManagedObjectSchema } from '../managed-schema.ts';
import type { ManagedObjectRepository } from '../ports.ts';
import { schemaForType } from '../schema-for-type.ts';
import type { RelationshipEnd, RelationshipRecord } from './relationship-records.ts';
import { dataOf, edgesOf, otherEnd, recordOf, referenceOf, RELATIONSHIP_TYPE } from './relationship-records.ts';
import type { RelationshipProperty } from './relationship-schema.ts';
import { relationshipProperty } from './relationship-schema.ts';
import { isKnownInternalRole } from './internal-roles.ts';

/** What the service is built from. */
export interface RelationshipServiceDeps {
  objects: ManagedObjectRepository;
  configs: ConfigRepository;
  transaction<T>(work: (objects: ManagedObjectRepository) => Promise<T>): Promise<T>;
  clock: { now(): number };
  newId?: () => string;
}

/** An edge as answered at `/managed/<type>/<id>/<property>[/<edge id>]`. */
export type EdgeResource = Record<string, unknown> & { _id: string; _rev: string };

/** Relationships over CREST. */
export interface RelationshipService {
  /** Every edge of the property (at most `MAX_EDGES`), as IDM lists them. */
  list(type: string, id: string, property: string): Promise<EdgeResource[]>;
  read(type: string, id: string, property: string, edgeId: string): Promise<EdgeResource>;
  /** Adds an edge to `body._ref`; a single reference (`manager`) is replaced. */
  add(type: string, id: string, property: string, body: unknown): Promise<EdgeResource>;
  /** Removes an edge granted by hand; FORBIDDEN for a conditional grant. */
  remove(type: string, id: string, property: string, edgeId: string): Promise<EdgeResource>;
  /**
   * The value of relationship `property` on an object: references, or with `expand` the referenced
   * objects (their default fields, or the `expand` fields) beside the reference fields.
   */
  valueOf(type: string, id: string, property: RelationshipProperty, expand?: readonly string[] | 'all'): Promise<unknown>;
  /** `effectiveRoles`: the roles granted by hand or by condition, each once. */
  effectiveRoles(type: string, id: string, schema: ManagedObjectSchema): Promise<Record<string, unknown>[]>;
  /** The internal roles (`authzRoles`) of an object, by id (`openidm-admin`, `realm-admin-alpha`). */
  internalRolesOf(type: string, id: string): Promise<string[]>;
  /** The ids of the objects of `type` whose effective roles include `roleId`. */
  holdersOfRole(type: string, schema: ManagedObjectSchema, roleId: string): Promise<string[]>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const MANAGED_REF = /^managed\/([A-Za-z0-9_-]+)\/([^/]+)$/;
const INTERNAL_ROLE_REF = /^internal\/role\/([^/]+)$/;

/** Builds the service. */
export function createRelationshipService(deps: RelationshipServiceDeps): RelationshipService {
  const newId = deps.newId ?? randomUUID;

  async function propertyOf(type: string, property: string): Promise<RelationshipProperty> {
    const { schema } = await schemaForType(deps.configs, type);
    const found = relationshipProperty(schema, property);
    if (found === undefined) throw crestError('NOT_FOUND', `managed/${type} has no relationship ${property}`);
    return found;
  }

  async function mustExist(objects: ManagedObjectRepository, type: string, id: string): Promise<void> {
    if ((await objects.get(type, id)) === undefined) throw crestError('NOT_FOUND', `Object ${id} not found in managed/${type}`);
  }

  function endOf(type: string, id: string, property: string): RelationshipEnd {
    return { collection: `managed/${type}`, id, property };
  }

  function resourceOf(record: RelationshipRecord, from: RelationshipEnd): EdgeResource {
    return { _id: record.id, _rev: record.rev, ...referenceOf(record, from) };
  }

  /** The other end of a new edge from `_ref`; BAD_REQUEST when the property cannot point there. */
  async function targetOf(objects: ManagedObjectRepository, relationship: RelationshipProperty, ref: string): Promise<RelationshipEnd> {
    const internal = INTERNAL_ROLE_REF.exec(ref);
    if (internal?.[1] !== undefined && relationship.targets.includes('internal/role')) {
      if (!isKnownInternalRole(internal[1])) throw crestError('BAD_REQUEST', `_ref: there is no internal role ${internal[1]}`);
      return { collection: 'internal/role', id: internal[1], property: '' };
    }
    const managed = MANAGED_REF.exec(ref);
    const targetType = managed?.[1];
    const targetId = managed?.[2];
    if (targetType === undefined || targetId === undefined || !relationship.targets.includes(`managed/${targetType}`)) {
      throw crestError('BAD_REQUEST', `_ref: ${relationship.name} may point to ${relationship.targets.join(', ') || 'nothing'}, not "${ref}"`);
    }
    await mustExist(objects, targetType, targetId).catch(() => {
      throw crestError('BAD_REQUEST', `_ref: ${ref} does not exist`);
    });
    return { collection: `managed/${targetType}`, id: targetId, property: relationship.reverse ?? '' };
  }

  async function findEdge(objects: ManagedObjectRepository, from: RelationshipEnd, edgeId: string): Promise<RelationshipRecord> {
    const stored = await objects.get(RELATIONSHIP_TYPE, edgeId);
    const record = stored === undefined ? undefined : recordOf(stored);
    const belongs = record !== undefined && [record.first, record.second].some((end) => end.collection === from.collection && end.id === from.id && end.property === from.property);
    if (record === undefined || !belongs) throw crestError('NOT_FOUND', `Relationship ${edgeId} not found in ${from.collection}/${from.id}/${from.property}`);
    return record;
  }

  async function expanded(record: RelationshipRecord, from: RelationshipEnd, expand: readonly string[] | 'all'): Promise<Record<string, unknown>> {
    const reference = referenceOf(record, from);
    const other = otherEnd(record, from);
    const type = /^managed\/(.+)$/.exec(other.collection)?.[1];
    if (type === undefined) return reference;
    const stored = await deps.objects.get(type, other.id);
    if (stored === undefined) return reference;
    const { schema } = await schemaForType(deps.configs, type);
    const fields: Record<string, unknown> = { _id: stored.id, _rev: stored.rev };
    for (const [name, value] of Object.entries(stored.data)) {
      const property = schema.properties[name];
      if (property?.scope === 'private' || relationshipProperty(schema, name) !== undefined) continue;
      const wanted = expand === 'all' ? property?.returnByDefault !== false : expand.includes(name);
      if (wanted) fields[name] = structuredClone(value);
    }
    return { ...fields, ...reference };
  }

  return {
    async list(type, id, property) {
      await propertyOf(type, property);
      await mustExist(deps.objects, type, id);
      const from = endOf(type, id, property);
      return (await edgesOf(deps.objects, from)).map((record) => resourceOf(record, from));
    },

    async read(type, id, property, edgeId) {
      await propertyOf(type, property);
      const from = endOf(type, id, property);
      return resourceOf(await findEdge(deps.objects, from, edgeId), from);
    },

    async add(type, id, property, body) {
      const relationship = await propertyOf(type, property);
      if (!isObject(body) || typeof body._ref !== 'string') throw crestError('BAD_REQUEST', 'A relationship is added with {"_ref": "<collection>/<id>"}');
      const ref = body._ref;
      const from = endOf(type, id, property);
      return deps.transaction(async (objects) => {
        await mustExist(objects, type, id);
        const target = await targetOf(objects, relationship, ref);
        const edges = await edgesOf(objects, from);
        const same = edges.find((edge) => edge.grantType === '' && otherEnd(edge, from).collection === target.collection && otherEnd(edge, from).id === target.id);
        if (same !== undefined) throw crestError('CONFLICT', `${ref} is already in ${property} of managed/${type}/${id}`);
        // One reference (`manager`): the new one replaces the old.
        if (!relationship.many) for (const edge of edges) await objects.delete(RELATIONSHIP_TYPE, edge.id);
        const now = new Date(deps.clock.now()).toISOString();
        const created = await objects.create(RELATIONSHIP_TYPE, newId(), dataOf(from, target, ''), { createDate: now, lastChanged: { date: now } });
        return resourceOf(recordOf(created), from);
      });
    },

    async remove(type, id, property, edgeId) {
      await propertyOf(type, property);
      const from = endOf(type, id, property);
      return deps.transaction(async (objects) => {
        const record = await findEdge(objects, from, edgeId);
        if (record.grantType === 'conditional') {
          throw crestError('FORBIDDEN', `Access denied: ${referenceOf(record, from)._ref as string} is granted by a condition; change the condition or the object instead`);
        }
        await objects.delete(RELATIONSHIP_TYPE, record.id);
        return resourceOf(record, from);
      });
    },

    async valueOf(type, id, property, expand) {
      const from = endOf(type, id, property.name);
      const edges = await edgesOf(deps.objects, from);
      const values = await Promise.all(edges.map((edge) => (expand === undefined ? referenceOf(edge, from) : expanded(edge, from, expand))));
      return property.many ? values : (values[0] ?? null);
    },

    async effectiveRoles(type, id, schema) {
      const seen = new Map<string, Record<string, unknown>>();
      for (const name of referencedFields(schema)) {
        const property = relationshipProperty(schema, name);
        if (property === undefined) continue;
        const from = endOf(type, id, name);
        for (const edge of await edgesOf(deps.objects, from)) {
          const other = otherEnd(edge, from);
          const ref = `${other.collection}/${other.id}`;
          if (!seen.has(ref)) seen.set(ref, { _refResourceCollection: other.collection, _refResourceId: other.id, _ref: ref });
        }
      }
      return [...seen.values()];
    },

    async internalRolesOf(type, id) {
      const from = endOf(type, id, 'authzRoles');
      return (await edgesOf(deps.objects, from)).map((edge) => otherEnd(edge, from)).filter((end) => end.collection === 'internal/role').map((end) => end.id);
    },

    async holdersOfRole(type, schema, roleId) {
      const holders = new Set<string>();
      for (const name of referencedFields(schema)) {
        const property = relationshipProperty(schema, name);
        if (property === undefined || property.reverse === undefined) continue;
        for (const target of property.targets) {
          const role: RelationshipEnd = { collection: target, id: roleId, property: property.reverse };
          for (const edge of await edgesOf(deps.objects, role)) {
            const other = otherEnd(edge, role);
            if (other.collection === `managed/${type}`) holders.add(other.id);
          }
        }
      }
      return [...holders];
    },
  };
}

/** The relationship fields `effectiveRoles` is computed from (its `queryConfig`), `roles` by default. */
export function referencedFields(schema: ManagedObjectSchema): string[] {
  const config = schema.properties.effectiveRoles?.queryConfig;
  const fields = isObject(config) && Array.isArray(config.referencedRelationshipFields) ? config.referencedRelationshipFields.filter((field): field is string => typeof field === 'string') : [];
  return fields.length > 0 ? fields : ['roles'];
}
