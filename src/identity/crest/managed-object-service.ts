/**
 * Common REST on managed objects of any type the `managed` config declares: create (server or
 * client id), read, update (PUT, upsert), patch, delete, query and patch-by-query, with IDM's
 * revisions and preconditions, `_fields`, policy validation on every write, hashed passwords and
 * security answers (never returned).
 */
import { randomUUID } from 'node:crypto';
import type { ConfigRepository } from '../../config/ports.ts';
import { DEFAULT_KBA_PROPERTY } from '../kba-answers.ts';
import type { ManagedObjectConfig } from '../managed-schema.ts';
import type { ManagedObjectRepository, StoredManagedObject } from '../ports.ts';
import { schemaForType } from '../schema-for-type.ts';
import { withDefaults } from '../object-fields.ts';
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
import { isPrivate } from './schema-properties.ts';
import { crestFailureOf, idTaken, isRetriableRace, staleRevision } from './store-failure.ts';

/** What the service is built from. */
export interface ManagedObjectServiceDeps extends ObjectWriterDeps {
  objects: ManagedObjectRepository;
  configs: ConfigRepository;
  /** Ids of new objects; random UUIDs by default. */
  newId?: () => string;
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
  if (id === '' || id.length > MAX_ID_LENGTH || id.includes('/')) {
    throw crestError('BAD_REQUEST', `An object id must be 1 to ${MAX_ID_LENGTH} characters without "/"`);
  }
}

/** Private values may be set or removed, never read: not copied, moved, compared (remove with a value) or incremented. */
function checkPrivateOperations(config: ManagedObjectConfig, operations: readonly PatchOperation[]): void {
  const isPrivateName = (name: string | undefined) => name !== undefined && isPrivate(config.schema.properties[name]);
  for (const operation of operations) {
    if (isPrivateName(operation.from?.[0])) throw crestError('BAD_REQUEST', `Cannot ${operation.operation} from ${operation.from?.[0] ?? ''}: it is a private property`);
    const readsTarget = operation.operation === 'increment' || (operation.operation === 'remove' && operation.hasValue);
    if (readsTarget && isPrivateName(operation.field[0])) {
      throw crestError('BAD_REQUEST', `Cannot ${operation.operation} ${operation.fieldText}${operation.hasValue && operation.operation === 'remove' ? ' by value' : ''}: it is a private property`);
    }
  }
}

/** Builds the service. */
export function createManagedObjectService(deps: ManagedObjectServiceDeps): ManagedObjectService {
  const { objects } = deps;
  const newId = deps.newId ?? randomUUID;
  const writer = createObjectWriter(deps);

  function resourceOf(stored: StoredManagedObject, config: ManagedObjectConfig, options: CrestOptions): CrestResource {
    const body = projectResource(stored, config.schema, options.fields ?? DEFAULT_FIELDS, options.access?.readable, deps.kbaPropertyName ?? DEFAULT_KBA_PROPERTY);
    return { id: stored.id, rev: stored.rev, body };
  }

  async function existing(type: string, id: string): Promise<StoredManagedObject> {
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
    const after = withDefaults(config.schema, bodyData(body));
    return writer.write({ type, id, config, stored: undefined, after, access });
  }

  const service: ManagedObjectService = {
    async create(type, body, options = {}) {
      const config = await schemaForType(deps.configs, type);
      const id = options.id ?? newId();
      checkClientId(id);
      try {
        // A client id that is taken fails as IDM fails it (412), before policies judge the body.
        if (options.id !== undefined && (await objects.get(type, id)) !== undefined) throw idTaken(id);
        return resourceOf(await createWith(config, type, id, body, options), config, options);
      } catch (error) {
        throw crestFailureOf(error, type, id, config.schema);
      }
    },

    async read(type, id, options = {}) {
      const config = await schemaForType(deps.configs, type);
      return resourceOf(await existing(type, id), config, options);
    },

    async update(type, id, body, options = {}) {
      const { ifMatch, ifNoneMatch } = options;
      if (ifMatch !== undefined && ifNoneMatch !== undefined) throw crestError('BAD_REQUEST', 'If-Match and If-None-Match cannot be used together');
      if (ifNoneMatch !== undefined) {
        if (ifNoneMatch !== '*') throw crestError('BAD_REQUEST', `If-None-Match on PUT accepts only "*" (create only), got "${ifNoneMatch}"`);
        return { ...(await service.create(type, body, { ...options, id })), created: true };
      }
      const config = await schemaForType(deps.configs, type);
      checkClientId(id);
      const access = options.access ?? ADMIN_ACCESS;
      const pinned = ifMatch !== undefined && ifMatch !== '*';
      return withRetries(config, type, id, !pinned, async () => {
        const stored = await objects.get(type, id);
        if (stored === undefined) {
          if (ifMatch !== undefined || access.mayCreate === false) throw crestError('NOT_FOUND', `Object ${id} not found in managed/${type}`);
          return { ...resourceOf(await createWith(config, type, id, body, options), config, options), created: true };
        }
        if (pinned && stored.rev !== ifMatch) throw staleRevision(type, id);
        const after = replacementData(stored.data, body, config.schema, access.readable);
        const written = await writer.write({ type, id, config, stored, after, access, ...(pinned ? { expectedRev: ifMatch } : {}) });
        return { ...resourceOf(written, config, options), created: false };
      });
    },

    async patch(type, id, operations, options = {}) {
      const config = await schemaForType(deps.configs, type);
      checkPrivateOperations(config, operations);
      const { ifMatch } = options;
      const pinned = ifMatch !== undefined && ifMatch !== '*';
      return withRetries(config, type, id, !pinned, async () => {
        const stored = await existing(type, id);
        if (pinned && stored.rev !== ifMatch) throw staleRevision(type, id);
        const after = applyPatch(stored.data, operations);
        const access = options.access ?? ADMIN_ACCESS;
        const written = await writer.write({ type, id, config, stored, after, access, ...(pinned ? { expectedRev: ifMatch } : {}) });
        return resourceOf(written, config, options);
      });
    },

    async delete(type, id, options = {}) {
      const config = await schemaForType(deps.configs, type);
      const { ifMatch } = options;
      try {
        const deleted = await objects.delete(type, id, ifMatch === undefined || ifMatch === '*' ? undefined : ifMatch);
        return resourceOf(deleted, config, options);
      } catch (error) {
        throw crestFailureOf(error, type, id, config.schema);
      }
    },

    async query(type, request, options = {}) {
      const config = await schemaForType(deps.configs, type);
      const page = await runQuery(objects, type, config.schema, request);
      return queryResponse(page, (stored) => resourceOf(stored, config, { ...options, fields: request.fields }).body);
    },

    async patchByQuery(type, request, operations, options = {}) {
      const config = await schemaForType(deps.configs, type);
      const { items } = await runQuery(objects, type, config.schema, request, { paged: false });
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
