/**
 * A realm's credential throttling settings, with the defaults for realm documents stored before
 * throttling existed (or written by hand without it): 30 failed checks per client address per
 * minute, and 5 failed sign-ins per administrator and client address per 15 minutes.
 */
import type { RealmConfig, ThrottlingSettings } from './realm-config.ts';

/** The defaults, also written into new realms. */
export const DEFAULT_THROTTLING: Readonly<ThrottlingSettings> = Object.freeze({
  clientFailures: 30,
  clientWindowSeconds: 60,
  administratorFailures: 5,
  administratorWindowMinutes: 15,
});

function count(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback;
}

function length(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** The realm's throttling settings; each missing or unusable value is its default (a typo never turns throttling off). */
export function throttlingOf(realm: Pick<RealmConfig, 'throttling'>): ThrottlingSettings {
  const given: Partial<Record<keyof ThrottlingSettings, unknown>> = realm.throttling ?? {};
  return {
    clientFailures: count(given.clientFailures, DEFAULT_THROTTLING.clientFailures),
    clientWindowSeconds: length(given.clientWindowSeconds, DEFAULT_THROTTLING.clientWindowSeconds),
    administratorFailures: count(given.administratorFailures, DEFAULT_THROTTLING.administratorFailures),
    administratorWindowMinutes: length(given.administratorWindowMinutes, DEFAULT_THROTTLING.administratorWindowMinutes),
  };
}
