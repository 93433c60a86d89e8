/**
 * The relationship side of managed-object answers and queries: the relationship fields `_fields`
 * asks for (`roles` as references, `roles/*` or `roles/name` expanded, `*_ref` every one),
 * `effectiveRoles` computed (returned by default, as IDM's virtual property), and a query's
 * `effectiveRoles/_refResourceId eq "<role id>"` turned into the ids of the role's holders.
 */
import type { FieldSelection } from '../crest/field-selection.ts';
import type { ReadableProperty } from '../crest/project-resource.ts';
import { crestError } from '../crest/errors.ts';
import type { ManagedObjectSchema } from '../managed-schema.ts';
import type { QueryFilter } from '../query-filter/query-filter.ts';
import { MAX_EDGES } from './relationship-records.ts';
import { relationshipProperties, relationshipProperty } from './relationship-schema.ts';
import type { RelationshipService } from './relationship-service.ts';
import { referencedFields } from './relationship-service.ts';

const EFFECTIVE_ROLES = 'effectiveRoles';

/** The relationship fields (and `effectiveRoles`) of one object, as `selection` asks for them. */
export async function relationshipFields(
  relationships: RelationshipService,
  type: string,
  id: string,
  schema: ManagedObjectSchema,
  selection: FieldSelection,
  readable: ReadableProperty = () => true,
): Promise<Record<string, unknown>> {
  const fields: Record<string, unknown> = {};
  for (const property of relationshipProperties(schema)) {
    if (!readable(property.name) || schema.properties[property.name]?.scope === 'private') continue;
    const pointers = selection.pointers.filter((pointer) => pointer[0] === property.name);
    if (!selection.references && pointers.length === 0) continue;
    const expandAll = pointers.some((pointer) => pointer[1] === '*');
    const expandSome = pointers.flatMap((pointer) => (pointer.length > 1 && pointer[1] !== '*' && pointer[1] !== undefined ? [pointer[1]] : []));
    const expand = expandAll ? 'all' : expandSome.length > 0 ? expandSome : undefined;
    fields[property.name] = await relationships.valueOf(type, id, property, expand);
  }
  const effective = schema.properties[EFFECTIVE_ROLES];
  const asked = selection.pointers.some((pointer) => pointer[0] === EFFECTIVE_ROLES) || (selection.defaults && effective?.returnByDefault === true);
  if (effective?.isVirtual === true && asked && readable(EFFECTIVE_ROLES)) fields[EFFECTIVE_ROLES] = await relationships.effectiveRoles(type, id, schema);
  return fields;
}

/** The collections `effectiveRoles` is computed from (`managed/alpha_role`). */
function roleCollections(schema: ManagedObjectSchema): string[] {
  return referencedFields(schema).flatMap((name) => relationshipProperty(schema, name)?.targets ?? []);
}

function isRoleTest(filter: QueryFilter): filter is { op: 'eq'; field: readonly string[]; value: string } {
  if (filter.op !== 'eq' || typeof filter.value !== 'string') return false;
  const [head, tail, ...rest] = filter.field;
  return head === EFFECTIVE_ROLES && (tail === '_refResourceId' || tail === '_ref') && rest.length === 0;
}

/** True when `filter` tests `effectiveRoles` anywhere. */
export function testsEffectiveRoles(filter: QueryFilter): boolean {
  switch (filter.op) {
    case 'and':
    case 'or':
      return filter.filters.some(testsEffectiveRoles);
    case 'not':
      return testsEffectiveRoles(filter.filter);
    case 'true':
    case 'false':
      return false;
    default:
      return filter.field[0] === EFFECTIVE_ROLES;
  }
}

/**
 * `filter` with each `effectiveRoles/_refResourceId eq "<id>"` (or `effectiveRoles/_ref eq
 * "managed/<role type>/<id>"`) replaced by `_id in [the holders]`; BAD_REQUEST for any other test of
 * `effectiveRoles`, or a role with more than `MAX_EDGES` holders.
 */
export async function resolveEffectiveRoles(relationships: RelationshipService, type: string, schema: ManagedObjectSchema, filter: QueryFilter): Promise<QueryFilter> {
  if (isRoleTest(filter)) {
    const byRef = filter.field[1] === '_ref' ? /^(.+)\/([^/]+)$/.exec(filter.value) : undefined;
    // A `_ref` names its collection too: one that effectiveRoles is not computed from (another realm's roles) has no holders here.
    if (byRef !== undefined && (byRef === null || !roleCollections(schema).includes(byRef[1] ?? ''))) return { op: 'false' };
    const roleId = byRef?.[2] ?? filter.value;
    const holders = await relationships.holdersOfRole(type, schema, roleId);
    if (holders.length >= MAX_EDGES) throw crestError('BAD_REQUEST', `The role has ${MAX_EDGES} or more members; read them at its members endpoint, which pages`);
    return holders.length === 0 ? { op: 'false' } : { op: 'in', field: ['_id'], values: holders };
  }
  switch (filter.op) {
    case 'and':
    case 'or':
      return { op: filter.op, filters: await Promise.all(filter.filters.map((inner) => resolveEffectiveRoles(relationships, type, schema, inner))) };
    case 'not':
      return { op: 'not', filter: await resolveEffectiveRoles(relationships, type, schema, filter.filter) };
    default:
      if (testsEffectiveRoles(filter)) throw crestError('BAD_REQUEST', 'effectiveRoles can only be queried as effectiveRoles/_refResourceId eq "<role id>"');
      return filter;
  }
}
