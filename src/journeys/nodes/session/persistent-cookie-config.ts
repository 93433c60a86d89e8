/**
 * The configuration the persistent cookie nodes share (AM's keys and defaults): `idleTimeout`
 * (hours, 5), `useSecureCookie` (true), `useHttpOnlyCookie` (true), `hmacSigningKey` (a secret:
 * sealed at rest, never exported) and `persistentCookieName` (`session-jwt`).
 */
import { Type } from '@sinclair/typebox';
import { COOKIE_NAME_PATTERN } from '../../engine/response-cookie.ts';
import type { RequestFacts } from '../../engine/node-context.ts';
import { secretConfigPurpose } from '../../trees/secret-config.ts';
import { realmOfRequest } from '../social/realm-of-request.ts';
import type { SealedNodeSecret } from './persistent-cookie-keys.ts';

/** AM's default cookie name. */
export const DEFAULT_PERSISTENT_COOKIE_NAME = 'session-jwt';

/** Hours, as AM's config gives them (a number; Configuration Provider scripts may give digits). */
export const hours = (defaultHours: number, description: string) =>
  Type.Union([Type.Number({ exclusiveMinimum: 0, maximum: 24 * 366 * 10 }), Type.String({ pattern: '^[0-9]{1,6}$' })], { default: defaultHours, description });

/** The fields both nodes have. */
export const persistentCookieFields = {
  idleTimeout: hours(5, 'Hours without use after which the cookie no longer signs the user in.'),
  useSecureCookie: Type.Boolean({ default: true }),
  useHttpOnlyCookie: Type.Boolean({ default: true }),
  hmacSigningKey: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'The key the cookie is signed with (sealed at rest, never exported); the same in the nodes that set and read a cookie.' })),
  persistentCookieName: Type.String({ minLength: 1, pattern: COOKIE_NAME_PATTERN, default: DEFAULT_PERSISTENT_COOKIE_NAME }),
};

/** A number of hours from the config. */
export function hoursOf(value: number | string): number {
  return typeof value === 'number' ? value : Number(value);
}

/** The node's sealed key, undefined when the node has none. */
export function sealedKeyOf(hmacSigningKey: string | null | undefined, request: Pick<RequestFacts, 'realm'>, nodeType: string, nodeId: string): SealedNodeSecret | undefined {
  if (typeof hmacSigningKey !== 'string' || hmacSigningKey === '') return undefined;
  return { sealed: hmacSigningKey, purpose: secretConfigPurpose(realmOfRequest(request), nodeType, nodeId, 'hmacSigningKey') };
}
