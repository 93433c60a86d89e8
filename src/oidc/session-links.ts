/**
 * Which of a realm's provider sessions are bound to which Arbor SSO session: when the provider's
 * browser session is bound to an Arbor sign-in (session-binding.ts), the provider session's `uid`
 * is listed under the SSO session's public handle, in the ephemeral store
 * (`oidc:<realm>:sso:<SHA-256 of the handle>`, at most `MAX_LINKED` uids, newest first, kept as long
 * as a provider session lives). When the SSO session ends, the list names the provider sessions to
 * end (end-provider-sessions.ts). Best effort like the session index: a list is read and written
 * back, so two browsers binding the same SSO session at the same instant may leave one out.
 */
import { createHash } from 'node:crypto';
import type { EphemeralStore } from '../store/ephemeral-store.ts';

/** The most provider sessions listed per SSO session. */
export const MAX_LINKED = 8;

const UID = /^[A-Za-z0-9_-]{1,64}$/;

/** The links of one realm. */
export interface SessionLinks {
  /** Lists provider session `uid` under the SSO session `handle`. */
  link(handle: string, uid: string): Promise<void>;
  /** The provider session uids listed under `handle`, and forgets them. */
  take(handle: string): Promise<string[]>;
}

function uidsOf(text: string | undefined): string[] {
  if (text === undefined) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((uid): uid is string => typeof uid === 'string' && UID.test(uid)).slice(0, MAX_LINKED) : [];
  } catch {
    return [];
  }
}

/** The links of `realm` in `ephemeral`, each list kept `ttlMs`. */
export function sessionLinks(ephemeral: EphemeralStore, realm: string, ttlMs: number): SessionLinks {
  const keyOf = (handle: string): string => `oidc:${realm}:sso:${createHash('sha256').update(handle).digest('base64url')}`;
  return {
    async link(handle, uid) {
      if (handle === '' || !UID.test(uid)) return;
      const key = keyOf(handle);
      const known = uidsOf(await ephemeral.get(key));
      if (known[0] === uid) return;
      await ephemeral.put(key, JSON.stringify([uid, ...known.filter((other) => other !== uid)].slice(0, MAX_LINKED)), ttlMs);
    },
    async take(handle) {
      if (handle === '') return [];
      return uidsOf(await ephemeral.consume(keyOf(handle)));
    },
  };
}
