/** What the identity service gives out for a stored object: everything but the password hash and history. */
import { withoutKbaAnswers } from './kba-answers.ts';
import { publicMeta } from './password-history.ts';
import type { StoredManagedObject } from './ports.ts';

/** A managed object as callers see it (the shape of the journeys' `ManagedUserView`). */
export interface ManagedObjectView {
  _id: string;
  _rev: string;
  /** Every property except `password`. */
  attributes: Record<string, unknown>;
  /** `_meta`: createDate, lastChanged, loginCount… (never the password history). */
  meta: Record<string, unknown>;
  hasPassword: boolean;
}

/** The view of a stored object; the password hash never leaves, nor the answers under `kbaPropertyName` when given. */
export function viewOf(stored: StoredManagedObject, kbaPropertyName?: string): ManagedObjectView {
  const { password, ...attributes } = kbaPropertyName === undefined ? stored.data : withoutKbaAnswers(stored.data, kbaPropertyName);
  return { _id: stored.id, _rev: stored.rev, attributes: structuredClone(attributes), meta: structuredClone(publicMeta(stored.meta)), hasPassword: typeof password === 'string' };
}
