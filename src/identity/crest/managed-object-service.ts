/**
 * Common REST on managed objects of any type the `managed` config declares: create (server or
 * client id), read, update (PUT, upsert), patch, delete, query and patch-by-query, with IDM's
 * revisions and preconditions, `_fields`, policy validation on every write, hashed passwords and
 * security answers (never returned), and no operation reading what the caller may not read.
 */
import { randomUUID } from 'node:crypto';
import type { ConfigRepository } from '../../config/ports.ts';
import type { AccountChangeListener } from '../account-change.ts';
import { hasNul } from '../../json/nul-characters.ts';
import { kbaPropertyOf } from '../kba-answers.ts';
import type { ManagedObjectConfig } from '../managed-schema.ts';
import type { ManagedObjectRepository, StoredManagedObject } from '../ports.ts';
import { schemaForType } from '../schema-for-type.ts';
import { withDefaults } from '../object-fields.ts';
import { announcingWriter } from './announcing-writer.ts';
import { applyPatch } from './apply-patch.ts';
import { ADMIN_ACCESS } from './crest-access.ts';
import type { CrestOptions, CrestPutOptions, CrestResource, CrestWriteOptions } from './crest-resource.ts';
import { crestError, isCrestError } from './errors.ts';
import { DEFAULT_FIELDS } from './field-selection.ts';
import type { ObjectWriterDeps } from './object-writer.ts';
import { createObjectWriter } from './object-writer.ts';
import type { PatchOperation } from './patch-operations.ts';
import { projectResource } from './project-resource.ts';
import type { QueryRequest } from './query-request.ts';
import { queryResponse, runQuery } from './run-query.ts';
import type { QueryResponse } from './run-query.ts';
import { bodyData, replacementData } from './replacement-data.ts';
import { crestFailureOf, idTaken, isRetriableRace, staleRevision } from './store-failure.ts';
import { checkPatchReads } from './check-patch-reads.ts';
import { unreadableProperties } from './unreadable-properties.ts';
import { relationshipFields, resolveEffectiveRoles, testsEffectiveRoles } from '../relationships/relationship-fields.ts';
import { relationshipProperties } from '../relationships/relationship-schema.ts';
import type { RelationshipService } from '../relationships/relationship-service.ts';

/** What the service is built from. */
export interface ManagedObjectServiceDeps extends ObjectWriterDeps {
  objects: ManagedObjectRepository;
  configs: ConfigRepository;
  /** Ids of new objects; random UUIDs by default. */
  newId?: () => string;
  /** Told when a write sets a password, deactivates or deletes an object (the platform ends its sessions). */
  onAccountChanged?: AccountChangeListener;
  /** Relationships (`roles`, `manager`…) and `effectiveRoles`; without it they are stored as sent. */
  relationships?: RelationshipService;
}

/** The CREST managed-object service. */
export interface ManagedObjectService {
  /** `POST ?_action=create` (server id) or `PUT` + `If-None-Match: *` (client `id`); PRECONDITION_FAILED when the id exists. */
  create(type: string, body: unknown, options?: CrestOptions & { id?: string }): Promise<CrestResource>;
  read(type: string, id: string, options?: CrestOptions): Promise<CrestResource>;
  /** PUT: replace (If-Match), create only (If-None-Match: *), or upsert (neither). */
  update(type: string, id: string, body: unknown, options?: CrestPutOptions): Promise<CrestResource & { created: boolean }>;
  patch(type: string, id: string, operations: readonly PatchOperation[], options?: CrestWriteOptions): Promise<CrestResource>;
  /** Deletes and returns the deleted object. */
  delete(type: string, id: string, options?: CrestWriteOptions): Promise<CrestResource>;
  query(type: string, request: QueryRequest, options?: CrestOptions): Promise<QueryResponse>;
  /** Patches every object the query matches (paging ignored); returns the patched objects. */
  patchByQuery(type: string, request: QueryRequest, operations: readonly PatchOperation[], options?: CrestOptions): Promise<CrestResource[]>;
}

const MAX_ATTEMPTS = 5;
const MAX_ID_LENGTH = 255;

function checkClientId(id: string): void {
  if (id === '' || id.length > MAX_ID_LENGTH || id.includes('/') || hasNul(id)) {
    throw crestError('BAD_REQUEST', `An object id must be 1 to ${MAX_ID_LENGTH} characters without "/" or U+0000`);
  }
}

/** No object has an id holding U+0000 (none can be created, and PostgreSQL cannot even look one up). */
function notFoundIfUnstorable(type: string, id: string): void {
  if (hasNul(id)) throw crestError('NOT_FOUND', `Object not found in managed/${type}`);
}

/** Builds the service. */
export function createManagedObjectService(deps: ManagedObjectServiceDeps): ManagedObjectService {
  const { objects } = deps;
  const newId = deps.newId ?? randomUUID;
  const writer = announcingWriter(createObjectWriter(deps), deps.onAccountChanged);
  const { relationships } = deps;

  /** The type's config and the KBA property name, as one request sees them. */
  async function typeOf(type: string): Promise<{ config: ManagedObjectConfig; kbaName: string }> {
    return { config: await schemaForType(deps.configs, type), kbaName: await kbaPropertyOf(deps) };
  }

  async function resourceOf(stored: StoredManagedObject, config: ManagedObjectConfig, options: CrestOptions, kbaName: string): Promise<CrestResource> {
    const selection = options.fields ?? DEFAULT_FIELDS;
    const body = projectResource(stored, config.schema, selection, options.access?.readable, kbaName);
    if (relationships !== undefined) Object.assign(body, await relationshipFields(relationships, stored.type, stored.id, config.schema, selection, options.access?.readable));
    return { id: stored.id, rev: stored.rev, body };
  }

  /** The relationship properties a body sets: taken out of the data, to be stored as edges. */
  function splitRelationships(config: ManagedObjectConfig, data: Record<string, unknown>): { data: Record<string, unknown>; refs: [string, unknown][] } {
    if (relationships === undefined) return { data, refs: [] };
    const rest = { ...data };
    const refs: [string, unknown][] = [];
    for (const property of relationshipProperties(config.schema)) {
      if (!Object.hasOwn(rest, property.name)) continue;
      const value = rest[property.name];
      delete rest[property.name];
      if (value === null || value === undefined) continue;
      for (const ref of property.many && Array.isArray(value) ? value : [value]) refs.push([property.name, ref]);
    }
    return { data: rest, refs };
  }

  /** PUT and PATCH leave relationships to their endpoints: a body that changes one is refused. */
  function refuseRelationshipChange(config: ManagedObjectConfig, type: string, id: string, before: Record<string, unknown>, after: Record<string, unknown>): void {
    if (relationships === undefined) return;
    for (const property of relationshipProperties(config.schema)) {
      if (JSON.stringify(before[property.name]) !== JSON.stringify(after[property.name])) {
        throw crestError('BAD_REQUEST', `${property.name} is a relationship: change it at /openidm/managed/${type}/${id}/${property.name}`);
      }
    }
  }

  async function existing(type: string, id: string): Promise<StoredManagedObject> {
    notFoundIfUnstorable(type, id);
    const stored = await objects.get(type, id);
    if (stored === undefined) throw crestError('NOT_FOUND', `Object ${id} not found in managed/${type}`);
    return stored;
  }

  /** Runs `attempt` until it wins; a pinned revision (`If-Match: <rev>`) is never retried. */
  async function withRetries<T>(config: ManagedObjectConfig, type: string, id: string, retry: boolean, attempt: () => Promise<T>): Promise<T> {
    for (let round = 1; ; round++) {
      try {
        return await attempt();
      } catch (error) {
        if (!retry || isCrestError(error) || !isRetriableRace(error)) throw crestFailureOf(error, type, id, config.schema);
        if (round >= MAX_ATTEMPTS) throw crestError('CONCURRENT_UPDATE', `managed/${type}/${id} kept changing; try again`);
      }
    }
  }

  async function createWith(config: ManagedObjectConfig, type: string, id: string, body: unknown, options: CrestOptions): Promise<StoredManagedObject> {
    const access = options.access ?? ADMIN_ACCESS;
    if (access.mayCreate === false) throw crestError('FORBIDDEN', `Creating managed/${type} objects is not allowed`);
    const { data, refs } = splitRelationships(config, bodyData(body));
    const after = withDefaults(config.schema, data);
    const created = await writer.write({ type, id, config, stored: undefined, after, access });
    if (relationships === undefined || refs.length === 0) return created;
    try {
      for (const [property, ref] of refs) await relationships.add(type, id, property, ref);
    } catch (error) {
      // All or nothing: an object whose relationships cannot all be made is not kept.
      await objects.delete(type, id).catch(() => undefined);
      throw error;
    }
    return (await objects.get(type, id)) ?? created;
  }

  const service: ManagedObjectService = {
    async create(type, body, options = {}) {
      const { config, kbaName } = await typeOf(type);
      const id = options.id ?? newId();
      checkClientId(id);
      try {
        // A client id that is taken fails as IDM fails it (412), before policies judge the body.
        if (options.id !== undefined && (await objects.get(type, id)) !== undefined) throw idTaken(id);
        return await resourceOf(await createWith(config, type, id, body, options), config, options, kbaName);
      } catch (error) {
        throw crestFailureOf(error, type, id, config.schema);
      }
    },

    async read(type, id, options = {}) {
      const { config, kbaName } = await typeOf(type);
      return resourceOf(await existing(type, id), config, options, kbaName);
    },

    async update(type, id, body, options = {}) {
      const { ifMatch, ifNoneMatch } = options;
      if (ifMatch !== undefined && ifNoneMatch !== undefined) throw crestError('BAD_REQUEST', 'If-Match and If-None-Match cannot be used together');
      if (ifNoneMatch !== undefined) {
        if (ifNoneMatch !== '*') throw crestError('BAD_REQUEST', `If-None-Match on PUT accepts only "*" (create only), got "${ifNoneMatch}"`);
        return { ...(await service.create(type, body, { ...options, id })), created: true };
      }
      const { config, kbaName } = await typeOf(type);
      checkClientId(id);
      const access = options.access ?? ADMIN_ACCESS;
      const pinned = ifMatch !== undefined && ifMatch !== '*';
      return withRetries(config, type, id, !pinned, async () => {
        const stored = await objects.get(type, id);
        if (stored === undefined) {
          if (ifMatch !== undefined || access.mayCreate === false) throw crestError('NOT_FOUND', `Object ${id} not found in managed/${type}`);
          return { ...(await resourceOf(await createWith(config, type, id, body, options), config, options, kbaName)), created: true };
        }
        if (pinned && stored.rev !== ifMatch) throw staleRevision(type, id);
        const after = replacementData(stored.data, body, config.schema, access.readable);
        refuseRelationshipChange(config, type, id, stored.data, after);
        const written = await writer.write({ type, id, config, stored, after, access, ...(pinned ? { expectedRev: ifMatch } : {}) });
        return { ...(await resourceOf(written, config, options, kbaName)), created: false };
      });
    },

    async patch(type, id, operations, options = {}) {
      const { config, kbaName } = await typeOf(type);
      checkPatchReads(operations, unreadableProperties(config.schema, kbaName, options.access?.readable));
      const { ifMatch } = options;
      const pinned = ifMatch !== undefined && ifMatch !== '*';
      return withRetries(config, type, id, !pinned, async () => {
        const stored = await existing(type, id);
        if (pinned && stored.rev !== ifMatch) throw staleRevision(type, id);
        const after = applyPatch(stored.data, operations);
        refuseRelationshipChange(config, type, id, stored.data, after);
        const access = options.access ?? ADMIN_ACCESS;
        const written = await writer.write({ type, id, config, stored, after, access, ...(pinned ? { expectedRev: ifMatch } : {}) });
        return resourceOf(written, config, options, kbaName);
      });
    },

    async delete(type, id, options = {}) {
      const { config, kbaName } = await typeOf(type);
      notFoundIfUnstorable(type, id);
      const { ifMatch } = options;
      let deleted: StoredManagedObject;
      try {
        deleted = await objects.delete(type, id, ifMatch === undefined || ifMatch === '*' ? undefined : ifMatch);
      } catch (error) {
        throw crestFailureOf(error, type, id, config.schema);
      }
      await deps.onAccountChanged?.({ type, id, reason: 'deleted' });
      return resourceOf(deleted, config, options, kbaName);
    },

    async query(type, request, options = {}) {
      const { config, kbaName } = await typeOf(type);
      const resolved = relationships !== undefined && testsEffectiveRoles(request.filter) ? { ...request, filter: await resolveEffectiveRoles(relationships, type, config.schema, request.filter) } : request;
      const page = await runQuery(objects, type, config.schema, resolved, { unreadable: unreadableProperties(config.schema, kbaName) });
      const bodies = new Map<string, Record<string, unknown>>();
      for (const stored of page.items) bodies.set(stored.id, (await resourceOf(stored, config, { ...options, fields: request.fields }, kbaName)).body);
      return queryResponse(page, (stored) => bodies.get(stored.id) ?? {});
    },

    async patchByQuery(type, request, operations, options = {}) {
      const { config, kbaName } = await typeOf(type);
      const { items } = await runQuery(objects, type, config.schema, request, { paged: false, unreadable: unreadableProperties(config.schema, kbaName) });
      const patched: CrestResource[] = [];
      for (const stored of items) {
        try {
          patched.push(await service.patch(type, stored.id, operations, { ...options, fields: request.fields }));
        } catch (error) {
          // Deleted since the query ran: nothing left to patch.
          if (!isCrestError(error, 'NOT_FOUND')) throw error;
        }
      }
      return patched;
    },
  };
  return service;
}
