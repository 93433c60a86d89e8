/**
 * Keeps oidc-provider's browser session a mirror of Arbor's SSO session, so that no sign-in state
 * of the provider outlives Arbor's: whenever the provider loads its session (authorization,
 * resume, end session), the session is bound to the Arbor session the request carries — that
 * user, signed in at that time, with the journey as `acr` — and emptied (no account, no client
 * authorizations) when the request carries none, or one of another realm. A browser holding only
 * Arbor's cookie thus gets a code with `prompt=none`, and after Arbor's logout `login_required`.
 * Each binding to a new sign-in is told to `onBound` (session-links.ts lists the provider session
 * under the SSO session, so that the SSO session's end reaches it).
 */
import type Provider from 'oidc-provider';
import type { ArborLogin, ArborLoginReader } from './arbor-login.ts';

/** Told that the provider session `uid` now mirrors `login`. */
export type SessionBound = (login: ArborLogin, uid: string) => Promise<void>;

/** Binds `provider`'s sessions (realm `realm`) to the Arbor sessions `readLogin` finds. */
export function bindSessionToArbor(provider: Provider, realm: string, readLogin: ArborLoginReader, onBound?: SessionBound): void {
  const Session = provider.Session;
  const load = Session.get.bind(Session);
  Session.get = async (ctx) => {
    const session = await load(ctx);
    const found = await readLogin(ctx.req);
    const login = found?.realm === realm ? found : undefined;
    if (login === undefined) {
      if (session.accountId !== undefined || session.authorizations !== undefined) {
        session.accountId = undefined;
        session.loginTs = undefined;
        session.acr = undefined;
        session.amr = undefined;
        session.authorizations = undefined;
        markTouched(session);
      }
      return session;
    }
    if (session.accountId !== login.accountId || session.loginTs !== login.authTime) {
      // Another user (or a new sign-in): what the previous one granted in this browser goes.
      if (session.accountId !== login.accountId) session.authorizations = undefined;
      session.loginAccount({ accountId: login.accountId, loginTs: login.authTime, acr: login.acr, amr: login.amr });
      markTouched(session);
      await onBound?.(login, session.uid);
    }
    return session;
  };
}

/** Makes the provider store the session at the end of the request (and set its cookie). */
function markTouched(session: object): void {
  Reflect.defineProperty(session, 'touched', { writable: true, configurable: true, value: true });
}
