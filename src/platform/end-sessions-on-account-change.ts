/**
 * The account-change listener of a running Arbor: a password set, an account deactivated, locked
 * or deleted ends every session of that account, on every process sharing the store. The ended
 * generation is remembered as long as the longest session any realm allows (at least the default
 * 120 minutes, which also covers sessions created before a realm's maximum was lowered).
 */
import type { RealmRepository } from '../config/ports.ts';
import { defaultRealmConfig } from '../config/realm-config.ts';
import type { AccountChangeListener } from '../identity/account-change.ts';
import type { SessionService } from '../sessions/session-service.ts';

const MINUTE_MS = 60_000;

/** The longest lifetime a session of any realm may have, in milliseconds. */
async function longestSessionMs(realms: Pick<RealmRepository, 'list'>): Promise<number> {
  const configured = (await realms.list()).map((realm) => realm.sessions.maxSessionMinutes);
  return Math.max(defaultRealmConfig('root').sessions.maxSessionMinutes, ...configured) * MINUTE_MS;
}

/** Ends the sessions of every changed account through `sessions`. */
export function endSessionsOnAccountChange(deps: { sessions: Pick<SessionService, 'endSessionsOf'>; realms: Pick<RealmRepository, 'list'> }): AccountChangeListener {
  return async (change) => {
    await deps.sessions.endSessionsOf(change.type, change.id, await longestSessionMs(deps.realms));
  };
}
