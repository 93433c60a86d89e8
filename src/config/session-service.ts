/**
 * AM's Session service of a realm (`realm-config/services/session`), the part Arbor keeps: the
 * `dynamic` section's `maxSessionTime` and `maxIdleTime` (minutes), the realm's SSO session
 * lifetimes. A PUT changes the fields it carries; AM's other attributes (`maxCachingTime`,
 * `quotaLimit`) are answered as AM's defaults and not kept. Lifetimes apply to sessions created
 * after the change.
 */
import type { RealmConfig, SessionSettings } from './realm-config.ts';
import { realmConfigError } from './realm-config-error.ts';

/** The service's `_type`, as AM answers it. */
export const SESSION_SERVICE_TYPE = Object.freeze({ _id: 'session', name: 'Session', collection: false });

/** The longest lifetime a session may be given, minutes (a year). */
const MAX_MINUTES = 525_600;

/** The service as AM's REST API reads it. */
export function sessionServiceBody(realm: RealmConfig): Record<string, unknown> {
  return {
    _id: '',
    dynamic: { maxSessionTime: realm.sessions.maxSessionMinutes, maxIdleTime: realm.sessions.maxIdleMinutes, maxCachingTime: 3, quotaLimit: 5 },
    _type: { ...SESSION_SERVICE_TYPE },
  };
}

function fail(field: string, problem: string): Error {
  return realmConfigError('INVALID_SESSION_SERVICE', `session: ${field} ${problem}`, field);
}

/** `realm` with the lifetimes of a PUT body (`{dynamic: {maxSessionTime?, maxIdleTime?}}`); INVALID_SESSION_SERVICE names the field at fault. */
export function applySessionServiceBody(realm: RealmConfig, body: unknown): RealmConfig {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw realmConfigError('INVALID_SESSION_SERVICE', 'session: the document must be an object', '');
  const dynamic: unknown = Object.hasOwn(body, 'dynamic') ? (body as Record<string, unknown>).dynamic : undefined;
  if (typeof dynamic !== 'object' || dynamic === null || Array.isArray(dynamic)) throw fail('dynamic', 'is required and must be an object');
  const next: SessionSettings = { ...realm.sessions };
  for (const [amName, name] of [['maxSessionTime', 'maxSessionMinutes'], ['maxIdleTime', 'maxIdleMinutes']] as const) {
    if (!Object.hasOwn(dynamic, amName)) continue;
    const value: unknown = (dynamic as Record<string, unknown>)[amName];
    if (!Number.isSafeInteger(value) || Number(value) < 1 || Number(value) > MAX_MINUTES) throw fail(`dynamic.${amName}`, `must be a whole number of minutes from 1 to ${MAX_MINUTES}`);
    next[name] = Number(value);
  }
  if (next.maxIdleMinutes > next.maxSessionMinutes) throw fail('dynamic.maxIdleTime', `must not be longer than maxSessionTime (${next.maxSessionMinutes} minutes)`);
  return { ...realm, sessions: next };
}
