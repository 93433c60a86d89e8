/**
 * Everything the memory store keeps durably, in one value, so that a transaction can work on a
 * fork and the store swap the fork in when the work succeeds. A fork copies the small maps at once
 * and each type's objects on its first write (copy on write): forking stays cheap with many users.
 */
import type { DeviceRecord } from '../../devices/device-record.ts';
import type { OidcRecord } from '../../oidc/oidc-records.ts';
import type { OutboxStatus, OutboxMail } from '../../selfservice/email/ports.ts';
import type { StoredKey, StoredKeyPair } from '../../secrets/ports.ts';
import { copyObjectTable, emptyObjectTable, type MemoryObjectTable } from './memory-object-table.ts';

/** One outbox message with its lease, as a row of `email_outbox`; replaced, never changed. */
export interface MemoryOutboxRecord {
  readonly id: string;
  readonly status: OutboxStatus;
  readonly message: OutboxMail;
  readonly template: string | undefined;
  readonly locale: string | undefined;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly lease: string | undefined;
  readonly leaseExpiresAt: number | undefined;
  readonly lastError: string | undefined;
  readonly sentAt: number | undefined;
}

/** One version of a journey, as a row of `journey_versions`; replaced, never changed. */
export interface MemoryJourneyVersion {
  readonly revision: number;
  /** The definition as JSON text. */
  readonly definition: string;
  /** When a later revision (or a delete) replaced it; undefined while it is current. */
  readonly supersededAt: number | undefined;
}

/** A journey name's current revision (undefined once deleted) and the versions kept, oldest first; replaced, never changed. */
export interface MemoryJourney {
  readonly current: number | undefined;
  readonly versions: readonly MemoryJourneyVersion[];
}

/** The durable state of a memory store (or of one transaction's fork of it). */
export interface MemoryState {
  /** Managed objects by type. Write through `writableTable`. */
  readonly objects: Map<string, MemoryObjectTable>;
  /** Realm configurations as JSON text, by name. */
  readonly realms: Map<string, string>;
  /** Configuration documents as JSON text, by id. */
  readonly configs: Map<string, string>;
  /** Journeys by realm then name, with their versions. */
  readonly journeys: Map<string, Map<string, MemoryJourney>>;
  /** Realm keys by `[realm, purpose, kid]` (as JSON text). */
  readonly keys: Map<string, Readonly<StoredKey>>;
  /** Asymmetric realm keys by `[realm, kid]` (as JSON text). */
  readonly keyPairs: Map<string, Readonly<StoredKeyPair>>;
  /** Outbox messages by id. */
  readonly outbox: Map<string, MemoryOutboxRecord>;
  /** Users' devices by `[realm, userId, kind, id]` (as JSON text); replaced, never changed. */
  readonly devices: Map<string, DeviceRecord>;
  /** The OpenID provider's durable records by `[realm, model, id]` (as JSON text); replaced, never changed. */
  readonly oidcRecords: Map<string, OidcRecord>;
  /** The tables this state may change in place (the others belong to the state it was forked from). */
  readonly owned: WeakSet<MemoryObjectTable>;
}

/** A state holding nothing. */
export function emptyMemoryState(): MemoryState {
  return { objects: new Map(), realms: new Map(), configs: new Map(), journeys: new Map(), keys: new Map(), keyPairs: new Map(), outbox: new Map(), devices: new Map(), oidcRecords: new Map(), owned: new WeakSet() };
}

/** A copy of `state` that can change without changing `state`. */
export function forkMemoryState(state: MemoryState): MemoryState {
  return {
    objects: new Map(state.objects),
    realms: new Map(state.realms),
    configs: new Map(state.configs),
    journeys: new Map([...state.journeys].map(([realm, journeys]) => [realm, new Map(journeys)])),
    keys: new Map(state.keys),
    keyPairs: new Map(state.keyPairs),
    outbox: new Map(state.outbox),
    devices: new Map(state.devices),
    oidcRecords: new Map(state.oidcRecords),
    owned: new WeakSet(),
  };
}

/** The table of `type`, if any, for reading. */
export function readableTable(state: MemoryState, type: string): MemoryObjectTable | undefined {
  return state.objects.get(type);
}

/** The table of `type`, created if absent and copied first if it belongs to the state `state` was forked from. */
export function writableTable(state: MemoryState, type: string): MemoryObjectTable {
  const current = state.objects.get(type);
  if (current !== undefined && state.owned.has(current)) return current;
  const table = current === undefined ? emptyObjectTable() : copyObjectTable(current);
  state.objects.set(type, table);
  state.owned.add(table);
  return table;
}
