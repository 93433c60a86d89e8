/**
 * Request objects passed by reference (`jwtRequestParameterOption: REFERENCE`): kept for about two
 * minutes under a random id, served once at the realm's `oauth2/request_uri?requestObjectId=<id>`
 * (the HTTP route calls `takeRequestObject`), then gone. Stored on the ephemeral store, keyed by
 * the id's hash, so a leaked store dump cannot be replayed as request URIs.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { EphemeralStore } from '../../store/ephemeral-store.ts';

/** Where request objects wait for the provider to fetch them. */
export interface RequestObjectStore {
  /** Keeps `jwt` and returns the id to put in the request_uri. */
  put(jwt: string): Promise<string>;
  /** The request object with this id, once; undefined when unknown, expired or already taken. */
  take(id: string): Promise<string | undefined>;
}

/** How long a request object waits for the provider (2 minutes). */
export const REQUEST_OBJECT_TTL_MS = 2 * 60_000;

const ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const MAX_REQUEST_OBJECT_LENGTH = 64 * 1024;

/** A request-object store on Arbor's ephemeral store (SQL or Redis, so any node of a cluster serves it). */
export function ephemeralRequestObjectStore(store: EphemeralStore, options: { ttlMs?: number } = {}): RequestObjectStore {
  const ttlMs = options.ttlMs ?? REQUEST_OBJECT_TTL_MS;
  return {
    async put(jwt) {
      if (jwt.length > MAX_REQUEST_OBJECT_LENGTH) throw new RangeError('request object too large');
      const id = randomBytes(32).toString('base64url');
      await store.put(storeKey(id), jwt, ttlMs);
      return id;
    },
    async take(id) {
      if (!ID_PATTERN.test(id)) return undefined;
      return store.consume(storeKey(id));
    },
  };
}

/** What the realm's `oauth2/request_uri` endpoint serves for `requestObjectId`: the JWT (as `application/oauth-authz-req+jwt`), or undefined (answer 404). */
export function takeRequestObject(store: RequestObjectStore, requestObjectId: unknown): Promise<string | undefined> {
  if (typeof requestObjectId !== 'string') return Promise.resolve(undefined);
  return store.take(requestObjectId);
}

function storeKey(id: string): string {
  return `social-rp-request-object:${createHash('sha256').update(id).digest('base64url')}`;
}
