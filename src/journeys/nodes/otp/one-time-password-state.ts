/**
 * Where the one-time password nodes keep a code between them, with AM's keys: the code in
 * `transient.oneTimePassword`, its creation time (epoch seconds) in
 * `transient.oneTimePasswordTimestamp`. Transient state travels only inside the journey record,
 * which is stored sealed with the realm's key; it is never in a response, an export or a log.
 * AM's nodes also read the code from shared state (where AM puts it with the system property
 * `org.forgerock.am.auth.node.otp.inSharedState`), so a script that put it there still works.
 * Arbor adds `transient.oneTimePasswordFailures`: the wrong tries of the current code.
 */
import { ownValue } from '../../../json/own-value.ts';
import type { JourneyStateData } from '../../engine/node-context.ts';

/** AM's key of the code. */
export const ONE_TIME_PASSWORD = 'oneTimePassword';
/** AM's key of the code's creation time, epoch seconds. */
export const ONE_TIME_PASSWORD_TIMESTAMP = 'oneTimePasswordTimestamp';
/** Arbor's key of the wrong tries of the current code. */
export const ONE_TIME_PASSWORD_FAILURES = 'oneTimePasswordFailures';

/** A code as the generator left it. */
export interface StoredOneTimePassword {
  code: string;
  /** Epoch seconds. */
  createdAt: number;
}

/** The code of the journey (transient state first, then shared), undefined when there is none. */
export function readOneTimePassword(state: JourneyStateData): StoredOneTimePassword | undefined {
  for (const store of [state.transient, state.shared]) {
    const code = ownValue(store, ONE_TIME_PASSWORD);
    const createdAt = ownValue(store, ONE_TIME_PASSWORD_TIMESTAMP);
    if (typeof code === 'string' && code !== '' && typeof createdAt === 'number' && Number.isFinite(createdAt)) return { code, createdAt };
  }
  return undefined;
}

/** Keeps a new code (and forgets the tries of the previous one). */
export function keepOneTimePassword(state: JourneyStateData, code: string, createdAt: number): void {
  state.transient[ONE_TIME_PASSWORD] = code;
  state.transient[ONE_TIME_PASSWORD_TIMESTAMP] = createdAt;
  delete state.transient[ONE_TIME_PASSWORD_FAILURES];
}

/** Forgets the code, wherever it was kept. */
export function forgetOneTimePassword(state: JourneyStateData): void {
  for (const store of [state.transient, state.shared]) {
    delete store[ONE_TIME_PASSWORD];
    delete store[ONE_TIME_PASSWORD_TIMESTAMP];
  }
  delete state.transient[ONE_TIME_PASSWORD_FAILURES];
}

/** The wrong tries of the current code so far. */
export function failuresOf(state: JourneyStateData): number {
  const failures = ownValue(state.transient, ONE_TIME_PASSWORD_FAILURES);
  return typeof failures === 'number' && Number.isInteger(failures) && failures > 0 ? failures : 0;
}
