/**
 * The UNIQUE_VIOLATION of a unique attribute that existing objects already break: which values
 * they share (case-folded) and which objects hold each, so that an operator turning uniqueness on
 * (`unique` on `mail`) knows exactly what to resolve first. At most `MAX_LISTED` values are named.
 */
import { storeError, type StoreError } from './errors.ts';

/** A value several objects hold, and their ids. */
export interface SharedValue {
  value: string;
  ids: string[];
}

/** How many shared values the message and detail name. */
export const MAX_LISTED = 10;

/** The error refusing to make `attribute` of `type` unique because of `shared` (all of them, or the first ones found). */
export function sharedValuesViolation(type: string, attribute: string, shared: readonly SharedValue[]): StoreError {
  const listed = shared.slice(0, MAX_LISTED);
  const words = listed.map((entry) => `"${entry.value}" (${entry.ids.join(', ')})`).join('; ');
  const more = shared.length > MAX_LISTED ? `; and ${shared.length - MAX_LISTED} more` : '';
  return storeError(
    'UNIQUE_VIOLATION',
    `Cannot make ${attribute} unique for managed/${type}: existing objects share a value (compared case-insensitively): ${words}${more}`,
    { attribute, detail: { type, attribute, shared: listed } },
  );
}

/** Groups (value, id) rows, ordered by value, into shared values. */
export function groupSharedValues(rows: readonly { value: string; id: string }[]): SharedValue[] {
  const groups = new Map<string, string[]>();
  for (const row of rows) groups.set(row.value, [...(groups.get(row.value) ?? []), row.id]);
  return [...groups].filter(([, ids]) => ids.length > 1).map(([value, ids]) => ({ value, ids }));
}
