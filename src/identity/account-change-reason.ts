/** Which stored changes of a managed object end its sessions: a new password, or becoming inactive. */
import type { AccountChangeReason } from './account-change.ts';

function isInactiveStatus(value: unknown): boolean {
  return typeof value === 'string' && value.toLowerCase() === 'inactive';
}

/**
 * The reason the change from `before` to `after` (stored data) ends the account's sessions, or
 * undefined: the hashed `passwordProperty` differs (set, changed or removed; a rehash of the same
 * password does not come through here), or `accountStatus` became inactive.
 */
export function accountChangeReason(before: Record<string, unknown>, after: Record<string, unknown>, passwordProperty: string | undefined): AccountChangeReason | undefined {
  if (passwordProperty !== undefined && before[passwordProperty] !== after[passwordProperty]) return 'password';
  if (isInactiveStatus(after.accountStatus) && !isInactiveStatus(before.accountStatus)) return 'inactive';
  return undefined;
}
