/**
 * The audit event fields the store indexes, so that equality on them (`userName eq "bjensen"`)
 * is answered by the store instead of a scan: the realm, the user of an authentication
 * (`userId`, `userName`), its `outcome`, the object an activity or config event is about
 * (`objectId`), the request (`transactionId`) and who acted (`actor/userId`, `actor/username`).
 * A field's indexed value is its string value case-folded as `_queryFilter` compares strings;
 * a field that is absent or not a string has none (no string equality can match it).
 */
import { valueAtPath } from '../identity/query-filter/evaluate-query-filter.ts';
import { foldCase } from '../identity/query-filter/fold-case.ts';
import type { FieldPath } from '../identity/query-filter/query-filter.ts';
import type { AuditEvent } from './audit-event.ts';

/** The indexed fields, named by their JSON pointer without the leading slash. */
export const AUDIT_INDEXED_FIELDS = ['realm', 'userId', 'userName', 'outcome', 'objectId', 'transactionId', 'actor/userId', 'actor/username'] as const;

/** One indexed field. */
export type AuditIndexedField = (typeof AUDIT_INDEXED_FIELDS)[number];

/** Each indexed field's path segments. */
const PATHS: ReadonlyMap<AuditIndexedField, FieldPath> = new Map(AUDIT_INDEXED_FIELDS.map((field) => [field, field.split('/')]));

/** The indexed field a filter's field path names, if any (segments compared one by one: `actor~1userId` is none). */
export function indexedFieldAt(path: FieldPath): AuditIndexedField | undefined {
  for (const [field, segments] of PATHS) {
    if (segments.length === path.length && segments.every((segment, index) => segment === path[index])) return field;
  }
  return undefined;
}

/** The indexed values of `event`: each field's string value case-folded; fields without one left out. */
export function auditIndexedValues(event: AuditEvent): Partial<Record<AuditIndexedField, string>> {
  const values: Partial<Record<AuditIndexedField, string>> = {};
  const object = event as unknown as Record<string, unknown>;
  for (const [field, segments] of PATHS) {
    const value = valueAtPath(object, segments);
    if (typeof value === 'string') values[field] = foldCase(value);
  }
  return values;
}
