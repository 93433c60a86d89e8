/**
 * Password history for the `is-new` policy: the hashes a user's password had before, newest
 * first, kept in `_meta.passwordHistory`. `_meta` is written by the server only (request bodies'
 * `_meta` is dropped, queries never filter on it), and `publicMeta` removes the history from every
 * read. With `historyLength: N` the current hash (in `password`) and N − 1 previous ones are kept:
 * the user's last N passwords. With no `is-new` policy on `password`, no history is kept.
 */
import type { ManagedObjectSchema } from './managed-schema.ts';

/** The `_meta` field holding the previous password hashes, newest first. */
export const PASSWORD_HISTORY_FIELD = 'passwordHistory';

/** The password policy that reads the history. */
export const IS_NEW_POLICY_ID = 'is-new';

/** `historyLength` when it is usable: an integer of at least 1; undefined otherwise. */
export function historyLengthOf(params: Record<string, unknown> | undefined): number | undefined {
  const value = params?.historyLength;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}

/** The largest `historyLength` of the `is-new` policies on `password`; 0 when there is none (history off). */
export function passwordHistoryLength(schema: ManagedObjectSchema): number {
  const lengths = (schema.properties.password?.policies ?? []).filter((policy) => policy.policyId === IS_NEW_POLICY_ID).map((policy) => historyLengthOf(policy.params) ?? 0);
  return Math.max(0, ...lengths);
}

function historyOf(meta: Record<string, unknown>): string[] {
  const history = meta[PASSWORD_HISTORY_FIELD];
  return Array.isArray(history) ? history.filter((hash): hash is string => typeof hash === 'string') : [];
}

/** The password hashes of a stored object, newest first: its current hash, then the previous ones kept. */
export function storedPasswordHashes(stored: { data: Record<string, unknown>; meta: Record<string, unknown> }): string[] {
  const current = stored.data.password;
  return [...(typeof current === 'string' ? [current] : []), ...historyOf(stored.meta)];
}

/**
 * `meta` for a write: the hash the write replaces (when the password changed) pushed first, then
 * trimmed to `historyLength − 1` previous hashes; without the field when that leaves none.
 */
export function metaWithPasswordHistory(meta: Record<string, unknown>, historyLength: number, replacedHash: string | undefined): Record<string, unknown> {
  const rest = publicMeta(meta);
  const kept = [...(replacedHash === undefined ? [] : [replacedHash]), ...historyOf(meta)].slice(0, Math.max(0, historyLength - 1));
  return kept.length === 0 ? rest : { ...rest, [PASSWORD_HISTORY_FIELD]: kept };
}

/** `meta` as it may leave the server: without the password history. */
export function publicMeta(meta: Record<string, unknown>): Record<string, unknown> {
  const { [PASSWORD_HISTORY_FIELD]: _history, ...rest } = meta;
  return rest;
}
