/**
 * Account changes that end every session of the account: the identity side announces them to an
 * injected listener (the platform ends the sessions), so that identity never imports sessions.
 */

/** Why the account's sessions must end. */
export type AccountChangeReason =
  /** The password was set (changed, reset or removed), by anyone, through any path. */
  | 'password'
  /** `accountStatus` became inactive (an administrator, a journey, a persistent lockout). */
  | 'inactive'
  /** The login failure lockout locked the account for a while. */
  | 'locked'
  /** The account was deleted. */
  | 'deleted';

/** One change of managed object `managed/<type>/<id>`. */
export interface AccountChange {
  type: string;
  id: string;
  reason: AccountChangeReason;
}

/**
 * Called after the change is stored; the change's caller waits for it, and its failure fails the
 * operation (the write stays: the caller sees an error instead of a success that kept sessions).
 */
export type AccountChangeListener = (change: AccountChange) => Promise<void>;
