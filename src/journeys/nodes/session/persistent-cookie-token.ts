/**
 * The persistent cookie's token: a compact JWT (`HS256`) whose claims name the user (`sub`: the
 * managed object id, `uid`: the user name), the realm and identity resource it is valid for, the
 * cookie's name, the client address when the node enforces it, and two expiries in seconds:
 * `idle` (renewed each time the cookie signs the user in) and `exp` (the cookie's maximum life,
 * never renewed). The signature is checked in constant time before any claim is read.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The claims of a persistent cookie. */
export interface PersistentCookieClaims {
  sub: string;
  uid: string;
  /** Realm name (`alpha`, `root`). */
  realm: string;
  /** Identity resource (`managed/alpha_user`). */
  res: string;
  /** The cookie name the token was issued for. */
  name: string;
  /** Client address, when the token must come back from it. */
  ip?: string;
  iat: number;
  /** Idle expiry, seconds since the epoch. */
  idle: number;
  /** Maximum life, seconds since the epoch. */
  exp: number;
}

/** What a token must match besides its signature. */
export interface PersistentCookieExpectation {
  realm: string;
  res: string;
  name: string;
  /** Seconds since the epoch. */
  now: number;
  /** The request's client address, when the token must have been issued to it (`enforceClientIp`). */
  clientIp?: string;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const MAX_TOKEN_LENGTH = 4000;

function signature(key: Uint8Array, signingInput: string): Buffer {
  return createHmac('sha256', key).update(signingInput).digest();
}

/** The token of `claims`, signed with `key`. */
export function signPersistentCookie(claims: PersistentCookieClaims, key: Uint8Array): string {
  const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signingInput}.${signature(key, signingInput).toString('base64url')}`;
}

function claimsOf(payload: unknown): PersistentCookieClaims | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  const value = payload as Record<string, unknown>;
  const text = (name: string): string | undefined => (Object.hasOwn(value, name) && typeof value[name] === 'string' ? value[name] : undefined);
  const seconds = (name: string): number | undefined => (Object.hasOwn(value, name) && Number.isSafeInteger(value[name]) ? (value[name] as number) : undefined);
  const [sub, uid, realm, res, name, ip] = [text('sub'), text('uid'), text('realm'), text('res'), text('name'), text('ip')];
  const [iat, idle, exp] = [seconds('iat'), seconds('idle'), seconds('exp')];
  if (sub === undefined || uid === undefined || realm === undefined || res === undefined || name === undefined) return undefined;
  if (iat === undefined || idle === undefined || exp === undefined) return undefined;
  return { sub, uid, realm, res, name, ...(ip === undefined ? {} : { ip }), iat, idle, exp };
}

/**
 * The claims of `token` when it is signed with `key`, unexpired (idle and maximum life) and
 * issued for the expected realm, identity resource, cookie name (and client address); else undefined.
 */
export function verifyPersistentCookie(token: string, key: Uint8Array, expected: PersistentCookieExpectation): PersistentCookieClaims | undefined {
  if (token.length > MAX_TOKEN_LENGTH) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header = '', payload = '', given = ''] = parts;
  if (header !== HEADER) return undefined;
  const wanted = signature(key, `${header}.${payload}`);
  const sent = Buffer.from(given, 'base64url');
  if (sent.length !== wanted.length || !timingSafeEqual(sent, wanted)) return undefined;
  let claims: PersistentCookieClaims | undefined;
  try {
    claims = claimsOf(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return undefined;
  }
  if (claims === undefined) return undefined;
  if (claims.realm !== expected.realm || claims.res !== expected.res || claims.name !== expected.name) return undefined;
  if (expected.now >= claims.idle || expected.now >= claims.exp) return undefined;
  if (expected.clientIp !== undefined && claims.ip !== expected.clientIp) return undefined;
  return claims;
}
