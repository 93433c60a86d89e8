/**
 * The store as the running platform writes it, with every change audited: managed objects created,
 * updated or deleted become `activity` events; configuration documents and journeys written
 * become `config` events. Before and after states have their secrets removed; a write that changes
 * nothing (or only `_meta` bookkeeping: login counts, lockout counters) records nothing. The
 * "before" of an update is the object this request already read (`AuditContext.seen`) or, outside
 * a request, one more read. Inside a transaction the events wait for the commit and are dropped
 * with a rollback. Who did it, the client address and the transaction id come from the request's
 * audit context.
 */
import type { AuditContext } from '../../audit/audit-context.ts';
import { currentAuditContext } from '../../audit/audit-context.ts';
import type { ActivityEvent, AuditEventInput, ConfigEvent } from '../../audit/audit-event.ts';
import type { AuditService } from '../../audit/audit-service.ts';
import { redactObject, redactSecrets } from '../../audit/redact-secrets.ts';
import type { ConfigRepository } from '../../config/ports.ts';
import { realmOfManagedType } from '../../http/idm/authorize.ts';
import { jsonEqual } from '../../identity/crest/json-pointer.ts';
import type { ManagedObjectRepository, StoredManagedObject } from '../../identity/ports.ts';
import type { JourneyRepository } from '../../journeys/ports.ts';
import type { DurableRepositories, Store } from '../../store/store.ts';

/** Where the wrapped repositories send an event (recorded at once, or after the transaction commits). */
type Emit = (event: Promise<AuditEventInput | undefined>) => void;

const seenKey = (type: string, id: string): string => `${type}/${id}`;

async function requestFacts(context: AuditContext | undefined): Promise<Pick<ActivityEvent, 'actor' | 'clientIp' | 'transactionId'>> {
  if (context === undefined) return {};
  const actor = await context.actor().catch(() => undefined);
  return { ...(actor === undefined ? {} : { actor }), clientIp: context.clientIp, transactionId: context.transactionId };
}

function objectState(stored: StoredManagedObject): Record<string, unknown> {
  return redactObject({ _id: stored.id, ...stored.data });
}

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((name) => !jsonEqual(before[name], after[name])).sort();
}

async function activity(operation: ActivityEvent['operation'], type: string, id: string, before: StoredManagedObject | undefined, after: StoredManagedObject | undefined): Promise<ActivityEvent | undefined> {
  const context = currentAuditContext();
  const changed = before !== undefined && after !== undefined ? changedFields(before.data, after.data) : undefined;
  if (changed !== undefined && changed.length === 0) return undefined;
  const realm = realmOfManagedType(type);
  return {
    topic: 'activity',
    ...(realm === undefined ? {} : { realm }),
    objectType: type,
    objectId: id,
    operation,
    ...(before === undefined ? {} : { before: objectState(before) }),
    ...(after === undefined ? {} : { after: objectState(after) }),
    ...(changed === undefined ? {} : { changedFields: changed }),
    ...(await requestFacts(context)),
  };
}

function auditedManagedObjects(objects: ManagedObjectRepository, emit: Emit): ManagedObjectRepository {
  const remember = (stored: StoredManagedObject | undefined): StoredManagedObject | undefined => {
    const context = currentAuditContext();
    // A copy: what the caller does to the object it got must not change the recorded "before".
    if (stored !== undefined && context !== undefined) context.seen.set(seenKey(stored.type, stored.id), structuredClone(stored.data));
    return stored;
  };
  return {
    ...objects,
    get: async (type, id) => remember(await objects.get(type, id)),
    findByAttribute: async (type, attribute, value, limit) => {
      const found = await objects.findByAttribute(type, attribute, value, limit);
      if (found.length === 1) remember(found[0]);
      return found;
    },
    create: async (type, id, data, meta) => {
      const created = await objects.create(type, id, data, meta);
      emit(activity('create', type, id, undefined, created));
      return created;
    },
    update: async (type, id, data, meta, expectedRev) => {
      const context = currentAuditContext();
      const seen = context?.seen.get(seenKey(type, id));
      const before = seen === undefined ? await objects.get(type, id) : undefined;
      const updated = await objects.update(type, id, data, meta, expectedRev);
      const beforeData = seen ?? before?.data;
      if (beforeData !== undefined) emit(activity('update', type, id, { ...updated, data: beforeData }, updated));
      context?.seen.set(seenKey(type, id), structuredClone(updated.data));
      return updated;
    },
    delete: async (type, id, expectedRev) => {
      const deleted = await objects.delete(type, id, expectedRev);
      currentAuditContext()?.seen.delete(seenKey(type, id));
      emit(activity('delete', type, id, deleted, undefined));
      return deleted;
    },
  };
}

/** The realm a configuration id belongs to (`realm/alpha/scripts/…` → alpha). */
function realmOfConfigId(id: string): string | undefined {
  return /^realm\/([^/]+)\//.exec(id)?.[1];
}

async function configEvent(objectType: string, objectId: string, realm: string | undefined, before: unknown, after: unknown): Promise<ConfigEvent | undefined> {
  if (jsonEqual(before, after)) return undefined;
  const operation = before === undefined ? 'create' : after === undefined ? 'delete' : 'update';
  return {
    topic: 'config',
    ...(realm === undefined ? {} : { realm }),
    objectType,
    objectId,
    operation,
    ...(before === undefined ? {} : { before: redactSecrets(before) }),
    ...(after === undefined ? {} : { after: redactSecrets(after) }),
    ...(await requestFacts(currentAuditContext())),
  };
}

function auditedConfigs(configs: ConfigRepository, emit: Emit): ConfigRepository {
  return {
    ...configs,
    put: async (id, value) => {
      const before = await configs.get(id);
      await configs.put(id, value);
      emit(configEvent('config', id, realmOfConfigId(id), before, value));
    },
    delete: async (id) => {
      const before = await configs.get(id);
      const deleted = await configs.delete(id);
      if (deleted) emit(configEvent('config', id, realmOfConfigId(id), before, undefined));
      return deleted;
    },
  };
}

function auditedJourneys(journeys: JourneyRepository, emit: Emit): JourneyRepository {
  return {
    ...journeys,
    get: (realm, name) => journeys.get(realm, name),
    current: (realm, name) => journeys.current(realm, name),
    version: (realm, name, revision) => journeys.version(realm, name, revision),
    list: (realm) => journeys.list(realm),
    purgeVersions: (supersededBefore) => journeys.purgeVersions(supersededBefore),
    put: async (realm, definition) => {
      const before = await journeys.get(realm, definition.tree._id);
      const revision = await journeys.put(realm, definition);
      emit(configEvent('journey', `${realm}/${definition.tree._id}`, realm, before, definition));
      return revision;
    },
    delete: async (realm, name) => {
      const before = await journeys.get(realm, name);
      const deleted = await journeys.delete(realm, name);
      if (deleted) emit(configEvent('journey', `${realm}/${name}`, realm, before, undefined));
      return deleted;
    },
  };
}

function audited<R extends Pick<DurableRepositories, 'managedObjects' | 'configs' | 'journeys'>>(repositories: R, emit: Emit): R {
  return {
    ...repositories,
    managedObjects: auditedManagedObjects(repositories.managedObjects, emit),
    configs: auditedConfigs(repositories.configs, emit),
    journeys: auditedJourneys(repositories.journeys, emit),
  };
}

/** `store`, whose managed-object, configuration and journey writes are recorded on `audit`. */
export function auditWrites(store: Store, audit: Pick<AuditService, 'record'>): Store {
  const record = (event: AuditEventInput | undefined): void => {
    if (event !== undefined) audit.record(event);
  };
  // Building an event never fails the write it describes.
  const now: Emit = (event) => void event.then(record, () => undefined);
  return {
    ...audited(store, now),
    async transaction(work) {
      const events: Promise<AuditEventInput | undefined>[] = [];
      const result = await store.transaction((tx) => work(audited(tx, (event) => void events.push(event))));
      for (const event of await Promise.allSettled(events)) if (event.status === 'fulfilled') record(event.value);
      return result;
    },
  };
}
