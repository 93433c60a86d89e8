/**
 * Persistence of journey records in the ephemeral store: steps under a random state id (consumed
 * by the next request), suspended journeys under the SHA-256 of their `suspendedId` (consumed by
 * the resume). Every record goes through `sealJourneyRecord` (sealed whole with the realm key)
 * before it is written.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { EphemeralStore } from '../../store/ephemeral-store.ts';
import { journeyError } from './errors.ts';
import type { JourneyRecord } from './journey-state.ts';
import type { JourneyStateCipher } from './seal-journey-record.ts';
import { openJourneyRecord, sealJourneyRecord } from './seal-journey-record.ts';

export type { JourneyStateCipher } from './seal-journey-record.ts';

const STEP_PREFIX = 'journey:';
const SUSPENDED_PREFIX = 'suspended:';

/** The realm is part of the key: a link sent to another realm's endpoint finds nothing and is not used up. */
function suspendedKey(realm: string, suspendedId: string): string {
  return `${SUSPENDED_PREFIX}${realm}:${createHash('sha256').update(suspendedId).digest('base64url')}`;
}

/** Saving and loading journey records. */
export interface JourneyRecordStore {
  /** Stores a step; returns its new random state id. */
  saveStep(record: JourneyRecord, ttlMs: number): Promise<string>;
  /** Takes a step (single use). Missing or expired → AUTH_ID_EXPIRED. Returns the raw text to put it back. */
  takeStep(realm: string, stateId: string): Promise<{ record: JourneyRecord; raw: string }>;
  /** Puts a taken step back untouched (after a client mistake). */
  restoreStep(stateId: string, raw: string, ttlMs: number): Promise<void>;
  /** Stores a suspended journey; returns the `suspendedId` for the emailed link (only its hash is stored). */
  saveSuspended(record: JourneyRecord, ttlMs: number): Promise<string>;
  /** Takes a suspended journey (single use); unknown, used or expired → SUSPENDED_ID_INVALID. */
  takeSuspended(realm: string, suspendedId: string): Promise<JourneyRecord>;
}

/** AM's message for an unknown, used or expired `suspendedId`. */
export const SUSPENDED_ID_MESSAGE =
  'org.forgerock.openam.auth.nodes.framework.token.SuspendedAuthSessionException: Token not found. It may have expired.';

/** Creates the record store. */
export function createJourneyRecordStore(ephemeral: EphemeralStore, cipher: JourneyStateCipher): JourneyRecordStore {
  const serialize = (record: JourneyRecord): Promise<string> => sealJourneyRecord(record, cipher);
  const deserialize = (realm: string, raw: string): Promise<JourneyRecord> => openJourneyRecord(realm, raw, cipher);
  return {
    async saveStep(record, ttlMs) {
      const stateId = randomBytes(18).toString('base64url');
      await ephemeral.put(STEP_PREFIX + stateId, await serialize(record), ttlMs);
      return stateId;
    },
    async takeStep(realm, stateId) {
      const raw = await ephemeral.consume(STEP_PREFIX + stateId);
      if (raw === undefined) throw journeyError('AUTH_ID_EXPIRED', 'Session has timed out');
      return { record: await deserialize(realm, raw), raw };
    },
    async restoreStep(stateId, raw, ttlMs) {
      await ephemeral.put(STEP_PREFIX + stateId, raw, ttlMs);
    },
    async saveSuspended(record, ttlMs) {
      const suspendedId = randomBytes(32).toString('base64url');
      await ephemeral.put(suspendedKey(record.realm, suspendedId), await serialize(record), ttlMs);
      return suspendedId;
    },
    async takeSuspended(realm, suspendedId) {
      const raw = suspendedId.length > 0 && suspendedId.length <= 200 ? await ephemeral.consume(suspendedKey(realm, suspendedId)) : undefined;
      if (raw === undefined) throw journeyError('SUSPENDED_ID_INVALID', SUSPENDED_ID_MESSAGE);
      try {
        return await deserialize(realm, raw);
      } catch {
        throw journeyError('SUSPENDED_ID_INVALID', SUSPENDED_ID_MESSAGE);
      }
    },
  };
}
