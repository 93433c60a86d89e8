/**
 * The account page's sign-in cookies, sealed with the master key (AES-GCM, bound to their
 * purpose), HttpOnly, SameSite=Lax, path `/account`:
 * - `arbor-account-auth`: the authorization request under way (realm, `state`, `nonce`, PKCE
 *   verifier), ten minutes, removed by the callback whatever it finds;
 * - `arbor-account-signin`: the sign-in the callback verified (realm, `sub`, the ID token's `sid`,
 *   and the handle of the SSO session the ID token came from), as long as that session may live.
 * The sealing comes from the OpenID provider capability (`ACCOUNT_SIGN_IN`); a value that does not
 * open, has expired or has another shape is no cookie at all.
 */
import type { ServerSettings } from '../../config/server-settings.ts';
import { readCookie } from '../../http/cookies.ts';
import { capabilityKey } from '../../journeys/engine/capabilities.ts';

/** Seals the page's sign-in cookies; registered by the OpenID provider capability. */
export interface AccountSealer {
  seal(plaintext: string, purpose: string): string;
  /** The plaintext, or undefined when `sealed` does not open for `purpose`. */
  open(sealed: string, purpose: string): string | undefined;
}

/** Where the account page finds the sealer; absent without the OpenID provider (the page then trusts the session cookie alone). */
export const ACCOUNT_SIGN_IN = capabilityKey<AccountSealer>('account sign-in');

export const AUTH_COOKIE = 'arbor-account-auth';
export const SIGN_IN_COOKIE = 'arbor-account-signin';

/** An authorization request under way. */
export interface PendingSignIn {
  realm: string;
  state: string;
  nonce: string;
  verifier: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** The sign-in the account page holds. */
export interface AccountSignIn {
  realm: string;
  sub: string;
  sid: string;
  /** The SSO session's public handle. */
  handle: string;
  expiresAt: number;
}

const MAX_COOKIE = 3000;

function flags(settings: Pick<ServerSettings, 'secureCookie'>): string {
  return `Path=/account; HttpOnly; SameSite=Lax${settings.secureCookie ? '; Secure' : ''}`;
}

function text(record: Record<string, unknown>, name: string): string | undefined {
  const value = Object.hasOwn(record, name) ? record[name] : undefined;
  return typeof value === 'string' && value !== '' && value.length <= 512 ? value : undefined;
}

function opened(sealer: AccountSealer, header: string | undefined, name: string, now: number): Record<string, unknown> | undefined {
  const sealed = readCookie(header, name);
  if (sealed === undefined || sealed.length > MAX_COOKIE) return undefined;
  const plain = sealer.open(sealed, name);
  if (plain === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(plain);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const record = value as Record<string, unknown>;
    const expiresAt = Object.hasOwn(record, 'expiresAt') ? record.expiresAt : undefined;
    return typeof expiresAt === 'number' && expiresAt > now ? record : undefined;
  } catch {
    return undefined;
  }
}

function sealedCookie(settings: Pick<ServerSettings, 'secureCookie'>, sealer: AccountSealer, name: string, value: PendingSignIn | AccountSignIn, now: number): string {
  const maxAge = Math.max(1, Math.floor((value.expiresAt - now) / 1000));
  return `${name}=${sealer.seal(JSON.stringify(value), name)}; ${flags(settings)}; Max-Age=${maxAge}`;
}

/** The `Set-Cookie` value that removes cookie `name`. */
export function clearAccountCookie(settings: Pick<ServerSettings, 'secureCookie'>, name: typeof AUTH_COOKIE | typeof SIGN_IN_COOKIE): string {
  return `${name}=; ${flags(settings)}; Max-Age=0`;
}

export function pendingCookie(settings: Pick<ServerSettings, 'secureCookie'>, sealer: AccountSealer, pending: PendingSignIn, now: number): string {
  return sealedCookie(settings, sealer, AUTH_COOKIE, pending, now);
}

export function signInCookie(settings: Pick<ServerSettings, 'secureCookie'>, sealer: AccountSealer, signIn: AccountSignIn, now: number): string {
  return sealedCookie(settings, sealer, SIGN_IN_COOKIE, signIn, now);
}

/** The authorization request the Cookie header carries, when it opens and has not expired. */
export function pendingOf(sealer: AccountSealer, header: string | undefined, now: number): PendingSignIn | undefined {
  const record = opened(sealer, header, AUTH_COOKIE, now);
  if (record === undefined) return undefined;
  const [realm, state, nonce, verifier] = ['realm', 'state', 'nonce', 'verifier'].map((name) => text(record, name));
  if (realm === undefined || state === undefined || nonce === undefined || verifier === undefined) return undefined;
  return { realm, state, nonce, verifier, expiresAt: Number(record.expiresAt) };
}

/** The sign-in the Cookie header carries, when it opens and has not expired. */
export function signInOf(sealer: AccountSealer, header: string | undefined, now: number): AccountSignIn | undefined {
  const record = opened(sealer, header, SIGN_IN_COOKIE, now);
  if (record === undefined) return undefined;
  const [realm, sub, sid, handle] = ['realm', 'sub', 'sid', 'handle'].map((name) => text(record, name));
  if (realm === undefined || sub === undefined || sid === undefined || handle === undefined) return undefined;
  return { realm, sub, sid, handle, expiresAt: Number(record.expiresAt) };
}
