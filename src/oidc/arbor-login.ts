/**
 * The sign-in an OpenID provider request carries: Arbor's SSO session, read from the request's
 * session cookie (or header) and checked against the session store. The provider trusts nothing
 * else about who is signed in (session-binding.ts).
 */
import type { IncomingMessage } from 'node:http';

/** A live Arbor sign-in, as the provider records it. */
export interface ArborLogin {
  /** The SSO token (to end the session at the provider's logout). */
  token: string;
  realm: string;
  /** The user's `_id`: the `sub`. */
  accountId: string;
  /** When the session was made (seconds since the epoch): the `auth_time`. */
  authTime: number;
  /** The journey that made the session, or AM's auth level when asked: the `acr`. */
  acr: string;
  /** How the user authenticated (`pwd`, plus `mfa` when the journey recorded a second factor). */
  amr: string[];
  /** The journey that made the session. */
  journey: string;
  /** The SSO session's public handle (not a credential): what ties the provider's sessions to it (session-links.ts). */
  sessionHandle: string;
}

/** Reads the sign-in of a raw request; undefined without a live session. */
export type ArborLoginReader = (request: IncomingMessage) => Promise<ArborLogin | undefined>;
